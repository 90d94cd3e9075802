import lokal
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from core.admin import (
    AuditHistoryMixin,
    SpreadsheetExportMixin,
    SpreadsheetImportMixin,
    act_on_each,
    form_page,
)
from core.templatetags.formats import rupiah
from exhibitors import documents, selectors, services
from exhibitors.models import (
    Application,
    Category,
    Exhibitor,
    Klaster,
    KlasterStatusChange,
    LegalDocument,
    OnlineLink,
    Product,
)
from exhibitors.resources import ExhibitorResource, ParticipantResource
from exhibitors.selectors import APPLICATION_ANNOTATIONS, is_from_host_region
from expo.admin import EditionFilter, OrganisationScopedAdmin
from expo.selectors import editions_for, organisation_of


class RejectionForm(forms.Form):
    """The reason an organiser gives the exhibitors of the applications being rejected."""

    required_css_class = "required"

    reason = forms.CharField(
        label=_("Reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Every selected exhibitor receives this reason by e-mail."),
        error_messages={"required": _("Give the exhibitor a reason for the rejection.")},
    )


class DecisionForm(forms.Form):
    """A decision taken on the application's review page, with the same service as the
    list's actions."""

    status = forms.ChoiceField(
        choices=[
            (Application.Status.ACCEPTED, _("Accept")),
            (Application.Status.WAITLISTED, _("Waitlist")),
            (Application.Status.REJECTED, _("Reject")),
        ]
    )
    reason = forms.CharField(
        label=_("Reason, for the exhibitor"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "cols": 60, "aria-describedby": "decision_reason_help"}
        ),
        help_text=_("Needed to reject; the exhibitor receives it by e-mail."),
    )
    past_outside_share = forms.BooleanField(
        label=_("Accept anyway: I know this participant may get no booth."), required=False
    )


