from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from booths import selectors, services
from booths.admin_views import BOARD_PERMISSION, BoardAdminMixin
from booths.forms import AssignmentForm, BoothRowsForm
from booths.models import Assignment, Booth
from booths.resources import BoothResource
from core.admin import AuditHistoryMixin, SpreadsheetImportMixin, act_on_each, form_page
from core.db import violated_constraint
from core.templatetags.formats import rupiah
from exhibitors import admin as exhibitors_admin
from exhibitors import documents
from exhibitors.models import Application
from expo import admin as expo_admin
from expo.admin import EditionImportMixin, OrganisationScopedAdmin
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
    EditionImportMixin,
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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            if violated_constraint(error) not in BOOTH_RULES:
                raise
        # Someone else placed or coded a booth in the way between this form's check and
        # its save, which the database refused and undid. Checked again, the form now
        # sees that booth and names it, as for any booth in the way.
        return super().changeform_view(request, object_id, form_url, extra_context)

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
            # Opened from an edition's page, the rows go to that edition.
            initial={"width": 3, "depth": 3, "per_row": 6, "edition": request.GET.get("edition")},
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


class EditionForm(forms.ModelForm):
    """The edition's admin form; its rules document must be a real PDF, checked as the
    legality documents are (``exhibitors.documents``): visitors download it from the
    edition's public page."""

    def clean_rules_document(self):
        document = self.cleaned_data.get("rules_document")
        # Only a new upload: the file already kept was checked when it came.
        if not isinstance(document, UploadedFile):
            return document
        document.seek(0)
        is_pdf = document.read(5) == b"%PDF-"
        document.seek(0)
        if not is_pdf:
            raise ValidationError(_("The rules document must be a PDF file."), code="not_a_pdf")
        documents.check_document(document)
        return document


@dataclass(frozen=True)
class Step:
    """One thing to do next for an edition: what, and the links to the pages that do it
    (those the staff member may open)."""

    text: str
    links: list = field(default_factory=list)
    warning: bool = False


def _application_list(edition, **filters):
    url = reverse("admin:exhibitors_application_changelist")
    return f"{url}?{urlencode({'edition__id__exact': edition.pk, **filters}, safe=',')}"


def _booth_list(edition, **filters):
    url = reverse("admin:booths_booth_changelist")
    return f"{url}?{urlencode({'edition__id__exact': edition.pk, **filters}, safe=',')}"


def _local_date(moment):
    return date_format(timezone.localtime(moment))


# The application list's filter for the modes that take a booth at the venue.
BOOTH_MODE_FILTER = {"mode__in": ",".join(Application.BOOTH_MODES)}
# The constraints of a booth that its form checks, and the database holds in a race.
BOOTH_RULES = {constraint.name for constraint in Booth._meta.constraints}


