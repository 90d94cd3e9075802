import json

import lokal
from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def rupiah(amount):
    """Whole rupiah as Indonesians write it: ``Rp1.500.000``."""
    if amount in (None, ""):
        return ""
    return lokal.format_rupiah(int(amount))


@register.simple_tag
def date_range(starts_on, ends_on):
    """``12–14 November 2021``, or a single date when the expo lasts one day."""
    if starts_on == ends_on:
        return date_format(starts_on, "j F Y")
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        return f"{starts_on.day}–{date_format(ends_on, 'j F Y')}"
    if starts_on.year == ends_on.year:
        return f"{date_format(starts_on, 'j F')} – {date_format(ends_on, 'j F Y')}"
    return f"{date_format(starts_on, 'j F Y')} – {date_format(ends_on, 'j F Y')}"


# What json_script escapes, so that no text of a user's can close the script element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A schema.org description as a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
