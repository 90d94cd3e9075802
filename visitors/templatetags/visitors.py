from django import template

from booths import selectors

register = template.Library()


@register.inclusion_tag("visitors/booth_spot.html")
def booth_spot(edition, booth):
    """The edition's floor plan, small, with ``booth`` marked: where to find an exhibitor."""
    return {"edition": edition, "highlight": booth.pk, **selectors.floor_plan(edition=edition)}
