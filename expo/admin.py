from auditlog.models import LogEntry
from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.admin import AuditHistoryMixin, AuditLogEntryAdmin
from expo.models import (
    AgendaSession,
    Desa,
    Edition,
    Kecamatan,
    Membership,
    Organisation,
    Partner,
    Province,
    Region,
)
from expo.selectors import editions_for, organisation_of


class OrganisationScopedAdmin:
    """An admin of rows that belong to an organisation's editions: staff of an
    organisation read and change its rows alone, in the list and every page, action,
    export and autocomplete, which all start from ``get_queryset``; and a form of theirs
    offers only rows they may read (``formfield_for_foreignkey``), so no pasted id reaches
    another organisation's.

    ``organisation_lookup`` is the path from a row to its organisation; ``scoped``
    overrides it where one path is not enough.
    """

    organisation_lookup = "edition__organisation"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        organisation = organisation_of(request.user)
        return queryset if organisation is None else self.scoped(queryset, organisation)

    def scoped(self, queryset, organisation):
        return queryset.filter(**{self.organisation_lookup: organisation})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if isinstance(related_admin, OrganisationScopedAdmin):
            kwargs["queryset"] = related_admin.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if isinstance(related_admin, OrganisationScopedAdmin):
            kwargs["queryset"] = related_admin.get_queryset(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class EditionFilter(admin.RelatedFieldListFilter):
    """The account's own editions that have rows in the list (applications, guests,
    delegations, meetings by their slot's), as ``RelatedOnlyFieldListFilter`` offers them,
    but asked of each edition (has it one?) instead of each row (which edition is it of?):
    a look in the index per edition, not a pass over every row with the joins of the
    list."""

    def field_choices(self, field, request, model_admin):
        rows = model_admin.model._default_manager.filter(**{self.field_path: OuterRef("pk")})
        editions = editions_for(request.user).filter(Exists(rows))
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(pk__in=editions.values("pk")),
            ordering=self.field_admin_ordering(field, request, model_admin),
        )


class EditionImportMixin:
    """A spreadsheet import whose rows all go to one edition, chosen on the import form
    (its ``edition`` field) among the account's own, and given to the resource. Opened
    from an edition's page (``?edition=``), the import goes to that edition."""

    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.fields["edition"].queryset = editions_for(request.user)
        form.fields["edition"].initial = request.GET.get("edition")
        return form

    def create_confirm_form(self, request, import_form=None):
        form = super().create_confirm_form(request, import_form)
        form.fields["edition"].queryset = editions_for(request.user)
        return form

    def get_import_resource_kwargs(self, request, **kwargs):
        resource_kwargs = super().get_import_resource_kwargs(request, **kwargs)
        form = kwargs.get("form")
        if form is not None and form.is_bound and form.is_valid():
            resource_kwargs["edition"] = form.cleaned_data["edition"]
        return resource_kwargs

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["edition"] = import_form.cleaned_data["edition"].pk
        return initial


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name", "short_name"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_select_related = ["region"]
    search_fields = ["code", "name", "region__name"]
    autocomplete_fields = ["region"]


@admin.register(Desa)
class DesaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "kecamatan"]
    list_filter = ["kind"]
    list_select_related = ["kecamatan"]
    search_fields = ["code", "name", "kecamatan__name"]
    autocomplete_fields = ["kecamatan"]


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    fields = ["name", "role", "website", "position"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """The Dinas offices of the installation and their staff: for superusers, who give
    each staff account its office."""

    list_display = ["name", "region"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]
    inlines = [MembershipInline]


@admin.register(Edition)
class EditionAdmin(OrganisationScopedAdmin, AuditHistoryMixin, admin.ModelAdmin):
    inlines = [PartnerInline]
    list_display = ["name", "year", "format", "status", "starts_on", "ends_on", "venue_name"]
    list_filter = ["status", "format", "year"]
    search_fields = ["name", "venue_name", "organiser"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host_regions"]
    date_hierarchy = "starts_on"
    fieldsets = [
        (None, {"fields": ["name", "slug", "year", "status", "format", "description"]}),
        (_("Hosts and quota"), {"fields": ["host_regions", "host_share_percent"]}),
        (
            _("Place and dates"),
            {"fields": ["venue_name", "venue_address", "starts_on", "ends_on", "setup_starts_at"]},
        ),
        (_("Registration"), {"fields": ["registration_opens_at", "registration_closes_at"]}),
        (_("Rules (tata tertib)"), {"fields": ["rules", "rules_document"]}),
        (_("Organiser"), {"fields": ["organiser", "contact_email", "contact_phone"]}),
        (_("Online"), {"fields": ["livestream_url", "online_starts_on", "online_ends_on"]}),
        (
            _("Results"),
            {
                "fields": [
                    "reports_close_on",
                    "target_sales",
                    "target_visitors",
                    "omzet_followup_days",
                    "publish_sales",
                    "publish_visits",
                    "publish_participants",
                ]
            },
        ),
    ]
    organisation_lookup = "organisation"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if organisation_of(request.user) is not None:
            return fieldsets  # staff of an organisation add editions to their own
        [(name, options), *others] = fieldsets
        return [(name, {"fields": [*options["fields"], "organisation"]}), *others]

    def save_model(self, request, obj, form, change):
        organisation = organisation_of(request.user)
        if organisation is not None:
            obj.organisation_id = organisation
        super().save_model(request, obj, form, change)


@admin.register(AgendaSession)
class AgendaSessionAdmin(OrganisationScopedAdmin, AuditHistoryMixin, admin.ModelAdmin):
    """An edition's agenda, session by session: what visitors read on the edition's page,
    its agenda page and the calendar file."""

    list_display = ["title", "kind", "starts_at", "ends_at", "place", "edition"]
    list_filter = [("edition", EditionFilter), "kind"]
    list_select_related = ["edition"]
    search_fields = ["title", "place", "speakers"]
    autocomplete_fields = ["edition"]
    date_hierarchy = "starts_at"
    fields = [
        "edition",
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "livestream_url",
        "speakers",
    ]


# The whole audit log names the records of every organisation: for staff of none.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ScopedLogEntryAdmin(AuditLogEntryAdmin):
    def has_module_permission(self, request):
        return organisation_of(request.user) is None and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return organisation_of(request.user) is None and super().has_view_permission(request, obj)
