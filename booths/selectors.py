import segno
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.safestring import mark_safe

from booths.models import Booth
from exhibitors.models import Application, Category
from exhibitors.selectors import is_from_host_region

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


def edition_counters(*, edition):
    """The figures an organiser watches while reviewing an edition, in three queries.

    Applications by status; accepted and assigned participants inside and outside the
    host regions; booths free and taken. Outside participants may take the booths the
    host regions' share leaves over: ``host_share_percent`` of 30 booths at 80% keeps
    24 for the hosts, so at most 6 go to participants from outside.
    """
    by_status = dict(
        Application.objects.filter(edition=edition)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    inside, outside = Q(inside=True), Q(inside=False)
    assigned = Q(assignment__isnull=False)
    participants = (
        Application.objects.accepted()
        .filter(edition=edition)
        .annotate(inside=is_from_host_region())
        .aggregate(
            accepted_inside=Count("pk", filter=inside),
            accepted_outside=Count("pk", filter=outside),
            assigned_inside=Count("pk", filter=inside & assigned),
            assigned_outside=Count("pk", filter=outside & assigned),
        )
    )
    booths = Booth.objects.filter(edition=edition).aggregate(
        total=Count("pk"), taken=Count("assignment")
    )
    outside_share = 100 - edition.host_share_percent
    outside_limit = booths["total"] * outside_share // 100
    return {
        "edition": edition,
        "statuses": [
            (value, label, by_status.get(value, 0)) for value, label in Application.Status.choices
        ],
        "applications": sum(by_status.values()),
        **participants,
        "booths": booths["total"],
        "booths_taken": booths["taken"],
        "booths_free": booths["total"] - booths["taken"],
        "outside_share": outside_share,
        "outside_limit": outside_limit,
        "outside_over_limit": participants["assigned_outside"] > outside_limit,
    }
