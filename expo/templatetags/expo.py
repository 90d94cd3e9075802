import lokal
from django import template
from django.utils.formats import date_format

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
