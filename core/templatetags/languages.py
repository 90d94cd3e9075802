from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each of the site's languages: ``(code, name, address)``; the same
    address in each for a page that has one language only (the admin's)."""
    path = context["request"].get_full_path()
    return [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]