class VerificationForm(forms.Form):
    """A curator's check of one legality document."""

    verification = forms.ChoiceField(
        label=_("Result"), choices=LegalDocument.Verification.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("What does not match"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text=_("Needed when it does not match; the owner sees it on the dashboard."),
    )


class ProductInline(admin.TabularInline):
    model = Product
    fields = ["name", "price", "photo_count"]
    readonly_fields = ["photo_count"]
    extra = 0
    # A product is deleted on its own page, through the service that removes its photos.
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    @admin.display(description=_("photos"))
    def photo_count(self, product):
        # A product added in this very form has no annotation yet.
        return getattr(product, "photo_total", 0)


def search_with_phone(queryset, found, search_term, *, field):
    """Add the rows whose WhatsApp number is the one typed, in whatever writing:
    ``0812-3456-7890`` finds the stored ``+6281234567890``."""
    phone = lokal.normalize_phone(search_term)
    if phone is None:
        return found
    return found | queryset.filter(**{field: phone})


class OnlineLinkInline(admin.TabularInline):
    model = OnlineLink
    fields = ["platform", "url"]
    extra = 0


class LegalDocumentInline(admin.TabularInline):
    """The owner's uploads, to check against the numbers; only downloaded from here,
    since a file is changed by its owner alone."""

    model = LegalDocument
    fields = ["kind", "download", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, document):
        if document.pk is None:
            return ""
        url = reverse(
            f"{self.admin_site.name}:exhibitors_exhibitor_document",
            kwargs={"object_id": document.exhibitor_id, "document_id": document.pk},
        )
        return format_html('<a href="{}">{}</a>', url, _("Download"))


@admin.register(Exhibitor)
class ExhibitorAdmin(OrganisationScopedAdmin, SpreadsheetImportMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "category", "scale", "region", "whatsapp", "nib"]
    list_filter = ["kind", "category", "scale", "region__province"]
    list_select_related = ["region"]
    search_fields = ["name", "nib", "whatsapp", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "kecamatan", "desa", "owner"]
    # The logo goes through the owner's upload, which checks and shrinks it.
    exclude = ["logo", "logo_width", "logo_height"]
    inlines = [ProductInline, OnlineLinkInline, LegalDocumentInline]
    resource_classes = [ExhibitorResource]

    def scoped(self, queryset, organisation):
        # What the organisation's staff registered, and who applied to its editions.
        return queryset.filter(selectors.of_organisation(organisation=organisation))

    def get_exclude(self, request, obj=None):
        exclude = [*super().get_exclude(request, obj)]
        if organisation_of(request.user) is not None:
            exclude.append("registered_by")  # their own, set when they add a profile
        return exclude

    def save_model(self, request, obj, form, change):
        organisation = organisation_of(request.user)
        if not change and organisation is not None:
            obj.registered_by_id = organisation
        super().save_model(request, obj, form, change)

    def get_import_resource_kwargs(self, request, **kwargs):
        # An import updates only the profiles its staff may read, and registers the others.
        return {
            **super().get_import_resource_kwargs(request, **kwargs),
            "exhibitors": self.get_queryset(request),
            "organisation": organisation_of(request.user),
        }

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        found = search_with_phone(queryset, found, search_term, field="whatsapp")
        return found, may_have_duplicates

    def get_urls(self):
        return [
            path(
                "<path:object_id>/dokumen/<int:document_id>/",
                self.admin_site.admin_view(self.document_view),
                name="exhibitors_exhibitor_document",
            ),
            *super().get_urls(),
        ]

    # Deleting goes through the service, so that logo, photo and document files go too.
    def delete_model(self, request, obj):
        services.delete_exhibitor(exhibitor=obj)

    def delete_queryset(self, request, queryset):
        for exhibitor in queryset:
            services.delete_exhibitor(exhibitor=exhibitor)

    def document_view(self, request, object_id, document_id):
        """Download a legality document, for staff who may view the exhibitor and its
        documents."""
        exhibitor = self.get_object(request, object_id)
        if exhibitor is None or not self.has_view_permission(request, exhibitor):
            raise Http404
        if not request.user.has_perm("exhibitors.view_legaldocument"):
            raise PermissionDenied
        document = get_object_or_404(LegalDocument, pk=document_id, exhibitor=exhibitor)
        return documents.download_response(document)


@admin.register(Product)
class ProductAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "exhibitor", "price_label"]
    list_select_related = ["exhibitor"]
    list_filter = ["exhibitor__category"]
    search_fields = ["name", "exhibitor__name"]
    autocomplete_fields = ["exhibitor"]

    @admin.display(description=_("price"), ordering="price")
    def price_label(self, product):
        if product.price_max:
            return f"{rupiah(product.price)}–{rupiah(product.price_max)}"
        return rupiah(product.price)

    def scoped(self, queryset, organisation):
        exhibitors = Exhibitor.objects.filter(selectors.of_organisation(organisation=organisation))
        return queryset.filter(exhibitor__in=exhibitors.values("pk"))

    # Deleting goes through the service, so that the photos' files go too.
    def delete_model(self, request, obj):
        services.delete_product(product=obj)

    def delete_queryset(self, request, queryset):
        for product in queryset:
            services.delete_product(product=product)


# Legality an organiser checks before accepting: every UMKM has an NIB, and food also
# needs a home-industry (P-IRT) or BPOM number. Institutions need neither.
HAS_NIB = ~Q(exhibitor__nib="")
SELLS_FOOD = Q(exhibitor__category=Category.CULINARY)
HAS_FOOD_PERMIT = ~Q(exhibitor__pirt="") | ~Q(exhibitor__bpom_number="")
IS_INSTITUTION = Q(exhibitor__kind=Exhibitor.Kind.INSTITUTION)
LEGALITY_COMPLETE = IS_INSTITUTION | (HAS_NIB & (~SELLS_FOOD | HAS_FOOD_PERMIT))


class OriginFilter(admin.SimpleListFilter):
    title = _("origin")
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [
            ("inside", _("inside the host regions")),
            ("outside", _("outside the host regions")),
        ]

    def queryset(self, request, queryset):
        if self.value() in {"inside", "outside"}:
            return queryset.filter(is_from_host_region=self.value() == "inside")
        return queryset


