from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from delegations import selectors
from delegations.forms import NominationForm
from exhibitors import services
from exhibitors.models import Application
from exhibitors.selectors import member_organisation

# A delegate's side: every view finds its delegation among those of the signed-in
# member's own office, and a nomination among that delegation's; any other id is a 404.

CANDIDATES_PER_PAGE = 20


def own_delegation_or_404(request, pk):
    return get_object_or_404(
        selectors.with_places_taken(selectors.delegations_of(request.user)), pk=pk
    )


def own_nomination_or_404(delegation, pk):
    return get_object_or_404(delegation.nominations.select_related("exhibitor"), pk=pk)


@login_required
def index(request):
    delegations = selectors.with_places_taken(selectors.delegations_of(request.user)).order_by(
        "-edition__starts_on"
    )
    if not delegations and member_organisation(user=request.user) is None:
        raise Http404
    return render(request, "delegations/index.html", {"delegations": delegations})


def _candidates_page(request, delegation):
    query = request.GET.get("q", "")[:100]
    candidates = selectors.candidates(delegation=delegation, query=query)
    page = Paginator(candidates, CANDIDATES_PER_PAGE).get_page(request.GET.get("halaman"))
    forms = [
        (
            exhibitor,
            NominationForm(
                delegation=delegation,
                candidates=candidates,
                initial={"exhibitor": exhibitor.pk},
                auto_id=f"id_%s_{exhibitor.pk}",
            ),
        )
        for exhibitor in page
    ]
    return {"query": query, "page": page, "candidate_forms": forms}


@login_required
def detail(request, pk):
    delegation = own_delegation_or_404(request, pk)
    rows = list(selectors.nominations(delegation=delegation))
    context = {
        "delegation": delegation,
        "edition": delegation.edition,
        "nominations": rows,
        "is_over": delegation.edition.has_ended,
        "figures": selectors.figures(rows),
        "may_nominate": delegation.edition.is_registration_open,
    }
    if context["may_nominate"]:
        context.update(_candidates_page(request, delegation))
    return render(request, "delegations/detail.html", context)


@login_required
@require_POST
def nominate(request, pk):
    delegation = own_delegation_or_404(request, pk)
    form = NominationForm(
        request.POST,
        delegation=delegation,
        candidates=selectors.candidates(delegation=delegation),
    )
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("delegation", pk=delegation.pk)
    exhibitor = form.cleaned_data["exhibitor"]
    try:
        services.nominate(
            delegation=delegation, exhibitor=exhibitor, mode=form.cleaned_data["mode"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(exhibitor)s is nominated: the host decides.") % {"exhibitor": exhibitor.name},
        )
    return redirect("delegation", pk=delegation.pk)


@login_required
def replace(request, pk, nomination_pk):
    delegation = own_delegation_or_404(request, pk)
    nomination = own_nomination_or_404(delegation, nomination_pk)
    if (
        nomination.status != Application.Status.SUBMITTED
        or not delegation.edition.is_registration_open
    ):
        messages.error(
            request, _("Only a nominee the host has not decided on yet can be replaced.")
        )
        return redirect("delegation", pk=delegation.pk)
    if request.method == "POST":
        form = NominationForm(
            request.POST,
            delegation=delegation,
            candidates=selectors.candidates(delegation=delegation),
        )
        if not form.is_valid():
            messages.error(request, next(iter(form.errors.values()))[0])
            return redirect("delegation_replace", pk=delegation.pk, nomination_pk=nomination.pk)
        exhibitor = form.cleaned_data["exhibitor"]
        try:
            services.replace_nominee(application=nomination, exhibitor=exhibitor)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("delegation_replace", pk=delegation.pk, nomination_pk=nomination.pk)
        messages.success(
            request,
            _("%(new)s is nominated in the place of %(old)s.")
            % {"new": exhibitor.name, "old": nomination.exhibitor.name},
        )
        return redirect("delegation", pk=delegation.pk)
    context = {"delegation": delegation, "edition": delegation.edition, "nomination": nomination}
    context.update(_candidates_page(request, delegation))
    return render(request, "delegations/replace.html", context)


@login_required
@require_POST
def withdraw(request, pk, nomination_pk):
    delegation = own_delegation_or_404(request, pk)
    nomination = own_nomination_or_404(delegation, nomination_pk)
    try:
        services.withdraw_application(application=nomination)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The nomination of %(exhibitor)s is withdrawn.")
            % {"exhibitor": nomination.exhibitor.name},
        )
    return redirect("delegation", pk=delegation.pk)
