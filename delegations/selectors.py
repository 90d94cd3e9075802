from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from booths.selectors import booth_code
from core.db import total_per_row
from exhibitors.models import Application, Exhibitor
from exhibitors.selectors import editions_before
from expo.models import Delegation
from outcomes.selectors import sales_reported


def delegations_of(user):
    """The delegations of the office ``user`` is a member of: the only ones they see."""
    return Delegation.objects.filter(organisation__members__user=user.pk).select_related(
        "edition", "organisation__region"
    )


def places_taken():
    """Annotations: how many booths and virtual places a delegation's nominees hold, as
    the database counts them for the allotment (``nomination_within_allotment``)."""
    holding = Q(nominations__status__in=Application.HOLDING_PLACE)
    booth = Q(nominations__mode__in=Application.BOOTH_MODES)
    return {
        "booths_taken": Count("nominations", filter=holding & booth),
        "virtual_taken": Count("nominations", filter=holding & ~booth),
    }


def with_places_taken(delegations):
    return delegations.annotate(**places_taken())


def nominations(*, delegation):
    """The delegation's nominees, newest first, with their booth, how many earlier
    editions each took part in, and what they reported."""
    return (
        delegation.nominations.select_related("exhibitor")
        .annotate(
            booth_code=booth_code(),
            editions_before=editions_before(),
            sales_reported=sales_reported(),
        )
        .order_by("-submitted_at", "-pk")
    )


def candidates(*, delegation, query=""):
    """The UMKM of the office's regency or city it may nominate: not in the edition yet,
    with an owner or registered by the office itself (not a profile whose owner left).
    Those who never took part come first, for rotation; then by name."""
    edition = delegation.edition
    earlier = Application.objects.accepted().filter(edition__starts_on__lt=edition.starts_on)
    rows = (
        Exhibitor.objects.filter(
            kind=Exhibitor.Kind.UMKM, region_id=delegation.organisation.region_id
        )
        .filter(Q(owner__isnull=False) | Q(registered_by=delegation.organisation_id))
        .exclude(Exists(Application.objects.filter(exhibitor=OuterRef("pk"), edition=edition)))
        .annotate(
            editions_before=total_per_row(earlier, Count("pk"), exhibitor_id="pk"),
        )
        .select_related("kecamatan")
        .only("pk", "name", "category", "kecamatan__name", "nib", "region_id")
        .order_by("editions_before", "name", "pk")
    )
    words = " ".join(query.split())
    return rows.filter(name__icontains=words) if words else rows


@dataclass(frozen=True)
class Figures:
    """What the delegation's accepted participants reported, for its office: how many
    reported sales, out of how many, and the rupiah of their sales and orders."""

    reported: int
    participants: int
    sales: int


def figures(rows):
    accepted = [row for row in rows if row.status == Application.Status.ACCEPTED]
    return Figures(
        reported=sum(1 for row in accepted if row.sales_reported),
        participants=len(accepted),
        sales=sum(row.sales_reported or 0 for row in accepted),
    )
