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
    figures = edition.applications.accepted().aggregate(
        participants=Count("pk"),
        inside=Count("pk", filter=Q(exhibitor__region__in=edition.host_region_codes)),
        regions=Count("exhibitor__region", distinct=True),
        products=Coalesce(Sum("exhibitor__catalogue__published_products"), 0),
    )
    figures["outside"] = figures["participants"] - figures["inside"]
    return figures
