from django.shortcuts import get_object_or_404, redirect, render

from booths import selectors
from booths.models import Booth
from expo.models import Edition


def floor_plan(request, edition_slug):
    edition = get_object_or_404(
        Edition.objects.public().select_related("venue_image"), slug=edition_slug
    )
    context = {"edition": edition, **selectors.floor_plan(edition=edition)}
    return render(request, "booths/floor_plan.html", context)


def booth_landing(request, edition_slug, code):
    """The short address printed as a QR code on a booth sign: to the booth's exhibitor."""
    edition = get_object_or_404(Edition.objects.public(), slug=edition_slug)
    booth = get_object_or_404(
        Booth.objects.select_related("assignment__application__exhibitor"),
        edition=edition,
        code__iexact=code,
    )
    assignment = getattr(booth, "assignment", None)
    if assignment is None:
        return redirect("floor_plan", edition_slug=edition_slug)
    return redirect(
        "participant_detail",
        edition_slug=edition_slug,
        slug=assignment.application.exhibitor.slug,
    )
