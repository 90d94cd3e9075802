"""The visitor tally at the gate: +1 and +10 buttons per gate and day, on a phone, for
the ordinary visitors (the invited guests are checked in on the guests' gate page).

The taps write the gate counts the impact report reads, so the report has one visitor
figure whether it was tallied at the gate or typed in afterwards. Plain forms (POST, then
back to the page): each tap works without JavaScript."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from expo.selectors import editions_for, gate_days_for
from outcomes import services
from outcomes.forms import TallyForm
from outcomes.models import GateCount

TALLY_PERMISSIONS = ("outcomes.add_gatecount", "outcomes.change_gatecount")


class TallyAdminMixin:
    """Adds the tally's pages to the gate count admin; ``tally_urls`` goes into
    ``get_urls``."""

    def tally_urls(self):
        view = self.admin_site.admin_view
        return [
            path("tally/", view(self.tally_index_view), name="outcomes_tally_index"),
            path("tally/<int:edition_id>/", view(self.tally_view), name="outcomes_tally"),
            path(
                "tally/<int:edition_id>/count/",
                view(require_POST(self.tally_count_view)),
                name="outcomes_tally_count",
            ),
        ]

    def _check_tally(self, request):
        if not request.user.has_perms(TALLY_PERMISSIONS):
            raise PermissionDenied

    def _tally_edition(self, request, edition_id):
        self._check_tally(request)
        return get_object_or_404(
            editions_for(request.user).exclude(format="virtual"), pk=edition_id
        )

    def tally_index_view(self, request):
        self._check_tally(request)
        today = timezone.localdate()
        editions = gate_days_for(request.user, today=today)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Visitor tally"),
            "editions": editions,
            "today": today,
            "day_url": "admin:outcomes_tally",
        }
        return TemplateResponse(request, "admin/outcomes/tally_index.html", context)

    def tally_view(self, request, edition_id):
        edition = self._tally_edition(request, edition_id)
        day = edition.gate_day(request.GET.get("day"))
        gate = " ".join(request.GET.get("gate", "").split())
        counts = GateCount.objects.filter(edition=edition, day=day).order_by("gate")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Visitor tally: %(edition)s") % {"edition": edition.name},
            "edition": edition,
            "day": day,
            "days": edition.venue_days,
            "gate": gate,
            "counts": counts,
            "this_gate": next((count.visitors for count in counts if count.gate == gate), 0),
            "total": sum(count.visitors for count in counts),
            "form": TallyForm(initial={"day": day, "gate": gate}),
        }
        return TemplateResponse(request, "admin/outcomes/tally.html", context)

    def tally_count_view(self, request, edition_id):
        edition = self._tally_edition(request, edition_id)
        form = TallyForm(request.POST)
        query = {"day": request.POST.get("day", ""), "gate": request.POST.get("gate", "")}
        if form.is_valid():
            try:
                services.count_visitors(
                    edition=edition,
                    day=form.cleaned_data["day"],
                    gate=form.cleaned_data["gate"],
                    step=form.cleaned_data["step"],
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
        else:
            messages.error(request, _("Count one or ten visitors at a time."))
        url = reverse("admin:outcomes_tally", kwargs={"edition_id": edition.pk})
        return redirect(f"{url}?{urlencode(query)}")