def next_steps(*, edition, counts, user, now):
    """What is left to do for ``edition``, in the order an organiser does it, with the
    counts of ``selectors.edition_next_steps``; only the steps that apply now."""

    def links(*entries):
        return [(label, url) for label, url, *permissions in entries if user.has_perms(permissions)]

    steps = []
    if edition.status == Edition.Status.CANCELLED:
        return steps
    if edition.status == Edition.Status.DRAFT:
        steps.append(
            Step(
                gettext(
                    "This edition is a draft: UMKM and visitors do not see it yet. "
                    "Publish it once its details are complete."
                ),
                links(
                    (gettext("Set its status to Published"), "#id_status", "expo.change_edition")
                ),
            )
        )
    else:
        opens, closes = edition.registration_opens_at, edition.registration_closes_at
        if now < opens:
            text = gettext("Registration opens on %(date)s.") % {"date": _local_date(opens)}
        elif now < closes:
            text = gettext("Registration is open until %(date)s.") % {"date": _local_date(closes)}
        else:
            text = gettext("Registration closed on %(date)s.") % {"date": _local_date(closes)}
        steps.append(
            Step(
                text,
                links(
                    (
                        gettext("Change the registration dates"),
                        "#id_registration_opens_at",
                        "expo.change_edition",
                    )
                ),
            )
        )
    if counts.submitted:
        steps.append(
            Step(
                ngettext(
                    "%(count)d application is waiting for a decision.",
                    "%(count)d applications are waiting for a decision.",
                    counts.submitted,
                )
                % {"count": counts.submitted},
                links(
                    (
                        gettext("Decide on them"),
                        _application_list(edition, status__exact=Application.Status.SUBMITTED),
                        "exhibitors.view_application",
                    )
                ),
            )
        )
    if counts.outside_over_limit:
        steps.append(
            Step(
                ngettext(
                    "%(count)d participant from outside the host regions is accepted for a "
                    "booth, more than the %(limit)d booths their share of %(share)d%% leaves "
                    "them.",
                    "%(count)d participants from outside the host regions are accepted for a "
                    "booth, more than the %(limit)d booths their share of %(share)d%% leaves "
                    "them.",
                    counts.outside_accepted,
                )
                % {
                    "count": counts.outside_accepted,
                    "limit": counts.outside_limit,
                    "share": counts.outside_share_percent,
                },
                links(
                    (
                        gettext("See the accepted participants from outside"),
                        _application_list(
                            edition,
                            status__exact=Application.Status.ACCEPTED,
                            origin="outside",
                            **BOOTH_MODE_FILTER,
                        ),
                        "exhibitors.view_application",
                    )
                ),
                warning=True,
            )
        )
    if not edition.has_venue:
        return steps
    generator = reverse("admin:booths_booth_generate")
    if not counts.booths:
        steps.append(
            Step(
                gettext("No booths are laid out yet."),
                links(
                    (
                        gettext("Generate booths in rows"),
                        f"{generator}?edition={edition.pk}",
                        "booths.add_booth",
                    ),
                    (
                        gettext("Import booths"),
                        f"{reverse('admin:booths_booth_import')}?edition={edition.pk}",
                        "booths.add_booth",
                        "booths.change_booth",
                    ),
                ),
            )
        )
    if counts.unplaced:
        steps.append(
            Step(
                ngettext(
                    "%(count)d accepted participant has no booth yet.",
                    "%(count)d accepted participants have no booth yet.",
                    counts.unplaced,
                )
                % {"count": counts.unplaced},
                links(
                    (
                        gettext("Place them on the booth board"),
                        reverse("admin:booths_board", kwargs={"edition_id": edition.pk}),
                        BOARD_PERMISSION,
                    ),
                    (
                        gettext("List them"),
                        _application_list(
                            edition,
                            status__exact=Application.Status.ACCEPTED,
                            booth="no",
                            **BOOTH_MODE_FILTER,
                        ),
                        "exhibitors.view_application",
                    ),
                ),
            )
        )
    if counts.booths_taken:
        steps.append(
            Step(
                ngettext(
                    "%(count)d booth has an occupant: print its sign with a QR code.",
                    "%(count)d booths have an occupant: print their signs with QR codes.",
                    counts.booths_taken,
                )
                % {"count": counts.booths_taken},
                links(
                    (
                        gettext("Choose the booths to print"),
                        _booth_list(edition, assignment__isnull="False"),
                        "booths.view_booth",
                    )
                ),
            )
        )
    return steps


def edition_tools(*, edition, user):
    """The pages an organiser runs an edition with, those the staff member may open."""
    board = {"edition_id": edition.pk}
    tools = []
    if edition.has_venue:
        tools += [
            (
                gettext("Booth board"),
                reverse("admin:booths_board", kwargs=board),
                [BOARD_PERMISSION],
            ),
            (
                gettext("Generate booths in rows"),
                f"{reverse('admin:booths_booth_generate')}?edition={edition.pk}",
                ["booths.add_booth"],
            ),
            (
                gettext("Automatic draft"),
                reverse("admin:booths_draft", kwargs=board),
                [BOARD_PERMISSION],
            ),
            (
                gettext("Import booths"),
                f"{reverse('admin:booths_booth_import')}?edition={edition.pk}",
                ["booths.add_booth", "booths.change_booth"],
            ),
        ]
    tools.append(
        (
            gettext("Export participants"),
            f"{reverse('admin:exhibitors_application_export')}?"
            + urlencode(
                {"edition__id__exact": edition.pk, "status__exact": Application.Status.ACCEPTED}
            ),
            ["exhibitors.view_application"],
        )
    )
    if edition.has_venue:
        tools.append((gettext("Booth signs"), _booth_list(edition), ["booths.view_booth"]))
    # A draft's public pages do not exist yet.
    if edition.status != Edition.Status.DRAFT:
        tools.append((gettext("Public page"), edition.get_absolute_url(), []))
        if edition.has_venue:
            floor_plan = reverse("floor_plan", kwargs={"edition_slug": edition.slug})
            tools.append((gettext("Public floor plan"), floor_plan, []))
    return [(label, url) for label, url, permissions in tools if user.has_perms(permissions)]


# The admin's first page lists the staff member's editions with their boards, above
# Django's list of apps: a page of the site this app knows more of than those below it.
admin.site.index_template = "admin/booths/index.html"


# The edition's cockpit and live counters (applications, booths, inside and outside the
# hosts) on the pages of the apps below, which do not know booths: their admins, extended
# here.
admin.site.unregister(Edition)


@admin.register(Edition)
class EditionAdmin(expo_admin.EditionAdmin):
    """The edition's page is the organiser's cockpit: above its form, the edition's
    dates, what to do next, its tools and its live counters."""

    form = EditionForm
    change_form_template = "admin/booths/edition_change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            counts = selectors.edition_next_steps(edition=obj)
            context = {
                **context,
                "next_steps": next_steps(
                    edition=obj, counts=counts, user=request.user, now=timezone.now()
                ),
                "tools": edition_tools(edition=obj, user=request.user),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)


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
