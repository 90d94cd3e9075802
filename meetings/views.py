from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from exhibitors import managing
from expo.models import Edition
from meetings import selectors, services
from meetings.forms import BuyerForm, RequestForm
from meetings.models import Buyer, Meeting

# Personal pages, kept by no cache: a buyer's requests, an owner's meetings. A buyer
# finds only their own meetings, an owner only those of the profile they work on; any
# other id is a 404.


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
def book(request, edition_slug, slug):
    """A participant's free meeting slots, and the request of one: the page the public
    exhibitor page links to, drawn for each visitor (the public pages are cached)."""
    edition = get_object_or_404(Edition.objects.public(), slug=edition_slug)
    participant = selectors.bookable_participant(edition=edition, slug=slug)
    if participant is None:
        return render(request, "meetings/not_a_participant.html", {"edition": edition}, status=404)
    buyer = selectors.buyer_of(request.user)
    slots = selectors.free_slots(application=participant)
    form = RequestForm(request.POST if request.method == "POST" else None, slots=slots)
    if request.method == "POST" and buyer is not None and form.is_valid():
        try:
            services.request_meeting(
                buyer=buyer,
                slot=form.cleaned_data["slot"],
                application=participant,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your request has been sent. We will e-mail you the answer.")
            )
            return redirect("meetings_buyer")
    context = {
        "edition": edition,
        "participant": participant,
        "exhibitor": participant.exhibitor,
        "buyer": buyer,
        "form": form,
        "has_slots": bool(form.fields["slot"].queryset),
    }
    return render(request, "meetings/book.html", context)


@never_cache
@login_required
def buyer_profile(request):
    """A buyer's light registration, or a change of it."""
    buyer = selectors.buyer_of(request.user) or Buyer(user=request.user)
    if any(button in request.POST for button in BuyerForm.narrowing_buttons):
        form = BuyerForm(initial=request.POST.dict(), instance=buyer)
    else:
        form = BuyerForm(request.POST or None, instance=buyer)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            services.register_buyer(buyer=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your buyer registration has been saved."))
            return redirect(safe_next(request, reverse("meetings_buyer")))
    return render(
        request,
        "meetings/buyer_profile.html",
        {"form": form, "next": safe_next(request, ""), "buyer": buyer},
    )


@never_cache
@login_required
def buyer_meetings(request):
    """A buyer's requests and their answers."""
    buyer = selectors.buyer_of(request.user)
    if buyer is None:
        return redirect("meetings_buyer_profile")
    return render(
        request,
        "meetings/buyer_meetings.html",
        {"buyer": buyer, "meetings": selectors.buyer_meetings(buyer=buyer)},
    )


@never_cache
@login_required
def owner_meetings(request):
    """The meetings buyers asked of the owner's business, to accept or decline."""
    exhibitor = managing.working_exhibitor_or_404(request)
    meetings = selectors.exhibitor_meetings(exhibitor=exhibitor)
    return render(
        request,
        "meetings/owner_meetings.html",
        {
            "exhibitor": exhibitor,
            "to_decide": [m for m in meetings if m.status == Meeting.Status.REQUESTED],
            "decided": [m for m in meetings if m.status != Meeting.Status.REQUESTED],
        },
    )


@login_required
@require_POST
def decide(request, pk, accept):
    exhibitor = managing.working_exhibitor_or_404(request)
    meeting = get_object_or_404(Meeting, pk=pk, application__exhibitor=exhibitor)
    try:
        services.decide_meeting(meeting=meeting, accept=accept, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Meeting accepted: the buyer and you have the confirmation by e-mail.")
            if accept
            else _("Meeting declined: the buyer is told by e-mail."),
        )
    return redirect("meetings_owner")
