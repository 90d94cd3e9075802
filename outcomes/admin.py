"""The organisers' side of the expo's results: the figures they enter on a stand's behalf
(sales handed over on paper, orders, omzet), the gate counts, and the edition's impact
report with its charts, reminders and exports."""

import csv
import io

import tablib
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import AuditHistoryMixin, form_page, spreadsheet_safe
from core.templatetags.formats import rupiah
from exhibitors.models import Application
from expo.admin import OrganisationScopedAdmin
from expo.models import Region
from expo.selectors import editions_for
from outcomes import forms as outcome_forms
from outcomes import report as impact
from outcomes import selectors, services
from outcomes.admin_views import TallyAdminMixin
from outcomes.models import DailySales, GateCount, OmzetReport, Order

REPORT_PERMISSION = "outcomes.view_dailysales"
REMIND_PERMISSION = "outcomes.change_dailysales"
# Excel's longest sheet name.
SHEET_NAME_LENGTH = 31


def participant_field(model, request):
    """The accepted participant an entry is for, among the staff member's editions."""
    return forms.ModelChoiceField(
        label=_("Participant"),
        queryset=Application.objects.accepted().filter(edition__in=editions_for(request.user)),
        widget=AutocompleteSelect(model._meta.get_field("application"), admin.site),
        error_messages={"invalid_choice": _("Choose an accepted participant of your editions.")},
    )


def confirm_large_field():
    return forms.BooleanField(
        label=_("The amount is right."),
        required=False,
        help_text=_("Needed for more than Rp1.000.000.000; the entry is then flagged for a check."),
    )


class StaffDailySalesForm(outcome_forms.DailySalesForm):
    day = forms.DateField(label=_("Day"), widget=AdminDateWidget)
    confirm_large = confirm_large_field()
    field_order = ["application", "day", "amount", "transactions", "non_cash_amount"]


