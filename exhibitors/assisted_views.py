"""Pendampingan: Dinas staff registering UMKM that are not online, and managing their
profiles on their owners' behalf until the owners claim them.

Every page here is for a member of an organisation (``expo.Membership``) alone, and
works on that organisation's profiles alone; anyone else gets 404.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exhibitors import documents, managing, selectors, services
from exhibitors.forms import AssistedRegistrationForm, ConsentCodeForm, ConsentDocumentForm
from exhibitors.models import OwnerConsent
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