class ReturningFilter(admin.SimpleListFilter):
    title = _("first time or returning")
    parameter_name = "returning"

    def lookups(self, request, model_admin):
        return [("no", _("first time")), ("yes", _("took part before"))]

    def queryset(self, request, queryset):
        # Whether there is an earlier participation, not how many (``editions_before``,
        # the column): PostgreSQL then stops at the first one found, and can join instead
        # of counting anew for every application.
        earlier = Application.objects.accepted().filter(
            exhibitor=OuterRef("exhibitor_id"),
            edition__starts_on__lt=OuterRef("edition__starts_on"),
        )
        if self.value() == "yes":
            return queryset.filter(Exists(earlier))
        if self.value() == "no":
            return queryset.filter(~Exists(earlier))
        return queryset


class LegalityFilter(admin.SimpleListFilter):
    title = _("legality")
    parameter_name = "legality"

    def lookups(self, request, model_admin):
        return [
            ("complete", _("complete")),
            ("no-nib", _("NIB missing")),
            ("no-food-permit", _("food without P-IRT or BPOM")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "complete":
                return queryset.filter(LEGALITY_COMPLETE)
            case "no-nib":
                return queryset.filter(~HAS_NIB, ~IS_INSTITUTION)
            case "no-food-permit":
                return queryset.filter(SELLS_FOOD, ~HAS_FOOD_PERMIT, ~IS_INSTITUTION)
        return queryset


class BoothFilter(admin.SimpleListFilter):
    title = _("booth")
    parameter_name = "booth"

    def lookups(self, request, model_admin):
        return [("yes", _("has a booth")), ("no", _("no booth yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(booth_code__isnull=False)
        if self.value() == "no":
            # "Has it no booth?", not "is the code of the booth joined to it empty?":
            # PostgreSQL then knows that most have none, and reads the newest from the
            # index up to the page instead of joining every application to sort them.
            with_booth = (
                Application.objects.filter(pk=OuterRef("pk"))
                .annotate(**APPLICATION_ANNOTATIONS)
                .filter(booth_code__isnull=False)
            )
            return queryset.filter(~Exists(with_booth))
        return queryset


class DelegationFilter(admin.RelatedFieldListFilter):
    """The delegations to the account's own editions."""

    def field_choices(self, field, request, model_admin):
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(edition__in=editions_for(request.user).values("pk")),
        )


@admin.register(Application)
class ApplicationAdmin(
    OrganisationScopedAdmin, AuditHistoryMixin, SpreadsheetExportMixin, admin.ModelAdmin
):
    list_display = [
        "exhibitor",
        "edition",
        "category",
        "region",
        "origin",
        "first_time",
        "legality",
        "mode",
        "status",
        "booth",
    ]
    list_filter = [
        ("edition", EditionFilter),
        ("delegation", DelegationFilter),
        "status",
        "mode",
        "exhibitor__category",
        OriginFilter,
        ReturningFilter,
        LegalityFilter,
        BoothFilter,
    ]
    list_select_related = ["exhibitor__region", "edition"]
    # Newest first, read in that order from an index up to the page instead of sorting
    # every application: ``application_newest_first``, and for one edition or one status
    # ``application_edition_newest`` and ``application_status_newest``.
    ordering = ["-submitted_at", "-pk"]
    # One count, of what the filters leave: an edition has up to 100,000 applications,
    # and each count is a pass over them.
    show_full_result_count = False
    # The counts beside each filter's choices are a pass over the applications per
    # filter, two seconds at 100,000; an edition's list opens with its own counters.
    show_facets = admin.ShowFacets.NEVER
    search_fields = ["exhibitor__name", "exhibitor__nib", "exhibitor__whatsapp"]
    autocomplete_fields = ["exhibitor", "edition"]
    # The applicant's choices; featured products as a select would list every product.
    readonly_fields = [
        "status",
        "decision_reason",
        "decided_by",
        "decided_at",
        "submitted_at",
        "featured_products",
        "delegation",
    ]
    actions = ["accept", "waitlist", "reject"]
    resource_classes = [ParticipantResource]
    change_form_template = "admin/exhibitors/application/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        # Submitted by an exhibitor to an edition: who and where stay as they were.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "exhibitor", "edition"] if obj else fields

    def has_delete_permission(self, request, obj=None):
        # A decided application is the record of its edition (the database keeps it too).
        if obj is not None and obj.decided_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Deleting in bulk would pass decided applications; one by one, on their page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_urls(self):
        return [
            path(
                "<path:object_id>/putuskan/",
                self.admin_site.admin_view(self.decide_view),
                name="exhibitors_application_decide",
            ),
            path(
                "<path:object_id>/dokumen/<int:document_id>/periksa/",
                self.admin_site.admin_view(self.verify_view),
                name="exhibitors_application_verify",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        extra = {}
        if application is not None:
            extra = {
                "review": selectors.application_review(application=application),
                "decision_form": DecisionForm(
                    initial={"reason": application.decision_reason}, auto_id="decision_%s"
                ),
                "can_decide": self.has_change_permission(request, application)
                and application.status != Application.Status.WITHDRAWN,
                "can_verify": request.user.has_perm("exhibitors.change_legaldocument"),
                "can_download": request.user.has_perm("exhibitors.view_legaldocument"),
                "verification_choices": LegalDocument.Verification.choices,
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def _reviewed(self, request, object_id, *, permission):
        """The application of a review page's form, for staff who may act on it."""
        if request.method != "POST":
            raise Http404
        application = self.get_object(request, object_id)
        if application is None:
            raise Http404
        if not permission(application):
            raise PermissionDenied
        return application

    def _back(self, application):
        return redirect(f"{self.admin_site.name}:exhibitors_application_change", application.pk)

    def decide_view(self, request, object_id):
        application = self._reviewed(
            request, object_id, permission=lambda a: self.has_change_permission(request, a)
        )
        form = DecisionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Choose a decision."), messages.ERROR)
            return self._back(application)
        status = form.cleaned_data["status"]
        try:
            services.decide_application(
                application=application,
                status=status,
                reason=form.cleaned_data["reason"],
                by=request.user,
                past_outside_share=form.cleaned_data["past_outside_share"],
            )
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
        else:
            self.message_user(request, self.decided_messages[status] % 1)
        return self._back(application)

    def verify_view(self, request, object_id, document_id):
        application = self._reviewed(
            request,
            object_id,
            permission=lambda a: request.user.has_perm("exhibitors.change_legaldocument"),
        )
        document = get_object_or_404(
            LegalDocument, pk=document_id, exhibitor_id=application.exhibitor_id
        )
        form = VerificationForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Choose whether the document matches."), messages.ERROR)
            return self._back(application)
        try:
            services.verify_document(
                document=document,
                verification=form.cleaned_data["verification"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
        else:
            self.message_user(
                request,
                _("The check of the %(document)s document is saved.")
                % {"document": document.get_kind_display()},
            )
        return self._back(application)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                **APPLICATION_ANNOTATIONS,
                is_from_host_region=is_from_host_region(),
                editions_before=selectors.editions_before(),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        found = search_with_phone(queryset, found, search_term, field="exhibitor__whatsapp")
        return found, may_have_duplicates

    @admin.display(description=_("category"), ordering="exhibitor__category")
    def category(self, application):
        return application.exhibitor.get_category_display()

    @admin.display(description=_("regency or city"), ordering="exhibitor__region")
    def region(self, application):
        return application.exhibitor.region

    @admin.display(description=_("origin"), ordering="is_from_host_region")
    def origin(self, application):
        return _("inside") if application.is_from_host_region else _("outside")

    # Not sortable: the number is counted for each application against its own
    # edition's dates, so sorting by it counts it for all of them, a second at 100,000.
    # The "first time or returning" filter splits them instead.
    @admin.display(description=_("earlier editions"))
    def first_time(self, application):
        if not application.editions_before:
            return _("first time")
        return ngettext(
            "took part %(count)d time", "took part %(count)d times", application.editions_before
        ) % {"count": application.editions_before}

    @admin.display(description=_("legality"))
    def legality(self, application):
        exhibitor = application.exhibitor
        papers = [
            ("NIB", exhibitor.nib),
            ("P-IRT", exhibitor.pirt),
            ("BPOM", exhibitor.bpom_number),
            ("Halal", exhibitor.halal_number),
        ]
        return " · ".join(f"{name} {'✓' if number else '–'}" for name, number in papers)

    @admin.display(description=_("booth"), ordering="booth_code")
    def booth(self, application):
        return application.booth_code or "—"

    # What deciding reports, by the status given: how many applications now have it.
    decided_messages = {
        Application.Status.ACCEPTED: ngettext_lazy(
            "%d application accepted.", "%d applications accepted."
        ),
        Application.Status.WAITLISTED: ngettext_lazy(
            "%d application waitlisted.", "%d applications waitlisted."
        ),
        Application.Status.REJECTED: ngettext_lazy(
            "%d application rejected.", "%d applications rejected."
        ),
    }

    def _decide(self, request, queryset, status, reason=""):
        """Give ``status`` to every application of ``queryset`` through the service, and
        report each refusal with its exhibitor, then how many were decided."""
        act_on_each(
            self,
            request,
            queryset.select_related("exhibitor"),
            lambda application: services.decide_application(
                application=application, status=status, reason=reason, by=request.user
            ),
            label=lambda application: application.exhibitor,
            done=self.decided_messages[status],
        )

    @admin.action(description=_("Accept the selected applications"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, Application.Status.ACCEPTED)

    @admin.action(description=_("Waitlist the selected applications"), permissions=["change"])
    def waitlist(self, request, queryset):
        self._decide(request, queryset, Application.Status.WAITLISTED)

    @admin.action(
        description=_("Reject the selected applications, with a reason"), permissions=["change"]
    )
    def reject(self, request, queryset):
        # The changelist posts here twice: first to ask for the reason, then with it.
        form = RejectionForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            self._decide(
                request, queryset, Application.Status.REJECTED, reason=form.cleaned_data["reason"]
            )
            return None
        request.current_app = self.admin_site.name
        return form_page(
            self,
            request,
            form=form,
            title=_("Reject applications"),
            template="admin/exhibitors/application/reject.html",
            applications=queryset.select_related("exhibitor", "edition"),
            action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
            # The changelist URL with its filters, so cancelling returns to the same list.
            changelist_url=request.get_full_path(),
        )


class KlasterStepInline(admin.TabularInline):
    """The klaster's steps, as ``services.move_klaster`` kept them: read, never typed."""

    model = KlasterStatusChange
    extra = 0
    fields = ["status", "changed_by", "changed_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Klaster)
class KlasterAdmin(OrganisationScopedAdmin, AuditHistoryMixin, admin.ModelAdmin):
    """The klaster an office records: its members, and Demak's steps, which the actions
    take one at a time, each kept with who took it and when."""

    organisation_lookup = "organisation"
    list_display = ["name", "product", "kecamatan", "status", "member_count"]
    list_filter = ["status"]
    list_select_related = ["kecamatan"]
    search_fields = ["name", "product", "kecamatan__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "kecamatan", "desa", "members"]
    readonly_fields = ["status"]
    inlines = [KlasterStepInline]
    actions = ["mark_identified", "mark_verified", "mark_validated"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, klaster):
        return klaster.member_count

    def get_exclude(self, request, obj=None):
        exclude = [*(super().get_exclude(request, obj) or [])]
        if organisation_of(request.user) is not None:
            exclude.append("organisation")  # their own office, set when they add one
        return exclude

    def save_model(self, request, obj, form, change):
        organisation = organisation_of(request.user)
        if not change and organisation is not None:
            obj.organisation_id = organisation
        services.save_klaster(klaster=obj, by=request.user)

    def _move(self, request, queryset, status):
        act_on_each(
            self,
            request,
            queryset,
            lambda klaster: services.move_klaster(klaster=klaster, status=status, by=request.user),
            done=ngettext_lazy("%d klaster moved.", "%d klaster moved.", "number"),
        )

    @admin.action(description=_("Mark as identified (teridentifikasi)"), permissions=["change"])
    def mark_identified(self, request, queryset):
        self._move(request, queryset, Klaster.Status.IDENTIFIED)

    @admin.action(description=_("Mark as verified (terverifikasi)"), permissions=["change"])
    def mark_verified(self, request, queryset):
        self._move(request, queryset, Klaster.Status.VERIFIED)

    @admin.action(description=_("Mark as validated (tervalidasi)"), permissions=["change"])
    def mark_validated(self, request, queryset):
        self._move(request, queryset, Klaster.Status.VALIDATED)