class StaffOrderForm(outcome_forms.OrderForm):
    """The owner's order form, with any regency or city to search instead of a province
    to narrow by."""

    confirm_large = confirm_large_field()
    # Any country: the owner's form lists the usual ones, the organisers record the rest.
    buyer_country = forms.CharField(
        label=_("Buyer's country"),
        initial=impact.INDONESIA,
        max_length=2,
        validators=[RegexValidator(r"^[A-Za-z]{2}$", _("Enter the country's two-letter code."))],
        help_text=_("Its two-letter code: ID for Indonesia, MY for Malaysia, JP for Japan."),
    )
    field_order = ["application", "buyer_name", "buyer_kind", "buyer_country", "buyer_region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["province"]
        region = self.fields["buyer_region"]
        region.widget = AutocompleteSelect(Order._meta.get_field("buyer_region"), admin.site)
        region.queryset = Region.objects.all()  # gives the new widget its choices

    def clean_buyer_country(self):
        return self.cleaned_data["buyer_country"].upper()


class StaffOmzetForm(outcome_forms.OmzetForm):
    moment = forms.ChoiceField(label=_("When"), choices=OmzetReport.Moment.choices)
    field_order = ["application", "moment", "monthly_omzet"]


def show_refusal(form, error):
    """A service's refusal on the form, above its fields: nothing was saved."""
    form.add_error(None, error.messages)


class StaffEntryAdmin(OrganisationScopedAdmin, AuditHistoryMixin, admin.ModelAdmin):
    """Figures organisers enter on a stand's behalf, through the same service as the
    owner's report, so the same rules hold and the entry is marked as theirs. Staff who
    may only read get the read-only page."""

    organisation_lookup = "application__edition__organisation"
    list_select_related = ["application__exhibitor", "application__edition"]
    search_fields = ["application__exhibitor__name"]
    entry_form = None
    # Whether the model keeps who entered a row (``entered_by_staff``).
    marks_staff = True

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return self._entry_view(request, None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, unquote(object_id))
        if entry is None or not self.has_change_permission(request, entry):
            return super().change_view(request, object_id, form_url, extra_context)
        return self._entry_view(request, entry)

    def _entry_view(self, request, entry):
        form = self.entry_form(request.POST or None, initial=self.initial(entry))
        if entry is None:
            form.fields["application"] = participant_field(self.model, request)
            form.order_fields(form.field_order)
        else:
            for name in self.fixed_fields:
                form.fields.pop(name, None)
        if request.method == "POST" and form.is_valid():
            application = form.cleaned_data.get("application") or entry.application
            try:
                saved = self.save_entry(request, entry, application, form.cleaned_data)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                if self.marks_staff:
                    message = _("Saved: %(entry)s, marked as entered by the organisers.")
                else:
                    message = _("Saved: %(entry)s.")
                self.message_user(request, message % {"entry": saved}, messages.SUCCESS)
                return redirect(f"admin:outcomes_{self.opts.model_name}_changelist")
        title = _("Add %(name)s") if entry is None else _("Change %(name)s")
        return form_page(
            self,
            request,
            form=form,
            title=title % {"name": self.opts.verbose_name},
            template="admin/outcomes/entry_form.html",
            entry=entry,
            marks_staff=self.marks_staff,
        )

    def initial(self, entry):
        return {}

    @admin.display(description=_("participant"), ordering="application__exhibitor__name")
    def participant(self, entry):
        return entry.application.exhibitor

    @admin.display(description=_("edition"), ordering="application__edition")
    def edition(self, entry):
        return entry.application.edition


@admin.register(DailySales)
class DailySalesAdmin(StaffEntryAdmin):
    list_display = [
        "participant",
        "edition",
        "day",
        "amount_label",
        "transactions",
        "non_cash_label",
        "needs_check",
        "entered_by_staff",
    ]
    list_filter = [
        ("application__edition", admin.RelatedOnlyFieldListFilter),
        "needs_check",
        "entered_by_staff",
        "day",
    ]
    fields = [
        "application",
        "day",
        "amount",
        "transactions",
        "non_cash_amount",
        "needs_check",
        "entered_by_staff",
    ]
    readonly_fields = ["needs_check", "entered_by_staff"]
    change_list_template = "admin/outcomes/dailysales/change_list.html"
    entry_form = StaffDailySalesForm
    fixed_fields = ["application", "day"]

    def initial(self, entry):
        if entry is None:
            return {}
        return {
            "amount": entry.amount,
            "transactions": entry.transactions,
            "non_cash_amount": entry.non_cash_amount,
        }

    def save_entry(self, request, entry, application, data):
        return services.report_day(
            application=application,
            day=data["day"] if entry is None else entry.day,
            amount=data["amount"],
            transactions=data["transactions"],
            non_cash_amount=data["non_cash_amount"],
            confirm_large=data["confirm_large"],
            by=request.user,
        )

    @admin.display(description=_("retail sales"), ordering="amount")
    def amount_label(self, sales):
        return rupiah(sales.amount)

    @admin.display(description=_("non-cash"), ordering="non_cash_amount")
    def non_cash_label(self, sales):
        return rupiah(sales.non_cash_amount)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("laporan/", view(self.reports_view), name="outcomes_report_index"),
            path("laporan/<int:edition_id>/", view(self.report_view), name="outcomes_report"),
            path(
                "laporan/<int:edition_id>/excel/",
                view(self.excel_view),
                name="outcomes_report_excel",
            ),
            path("laporan/<int:edition_id>/csv/", view(self.csv_view), name="outcomes_report_csv"),
            path(
                "laporan/<int:edition_id>/ingatkan/",
                view(self.remind_view),
                name="outcomes_report_remind",
            ),
            *super().get_urls(),
        ]

    def _edition(self, request, edition_id):
        """The edition of a report page: one the staff member runs, else 404."""
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return get_object_or_404(editions_for(request.user), pk=edition_id)

    def reports_view(self, request):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/outcomes/report_index.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Impact reports"),
                "editions": editions_for(request.user).order_by("-starts_on", "name"),
            },
        )

    def report_view(self, request, edition_id):
        edition = self._edition(request, edition_id)
        missing = list(selectors.missing_reports(edition=edition))
        return TemplateResponse(
            request,
            "admin/outcomes/report.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Impact report: %(edition)s") % {"edition": edition},
                "edition": edition,
                "report": impact.impact_report(edition=edition),
                "missing": missing,
                "can_remind": request.user.has_perm(REMIND_PERMISSION),
            },
        )

    def remind_view(self, request, edition_id):
        edition = self._edition(request, edition_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(REMIND_PERMISSION):
            raise PermissionDenied
        application_id = request.POST.get("application", "")
        if not application_id.isdigit():
            raise Http404
        application = get_object_or_404(
            selectors.missing_reports(edition=edition), pk=application_id
        )
        try:
            link = services.remind(application=application)
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
        else:
            if link:
                message = format_html(
                    '{} <a href="{}" rel="noopener">{}</a>',
                    _("A reminder was sent to %(exhibitor)s by e-mail.")
                    % {"exhibitor": application.exhibitor},
                    link,
                    _("Open WhatsApp with the message written"),
                )
            else:
                message = _(
                    "A reminder was sent to %(exhibitor)s by e-mail; it has no WhatsApp number."
                ) % {"exhibitor": application.exhibitor}
            self.message_user(request, message, messages.SUCCESS)
        return redirect(reverse("admin:outcomes_report", args=[edition.pk]) + "#missing")

    def excel_view(self, request, edition_id):
        edition = self._edition(request, edition_id)
        book = tablib.Databook()
        for title, headers, rows in impact.tables(impact.impact_report(edition=edition)):
            sheet = tablib.Dataset(headers=headers, title=title[:SHEET_NAME_LENGTH])
            for row in rows:
                sheet.append([spreadsheet_safe(value) for value in row])
            book.add_sheet(sheet)
        return self._download(
            book.export("xlsx"),
            edition,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    def csv_view(self, request, edition_id):
        edition = self._edition(request, edition_id)
        text = io.StringIO()
        writer = csv.writer(text)
        for title, headers, rows in impact.tables(impact.impact_report(edition=edition)):
            writer.writerow([spreadsheet_safe(title)])
            writer.writerow(headers)
            writer.writerows([spreadsheet_safe(value) for value in row] for row in rows)
            writer.writerow([])
        # With its byte order mark, Excel opens the file as UTF-8.
        return self._download(
            text.getvalue().encode("utf-8-sig"), edition, "csv", "text/csv; charset=utf-8"
        )

    def _download(self, content, edition, extension, content_type):
        name = f"laporan-{edition.slug}.{extension}"
        return HttpResponse(
            content,
            content_type=content_type,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )


@admin.register(Order)
class OrderAdmin(StaffEntryAdmin):
    list_display = [
        "buyer_name",
        "participant",
        "edition",
        "buyer_kind",
        "buyer_origin",
        "value_label",
        "status",
        "needs_check",
        "entered_by_staff",
    ]
    list_filter = [
        ("application__edition", admin.RelatedOnlyFieldListFilter),
        "status",
        "buyer_kind",
        "needs_check",
        "entered_by_staff",
    ]
    list_select_related = [*StaffEntryAdmin.list_select_related, "buyer_region"]
    search_fields = ["buyer_name", "application__exhibitor__name"]
    fields = [
        "application",
        "buyer_name",
        "buyer_kind",
        "buyer_country",
        "buyer_region",
        "value",
        "status",
        "needs_check",
        "entered_by_staff",
    ]
    readonly_fields = ["needs_check", "entered_by_staff"]
    entry_form = StaffOrderForm
    fixed_fields = ["application"]

    def get_actions(self, request):
        # An order is taken out through the service, one at a time on its page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def initial(self, entry):
        if entry is None:
            return {}
        return {
            "buyer_name": entry.buyer_name,
            "buyer_kind": entry.buyer_kind,
            "buyer_country": entry.buyer_country,
            "buyer_region": entry.buyer_region,
            "value": entry.value,
            "status": entry.status,
        }

    def save_entry(self, request, entry, application, data):
        return services.record_order(
            application=application,
            order=entry,
            buyer_name=data["buyer_name"],
            buyer_kind=data["buyer_kind"],
            buyer_region=data["buyer_region"],
            buyer_country=data["buyer_country"],
            value=data["value"],
            status=data["status"],
            confirm_large=data["confirm_large"],
            by=request.user,
        )

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
            return redirect("admin:outcomes_order_change", object_id)

    def delete_model(self, request, obj):
        services.delete_order(order=obj, by=request.user)

    @admin.display(description=_("buyer from"))
    def buyer_origin(self, order):
        if order.buyer_country != impact.INDONESIA:
            return outcome_forms.COUNTRY_NAMES.get(order.buyer_country, order.buyer_country)
        return order.buyer_region or _("Indonesia")

    @admin.display(description=_("value"), ordering="value")
    def value_label(self, order):
        return rupiah(order.value)


@admin.register(OmzetReport)
class OmzetReportAdmin(StaffEntryAdmin):
    list_display = ["participant", "edition", "moment", "omzet_label", "updated_at"]
    list_filter = [("application__edition", admin.RelatedOnlyFieldListFilter), "moment"]
    fields = ["application", "moment", "monthly_omzet"]
    entry_form = StaffOmzetForm
    fixed_fields = ["application", "moment"]
    marks_staff = False

    def initial(self, entry):
        return {} if entry is None else {"monthly_omzet": entry.monthly_omzet}

    def save_entry(self, request, entry, application, data):
        return services.report_omzet(
            application=application,
            moment=data["moment"] if entry is None else entry.moment,
            monthly_omzet=data["monthly_omzet"],
            by=request.user,
        )

    @admin.display(description=_("average monthly omzet"), ordering="monthly_omzet")
    def omzet_label(self, report):
        return rupiah(report.monthly_omzet)


class GateCountForm(forms.ModelForm):
    class Meta:
        model = GateCount
        fields = ["edition", "day", "gate", "visitors"]
        error_messages = {
            "visitors": {
                "min_value": _("The number of visitors is zero or more."),
                "invalid": _("Enter the number of visitors, e.g. 1250."),
            }
        }

    def clean(self):
        cleaned = super().clean()
        edition, day = cleaned.get("edition"), cleaned.get("day")
        if edition is not None and day is not None:
            if not edition.has_venue:
                self.add_error("edition", _("A virtual edition has no gate to count visitors at."))
            elif not edition.starts_on <= day <= edition.ends_on:
                self.add_error(
                    "day",
                    _("%(day)s is not a day of %(edition)s.")
                    % {"day": date_format(day, "j F Y"), "edition": edition},
                )
        return cleaned


@admin.register(GateCount)
class GateCountAdmin(TallyAdminMixin, OrganisationScopedAdmin, AuditHistoryMixin, admin.ModelAdmin):
    """The visitors counted at the venue's gates, one figure a gate and day: tallied at
    the gate (``TallyAdminMixin``) or typed in by the staff afterwards."""

    form = GateCountForm
    list_display = ["edition", "day", "gate", "visitors", "entered_by", "updated_at"]
    list_filter = [("edition", admin.RelatedOnlyFieldListFilter)]
    change_list_template = "admin/outcomes/gatecount/change_list.html"
    list_select_related = ["edition", "entered_by"]
    autocomplete_fields = ["edition"]
    readonly_fields = ["entered_by"]

    def get_urls(self):
        return [*self.tally_urls(), *super().get_urls()]

    def save_model(self, request, obj, form, change):
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)
