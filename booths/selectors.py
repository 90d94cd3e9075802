from booths.models import Booth
from exhibitors.models import Category

PLAN_MARGIN = 1


def floor_plan(*, edition):
    """The edition's booths with their occupants, and the plan's size in metres."""
    booths = list(
        Booth.objects.filter(edition=edition)
        .select_related("assignment__application__exhibitor")
        .order_by("code")
    )
    for booth in booths:
        booth.centre_x = booth.x + booth.width / 2
        booth.centre_y = booth.y + booth.depth / 2
    width = max((booth.x + booth.width for booth in booths), default=0) + PLAN_MARGIN
    height = max((booth.y + booth.depth for booth in booths), default=0) + PLAN_MARGIN
    categories = {
        booth.assignment.application.exhibitor.category
        for booth in booths
        if hasattr(booth, "assignment")
    }
    legend = [(value, label) for value, label in Category.choices if value in categories]
    return {"booths": booths, "width": width, "height": height, "legend": legend}
