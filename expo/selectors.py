from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from expo.models import Edition


def editions_for_home(*, today=None):
    """Public editions split for the home page: running and upcoming first, then the archive."""
    today = today or timezone.localdate()
    editions = Edition.objects.public().annotate(
        participant_count=Count("applications", filter=Q(applications__status="accepted"))
    )
    return {
        "current_editions": editions.filter(ends_on__gte=today).order_by("starts_on"),
        "past_editions": editions.filter(ends_on__lt=today).order_by("-starts_on"),
    }


def edition_figures(*, edition):
    """Key figures of an edition's accepted participants, inside and outside its hosts."""
    # Spelled through the reverse relation: the events app does not import the others.
    # Products are added up from each participant's catalogue count (kept by PostgreSQL):
    # joining every product would take a while on a big edition, and multiply the rows
    # every other figure counts.
    accepted = Q(applications__status="accepted")
    figures = Edition.objects.filter(pk=edition.pk).aggregate(
        participants=Count("applications", filter=accepted),
        inside=Count(
            "applications",
            filter=accepted & Q(applications__exhibitor__region__in=edition.host_region_codes),
        ),
        regions=Count("applications__exhibitor__region", filter=accepted, distinct=True),
        products=Coalesce(
            Sum("applications__exhibitor__catalogue__published_products", filter=accepted), 0
        ),
    )
    figures["outside"] = figures["participants"] - figures["inside"]
    return figures
