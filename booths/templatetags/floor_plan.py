from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def booth_shape(booth, kinds=False):
    """A booth on the floor plan: its rectangle and its code, in metres as the SVG reads
    them (never localised: ``1,5`` is no coordinate). A tag, not an include: a plan draws
    hundreds of booths, and each include costs a template context of its own."""
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}"{}></rect>\n<text x="{}" y="{}">{}</text>',
        str(booth.x),
        str(booth.y),
        str(booth.width),
        str(booth.depth),
        format_html(' class="kind-{}"', booth.kind) if kinds else "",
        str(booth.centre_x),
        str(booth.centre_y),
        booth.code,
    )
