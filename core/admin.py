"""The admin's shared tools: forms on a page of their own, the audit history, spreadsheets
in and out, the login; and the audit log itself."""

import re

import tablib
from allauth.account.adapter import get_adapter
from auditlog.admin import LogEntryAdmin
from auditlog.mixins import AuditlogHistoryAdminMixin
from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import SelectableFieldsExportForm

from core.templatetags.audit import audit_action

RECENT_CHANGES = 5
# What a spreadsheet program would run as a formula, or shift into another cell.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,]*")


def spreadsheet_safe(value):
    """A cell's value as a spreadsheet program will show it, never run it.

    Text that starts like a formula gets a leading apostrophe, as OWASP advises against
    CSV and formula injection; numbers, and text that is only a number (``+6281234567890``,
    ``-5``), stay as they are.
    """
    starts_a_formula = isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
    if starts_a_formula and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class FormulaSafeMixin:
    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            safe.append([spreadsheet_safe(value) for value in row])
        return super().export_data(safe, **kwargs)


class SafeCSV(FormulaSafeMixin, CSV):
    pass


class SafeXLSX(FormulaSafeMixin, XLSX):
    pass


# What organisers' participant lists come in and go out as.
SPREADSHEET_FORMATS = [SafeCSV, SafeXLSX]


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login, counted against the same failed-login limits as the site's
    (allauth's, per account and per IP), so a password cannot be guessed here instead."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


admin.site.login_form = AdminLoginForm


def act_on_each(model_admin, request, rows, act, *, done, label=str):
    """An admin action's body: ``act(row)`` (a service) for each of ``rows``, each refusal
    reported with the row's ``label``, the others counted with ``done``
    (``ngettext_lazy`` without its number). A row the service refuses, or one changed
    meanwhile by someone else, never fails the whole action."""
    count = 0
    for row in rows:
        try:
            act(row)
        except ValidationError as error:
            model_admin.message_user(request, f"{label(row)}: {error.messages[0]}", messages.ERROR)
        else:
            count += 1
    model_admin.message_user(request, done % count)


def form_page(model_admin, request, *, form, title, template, **extra):
    """Render an admin page with one form for a task that is not a change form.

    ``template`` extends ``admin/form_page.html``; the page returns to the model's list,
    or to ``changelist_url`` when given (a filtered list the organiser came from).
    """
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": title,
        "form": form,
        "media": model_admin.media + form.media,
        "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        **extra,
    }
    return TemplateResponse(request, template, context)


class AuditHistoryMixin(AuditlogHistoryAdminMixin):
    """Who changed what and when: the latest changes on the change page, all of them
    under its "History" button, field by field with the value before and after."""

    change_form_template = "admin/audited_change_form.html"
    auditlog_history_template = "admin/audit_history.html"
    auditlog_history_per_page = 25

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entries = audit_entries(model=self.model, pk=unquote(object_id))[:RECENT_CHANGES]
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), "audit_entries": entries}
        )

    def history_view(self, request, object_id, extra_context=None):
        # Django's own history only knows changes typed into admin forms; the audit log
        # also has the decisions, assignments and imports made through the services.
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        title = _("History of %(record)s") % {"record": obj}
        return self.auditlog_history_view(
            request, object_id, {**(extra_context or {}), "title": title}
        )

    def auditlog_history_view(self, request, object_id, extra_context=None):
        # A row this account may not read is missing, as on its change page: the
        # library's own view would read the log of nothing.
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().auditlog_history_view(request, object_id, extra_context)


class SpreadsheetExportForm(SelectableFieldsExportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # An attribute no HTML has; the library's script does not read it either.
            field.widget.attrs.pop("resource-id", None)

    def _get_field_label(self, resource, field_name):
        # The column's heading in the file, not the attribute's English name.
        return resource.fields[field_name].column_name


class SpreadsheetExportMixin(ExportMixin):
    """Exports to CSV or Excel, for staff who may read the rows.

    An export holds every listed participant's contact details, so it needs the model's
    view (or change) permission, as its list does; the library alone lets any staff in.
    """

    export_formats = SPREADSHEET_FORMATS
    export_form_class = SpreadsheetExportForm
    # The library's page toggles its boxes with inline script, which the CSP refuses.
    export_template_name = "admin/import_export/spreadsheet_export.html"

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class SpreadsheetImportMixin(SpreadsheetExportMixin, ImportExportMixin):
    """Imports from CSV or Excel with a preview of every row (new, update, unchanged, or
    wrong and why), writing nothing unless the whole file is valid; exports to the same.

    An import adds rows and overwrites others, so it needs both permissions.
    """

    import_template_name = "admin/spreadsheet_import.html"
    import_formats = SPREADSHEET_FORMATS

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
        # The library names the exception's class; the organiser needs what to do.
        upload = form.cleaned_data["import_file"]
        chosen = self.get_import_formats()[int(form.cleaned_data["format"])]()
        if isinstance(e, UnicodeDecodeError):
            message = _(
                "“%(file)s” is not a CSV file in UTF-8. In Excel, save it as “CSV UTF-8 "
                "(Comma delimited)”, or upload the .xlsx file and choose xlsx."
            )
        else:
            message = _(
                "“%(file)s” cannot be read as %(format)s. Upload a spreadsheet saved as CSV "
                "or Excel (.xlsx), and choose the format it is saved in."
            )
        form.add_error("import_file", message % {"file": upload.name, "format": chosen.get_title()})

    def get_import_data_kwargs(self, **kwargs):
        # The preview is a dry run; the confirmed import must not keep half a file either.
        return {
            **super().get_import_data_kwargs(**kwargs),
            "use_transactions": True,
            "rollback_on_validation_errors": True,
        }

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The rows were valid at the preview: the database changed in between.
            messages.error(
                request,
                _("Nothing was imported: the file no longer fits the data. Upload it again."),
            )
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_import")
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _("Imported: %(new)d new, %(update)d updated, %(skip)d unchanged.")
            % {"new": totals["new"], "update": totals["update"], "skip": totals["skip"]},
        )


def audit_entries(*, model, pk):
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    """The whole audit log, read-only, newest first."""

    list_display = ["created", "resource_url", "action_label", "changed_fields", "user_url"]
    list_filter = ["action", "content_type"]
    fieldsets = [
        (None, {"fields": ["created", "user_url", "resource_url"]}),
        (_("Changes"), {"fields": ["action", "msg"]}),
    ]

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, entry):
        return audit_action(entry)

    @admin.display(description=_("Changed fields"))
    def changed_fields(self, entry):
        # Names only: the values would cost a query per entry for foreign keys.
        return ", ".join(str(get_field_verbose_name(entry, name)) for name in entry.changes_dict)
