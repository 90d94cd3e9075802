from dataclasses import dataclass

import segno
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, Count, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.urls import reverse
from django.utils.safestring import mark_safe

from booths.models import Assignment, Booth
from core.db import total_per_row
from exhibitors.models import Application, Category, Exhibitor
from exhibitors.selectors import is_from_host_region, is_outside, outside_limit

PLAN_MARGIN = 1


def with_booths(applications):
    """``applications`` with each one's booth, read as ``application.assignment.booth``."""
    return applications.select_related("assignment__booth")


def booth_code():
    """The code of an application's booth, or None: annotated on the applications the
    exhibitors app reads for its owners and its decisions."""
    return F("assignment__booth__code")


def zones():
    """The zones of an edition's booths, in order, each once: annotated on an edition."""
    # Ordered by the zone alone: the booths' own ordering would make DISTINCT see codes too.
    return ArraySubquery(
        Booth.objects.filter(edition=OuterRef("pk"))
        .exclude(zone="")
        .order_by("zone")
        .values("zone")
        .distinct()
    )


def booth_count():
    """How many booths an edition has: annotated on an edition."""
    return total_per_row(Booth.objects.all(), Count("pk"), edition="pk")


@dataclass(frozen=True)
class OutsideQuota:
    share_percent: int
    limit: int
    taken: int


def outside_quota(*, edition):
    """The booths an edition leaves to outside participants, and how many they hold."""
    host_codes = edition.host_region_codes
    taken = (
        Assignment.objects.filter(
            booth__edition=edition, application__exhibitor__kind=Exhibitor.Kind.UMKM
        )
        .exclude(application__exhibitor__region__in=host_codes)
        .count()
    )
    limit = outside_limit(
        booth_count=Booth.objects.filter(edition=edition).count(),
        host_share_percent=edition.host_share_percent,
    )
    return OutsideQuota(share_percent=100 - edition.host_share_percent, limit=limit, taken=taken)


def floor_plan(*, edition):
    """The edition's booths with their occupants, the venue image under them if there is
    one, and the plan's size in metres.

    Fetch the edition with ``select_related("venue_image")`` to save a query.
    """
    booths = list(
        Booth.objects.filter(edition=edition)
        .select_related("assignment__application__exhibitor")
        .order_by("code")
    )
    for booth in booths:
        booth.centre_x = booth.x + booth.width / 2
        booth.centre_y = booth.y + booth.depth / 2
    venue = getattr(edition, "venue_image", None)
    width = max(
        max((booth.x + booth.width for booth in booths), default=0) + PLAN_MARGIN,
        venue.width_m if venue else 0,
    )
    height = max(
        max((booth.y + booth.depth for booth in booths), default=0) + PLAN_MARGIN,
        venue.height_m if venue else 0,
    )
    categories = {
        booth.assignment.application.exhibitor.category
        for booth in booths
        if hasattr(booth, "assignment")
    }
    legend = [(value, label) for value, label in Category.choices if value in categories]
    return {
        "booths": booths,
        "width": width,
        "height": height,
        "legend": legend,
        "venue_image": venue,
    }


def board(*, edition):
    """What the booth board shows: the plan, the accepted booth participants still
    without a booth, and the outside share. Its queries do not grow with the rows.

    Fetch the edition with ``select_related("venue_image")`` and
    ``prefetch_related("host_regions")``.
    """
    host_codes = edition.host_region_codes
    plan = floor_plan(edition=edition)
    outside_taken = 0
    free = []
    for booth in plan["booths"]:
        assignment = getattr(booth, "assignment", None)
        booth.occupant = assignment.application.exhibitor if assignment else None
        if booth.occupant is None:
            free.append(booth)
        else:
            booth.occupant.is_outside = is_outside(exhibitor=booth.occupant, host_codes=host_codes)
            outside_taken += booth.occupant.is_outside
    participants = list(
        Application.objects.accepted()
        .filter(edition=edition, mode__in=Application.BOOTH_MODES, assignment__isnull=True)
        .select_related("exhibitor__region")
        .order_by("exhibitor__name", "pk")
    )
    for application in participants:
        application.is_outside = is_outside(exhibitor=application.exhibitor, host_codes=host_codes)
    quota = OutsideQuota(
        share_percent=100 - edition.host_share_percent,
        limit=outside_limit(
            booth_count=len(plan["booths"]), host_share_percent=edition.host_share_percent
        ),
        taken=outside_taken,
    )
    return {**plan, "free_booths": free, "participants": participants, "quota": quota}


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
    # As the quota counts them (see ``is_outside``): institutions are on neither side.
    umkm = Q(exhibitor__kind=Exhibitor.Kind.UMKM)
    inside, outside = umkm & Q(inside=True), umkm & Q(inside=False)
    institution = ~umkm
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
            accepted_institutions=Count("pk", filter=institution),
            assigned_institutions=Count("pk", filter=institution & assigned),
        )
    )
    booths = Booth.objects.filter(edition=edition).aggregate(
        total=Count("pk"), taken=Count("assignment")
    )
    outside_share = 100 - edition.host_share_percent
    limit = outside_limit(
        booth_count=booths["total"], host_share_percent=edition.host_share_percent
    )
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
        "outside_limit": limit,
        "outside_over_limit": participants["assigned_outside"] > limit,
    }


