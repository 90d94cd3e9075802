from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from import_export.forms import ConfirmImportForm, ImportForm

from booths import selectors, services
from booths.admin_views import BoardAdminMixin
from booths.forms import AssignmentForm, BoothRowsForm
from booths.models import Assignment, Booth
from booths.resources import BoothResource
from core.admin import AuditHistoryMixin, SpreadsheetImportMixin, act_on_each, form_page
from core.templatetags.formats import rupiah
from exhibitors import admin as exhibitors_admin
from exhibitors.models import Application
from expo import admin as expo_admin
from expo.admin import OrganisationScopedAdmin
from expo.models import Edition
from expo.selectors import editions_for


class BoothImportForm(ImportForm):
    edition = forms.ModelChoiceField(
        Edition.objects.all(),
        label=_("Edition"),
        help_text=_("The booths in the file are added to this edition, or updated by code."),
    )


class BoothConfirmImportForm(ConfirmImportForm):
    edition = forms.ModelChoiceField(Edition.objects.all(), widget=forms.HiddenInput)


class AssignmentInline(admin.StackedInline):
    model = Assignment
    fields = ["application", "assigned_by", "assigned_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0


@admin.register(Booth)
class BoothAdmin(
    OrganisationScopedAdmin,
    BoardAdminMixin,
    AuditHistoryMixin,
    SpreadsheetImportMixin,
    admin.ModelAdmin,
):
    list_display = ["code", "edition", "zone", "kind", "size_label", "price_label", "occupant"]
    list_filter = [("edition", admin.RelatedOnlyFieldListFilter), "kind", "zone"]
    list_select_related = ["edition", "assignment__application__exhibitor"]
    search_fields = ["code", "zone", "assignment__application__exhibitor__name"]
    autocomplete_fields = ["edition"]
    inlines = [AssignmentInline]
    actions = ["print_signs"]
    resource_classes = [BoothResource]
    import_form_class = BoothImportForm
    confirm_form_class = BoothConfirmImportForm
    # Named, so that the import and export buttons join the ones of this list.
    change_list_template = "admin/booths/booth/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        # A booth stays in its edition: its occupant's application belongs there.
        return ["edition"] if obj else []

    @admin.action(description=_("Print booth signs with QR codes"))
    def print_signs(self, request, queryset):
        signs = selectors.booth_signs(
            booths=queryset.order_by("code"), absolute_url=request.build_absolute_uri
        )
        return TemplateResponse(request, "booths/signs.html", {"signs": signs})

    def get_urls(self):
        generate = self.admin_site.admin_view(self.generate_view)
        counters = self.admin_site.admin_view(self.counters_view)
        return [
            path("generate/", generate, name="booths_booth_generate"),
            path("counters/<int:edition_id>/", counters, name="booths_booth_counters"),
            *self.board_urls(),
            *super().get_urls(),
        ]

    def counters_view(self, request, edition_id):
        """The edition's live counters alone, for htmx to swap in every few seconds."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        edition = get_object_or_404(editions_for(request.user), pk=edition_id)
        return TemplateResponse(
            request,
            "admin/booths/edition_counters.html",
            selectors.edition_counters(edition=edition),
        )

    # The edition the booths of a file go to: one of the staff member's.
    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.fields["edition"].queryset = editions_for(request.user)
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

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The booth picker of the assignment form offers free booths only.
        if request.GET.get("model_name") == "assignment":
            queryset = queryset.free()
        return queryset, may_have_duplicates

    def generate_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BoothRowsForm(
            request.POST or None,
            initial={"width": 3, "depth": 3, "per_row": 6},
            editions=editions_for(request.user),
        )
        if request.method == "POST" and form.is_valid():
            try:
                booths = services.generate_booths(**form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("%(count)d booths added: %(first)s to %(last)s.")
                    % {"count": len(booths), "first": booths[0].code, "last": booths[-1].code},
                )
                url = reverse("admin:booths_booth_changelist")
                return redirect(f"{url}?edition__id__exact={form.cleaned_data['edition'].pk}")
        return form_page(
            self,
            request,
            form=form,
            title=_("Generate booths in rows"),
            template="admin/booths/booth/generate.html",
        )

    @admin.display(description=_("size"))
    def size_label(self, booth):
        return booth.size_label

    @admin.display(description=_("price"), ordering="price")
    def price_label(self, booth):
        return rupiah(booth.price)

    @admin.display(description=_("occupant"))
    def occupant(self, booth):
        assignment = getattr(booth, "assignment", None)
        return assignment.application.exhibitor if assignment else "—"


@admin.register(Assignment)
class AssignmentAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    list_display = ["booth", "exhibitor", "edition", "assigned_by", "assigned_at"]
    list_filter = [("booth__edition", admin.RelatedOnlyFieldListFilter)]
    organisation_lookup = "booth__edition__organisation"
    list_select_related = ["booth__edition", "application__exhibitor", "assigned_by"]
    search_fields = ["booth__code", "application__exhibitor__name"]
    actions = ["vacate"]

    # Assignments are made and undone only through the services, which check the rules.
    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AssignmentForm(request.POST or None, editions=editions_for(request.user))
        if request.method == "POST" and form.is_valid():
            try:
                assignment = services.assign_booth(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("%(exhibitor)s is now at booth %(booth)s.")
                    % {"exhibitor": assignment.application.exhibitor, "booth": assignment.booth},
                    messages.SUCCESS,
                )
                return redirect("admin:booths_assignment_changelist")
        return form_page(
            self,
            request,
            form=form,
            title=_("Assign a booth"),
            template="admin/booths/assignment/assign.html",
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_vacate_permission(self, request):
        return request.user.has_perm("booths.delete_assignment")

    @admin.action(description=_("Vacate the selected booths"), permissions=["vacate"])
    def vacate(self, request, queryset):
        act_on_each(
            self,
            request,
            queryset,
            lambda assignment: services.vacate_booth(booth=assignment.booth),
            label=lambda assignment: assignment.booth.code,
            done=ngettext_lazy("%d booth vacated.", "%d booths vacated."),
        )

    @admin.display(description=_("exhibitor"), ordering="application__exhibitor__name")
    def exhibitor(self, assignment):
        return assignment.application.exhibitor

    @admin.display(description=_("edition"), ordering="booth__edition")
    def edition(self, assignment):
        return assignment.booth.edition


# The edition's live counters (applications, booths, inside and outside the hosts) on the
# pages of the apps below, which do not know booths: their admins, extended here.
admin.site.unregister(Edition)


@admin.register(Edition)
class EditionAdmin(expo_admin.EditionAdmin):
    change_form_template = "admin/booths/edition_change_form.html"


admin.site.unregister(Application)


@admin.register(Application)
class ApplicationAdmin(exhibitors_admin.ApplicationAdmin):
    # Filtered to one edition, the list opens with that edition's counters.
    change_list_template = "admin/booths/application_change_list.html"

    def changelist_view(self, request, extra_context=None):
        edition_id = request.GET.get("edition__id__exact", "")
        editions = editions_for(request.user)
        edition = editions.filter(pk=edition_id).first() if edition_id.isdigit() else None
        return super().changelist_view(
            request, {**(extra_context or {}), "counters_edition": edition}
        )
