import segno
from django.urls import reverse
from django.utils.safestring import mark_safe

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


def booth_signs(*, booths, absolute_url):
    """One printable sign per booth: its code, its occupant and a QR code to its page.

    ``absolute_url`` turns a path into the full address a phone's camera will open.
    """
    signs = []
    for booth in booths.select_related("edition", "assignment__application__exhibitor"):
        path = reverse(
            "booth_landing", kwargs={"edition_slug": booth.edition.slug, "code": booth.code}
        )
        qr = segno.make(absolute_url(path), error="m")
        assignment = getattr(booth, "assignment", None)
        signs.append(
            {
                "booth": booth,
                "exhibitor": assignment.application.exhibitor if assignment else None,
                "url": absolute_url(path),
                # segno writes the SVG itself from the address; nothing of the user's in it.
                "qr_svg": mark_safe(qr.svg_inline(scale=1, border=2, omitsize=True)),  # noqa: S308
            }
        )
    return signs