def booth_zone():
    """The zone of an application's booth, or None: annotated on the applications the
    exhibitors app reads for its owners."""
    return F("assignment__booth__zone")


def outside_share_full():
    """Whether an application counts against its edition's share of booths for outside
    participants (as ``is_outside`` says) and they hold all of it already (as
    ``outside_quota`` counts), once the edition has booths: annotated on the applications
    the exhibitors app reads for its owners, so a dashboard of many costs no query more."""
    counted = Q(exhibitor__kind=Exhibitor.Kind.UMKM) & ~is_from_host_region()
    booths = _count(Booth.objects.filter(edition=OuterRef("edition_id")))
    taken = _count(
        Application.objects.filter(
            counted, edition=OuterRef("edition_id"), assignment__isnull=False
        )
    )
    # ``outside_limit`` in SQL: the integer division rounds down as it does.
    limit = booths * (100 - F("edition__host_share_percent")) / 100
    return ExpressionWrapper(
        counted & Q(GreaterThan(booths, 0)) & Q(GreaterThanOrEqual(taken, limit)),
        output_field=BooleanField(),
    )


def _count(rows):
    """How many ``rows`` there are (of one edition), as a subquery."""
    return Coalesce(
        Subquery(rows.order_by().values("edition").annotate(count=Count("pk")).values("count")),
        0,
    )


@dataclass(frozen=True)
class NextStepCounts:
    """What is left to do for an edition, counted: the figures behind its next steps."""

    submitted: int
    # Accepted for a booth at the venue (``Application.BOOTH_MODES``), still without one.
    unplaced: int
    # Accepted for a booth from outside the host regions, as the share counts them.
    outside_accepted: int
    outside_share_percent: int
    outside_limit: int
    booths: int
    booths_taken: int

    @property
    def outside_over_limit(self):
        # Applications accepted before acceptance warned about the share can leave more
        # outside participants than booths for them; without booths there is no share yet.
        return self.booths > 0 and self.outside_accepted > self.outside_limit


def edition_next_steps(*, edition):
    """The counts an edition's page turns into its next steps, in two queries whatever
    the number of applications and booths."""
    for_a_booth = Q(status=Application.Status.ACCEPTED, mode__in=Application.BOOTH_MODES)
    # As the share counts them (see ``is_outside``): institutions are on neither side.
    outside = Q(exhibitor__kind=Exhibitor.Kind.UMKM, inside=False)
    applications = (
        Application.objects.filter(edition=edition)
        .annotate(inside=is_from_host_region())
        .aggregate(
            submitted=Count("pk", filter=Q(status=Application.Status.SUBMITTED)),
            unplaced=Count("pk", filter=for_a_booth & Q(assignment__isnull=True)),
            outside_accepted=Count("pk", filter=for_a_booth & outside),
        )
    )
    booths = Booth.objects.filter(edition=edition).aggregate(
        total=Count("pk"), taken=Count("assignment")
    )
    return NextStepCounts(
        **applications,
        outside_share_percent=100 - edition.host_share_percent,
        outside_limit=outside_limit(
            booth_count=booths["total"], host_share_percent=edition.host_share_percent
        ),
        booths=booths["total"],
        booths_taken=booths["taken"],
    )


def editions_to_run(*, editions, today):
    """``editions`` (those a staff member runs) for the admin's first page: the ones not
    over yet first, soonest first, then the past ones, latest first."""
    editions = list(editions.order_by("starts_on", "name"))
    upcoming = [edition for edition in editions if edition.ends_on >= today]
    past = [edition for edition in editions if edition.ends_on < today]
    past.sort(key=lambda edition: edition.starts_on, reverse=True)
    return upcoming + past
