"""Pendampingan: Dinas staff registering UMKM that are not online, managing their
profiles on their owners' behalf, and handing them over to their owners.

Every page here but the owner's claim page is for a member of an organisation
(``expo.Membership``) alone, and works on that organisation's profiles alone; anyone else
gets 404.
"""

from functools import wraps

from allauth.account.internal import flows
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import SignupForm
from exhibitors import documents, managing, selectors, services
from exhibitors.forms import AssistedRegistrationForm, ConsentCodeForm, ConsentDocumentForm
from exhibitors.models import CLAIM_LINK_DAYS, ClaimLink, OwnerConsent
from exhibitors.views import report


def member_required(view):
    """Only for staff of an organisation; the view gets their ``organisation``."""

    @login_required
    @wraps(view)
    def for_members(request, *args, **kwargs):
        organisation = selectors.member_organisation(user=request.user)
        if organisation is None:
            raise Http404
        managing.working_exhibitor(request)  # for the banner, while managing a profile
        return view(request, *args, organisation=organisation, **kwargs)

    return for_members


@member_required
def assisted_profiles(request, *, organisation):
    return render(
        request,
        "exhibitors/assisted_profiles.html",
        {
            "organisation": organisation,
            "profiles": selectors.assisted_profiles(organisation=organisation),
        },
    )


@member_required
def assisted_register(request, *, organisation):
    if "choose_province" in request.POST:
        # Without JavaScript the region list narrows by a round trip (as on the profile).
        form = AssistedRegistrationForm(initial=request.POST.dict())
    else:
        form = AssistedRegistrationForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_bound and form.is_valid():
        # As the profile would store them: the WhatsApp number in E.164, the NIB in digits.
        new = form.instance
        duplicates = selectors.possible_duplicates(
            name=new.name, region=new.region, nib=new.nib, whatsapp=new.whatsapp
        )
        for duplicate in duplicates:
            duplicate.is_manageable = (
                duplicate.owner_id is None and duplicate.registered_by_id == organisation.pk
            )
        # Possible duplicates are shown first; a second click says it is another business.
        if not duplicates or "register_anyway" in request.POST:
            exhibitor = services.register_assisted_profile(
                exhibitor=form.instance, organisation=organisation
            )
            managing.start(request, exhibitor_id=exhibitor.pk)
            messages.success(
                request,
                _(
                    "%(name)s is registered. You are now working on its profile on its "
                    "owner's behalf: add its products, photos and documents."
                )
                % {"name": exhibitor.name},
            )
            return redirect("dashboard")
    return render(
        request,
        "exhibitors/assisted_register.html",
        {"form": form, "duplicates": duplicates},
    )


@member_required
@require_POST
def assisted_manage(request, pk, *, organisation):
    managing.start(request, exhibitor_id=pk)
    return redirect("dashboard")


@member_required
@require_POST
def assisted_stop(request, *, organisation):
    managing.stop(request)
    return redirect("assisted_profiles")


def managed_or_404(request):
    """The profile the member is managing now: pages about its hand-over need one."""
    exhibitor = managing.working_exhibitor(request)
    if request.managing is None:
        raise Http404
    return exhibitor


@member_required
def assisted_consent(request, *, organisation):
    exhibitor = managed_or_404(request)
    whatsapp_link = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "paper":
            form = ConsentDocumentForm(request.POST, request.FILES)
            report(
                request,
                lambda: services.record_paper_consent(
                    exhibitor=exhibitor, upload=form.cleaned_data["file"], by=request.user
                ),
                _("The owner's consent is recorded."),
                form=form,
            )
        elif action == "confirm":
            form = ConsentCodeForm(request.POST)
            report(
                request,
                lambda: services.confirm_consent_code(
                    exhibitor=exhibitor, code=form.cleaned_data["code"], by=request.user
                ),
                _("The owner's consent is recorded."),
                form=form,
            )
        else:
            try:
                _consent, whatsapp_link = services.send_consent_code(
                    exhibitor=exhibitor, method=action, by=request.user
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                if whatsapp_link is None:
                    messages.success(
                        request,
                        _("The code is sent to %(email)s.") % {"email": exhibitor.email},
                    )
        if whatsapp_link is None:
            return redirect("assisted_consent")
    return render(
        request,
        "exhibitors/assisted_consent.html",
        {
            "exhibitor": exhibitor,
            "consents": selectors.consents(exhibitor=exhibitor),
            "whatsapp_link": whatsapp_link,
            "paper_form": ConsentDocumentForm(),
            "code_form": ConsentCodeForm(),
            "Method": OwnerConsent.Method,
        },
    )


@member_required
def consent_download(request, pk, *, organisation):
    consent = get_object_or_404(
        OwnerConsent.objects.exclude(file=""), pk=pk, exhibitor__registered_by=organisation
    )
    return documents.download_response(consent)


@member_required
def assisted_handover(request, *, organisation):
    exhibitor = managed_or_404(request)
    sent = None
    if request.method == "POST":
        try:
            link, url, whatsapp_link = services.send_claim_link(
                exhibitor=exhibitor, channel=request.POST.get("channel"), by=request.user
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("assisted_handover")
        sent = {"link": link, "url": url, "whatsapp_link": whatsapp_link}
    return render(
        request,
        "exhibitors/assisted_handover.html",
        {
            "exhibitor": exhibitor,
            "links": exhibitor.claim_links.select_related("created_by")[:5],
            "sent": sent,
            "Channel": ClaimLink.Channel,
            "days": CLAIM_LINK_DAYS,
            "now": timezone.now(),
        },
    )


def claim(request, token):
    """The owner's page to take over the profile Dinas staff registered for them: with a
    new account (e-mail confirmed, as on sign-up), or the account they are signed in with."""
    link = selectors.claim_link(token=token)
    problem = services.claim_problem(link=link)
    signed_in = request.user.is_authenticated
    form = None if signed_in or problem else SignupForm(request.POST or None)
    if problem is None and request.method == "POST":
        if signed_in:
            try:
                services.claim_profile(token=token, user=request.user)
            except ValidationError as error:
                problem = error.messages[0]
            else:
                managing.stop(request)
                messages.success(request, _("The business profile is yours now."))
                return redirect("dashboard")
        elif form.is_valid():
            try:
                with transaction.atomic():
                    user, response = form.try_save(request)
                    if user is None:
                        # The address has an account already: allauth mails its owner, and
                        # this page answers as for a new one. They log in and claim then.
                        return response
                    services.claim_profile(token=token, user=user)
            except ValidationError as error:
                problem = error.messages[0]
            else:
                return flows.signup.complete_signup(
                    request, user=user, redirect_url=reverse("dashboard")
                )
    return render(
        request,
        "exhibitors/claim.html",
        {"link": link, "problem": problem, "form": form},
    )
