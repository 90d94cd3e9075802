from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exhibitors import documents, services
from exhibitors.models import Application, Exhibitor, LegalDocument, OnlineLink, Product
from expo.admin import form_page


class RejectionForm(forms.Form):
    """The reason an organiser gives the exhibitors of the applications being rejected."""

    required_css_class = "required"

    reason = forms.CharField(
        label=_("Reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Every selected exhibitor receives this reason by e-mail."),
        error_messages={"required": _("Give the exhibitor a reason for the rejection.")},
    )


class ProductInline(admin.TabularInline):
    model = Product
    fields = ["name", "price", "photo_count"]
    readonly_fields = ["photo_count"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    @admin.display(description=_("photos"))
    def photo_count(self, product):
        # A product added in this very form has no annotation yet.
        return getattr(product, "photo_total", 0)


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
class ExhibitorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "category", "scale", "region", "whatsapp", "nib"]
    list_filter = ["kind", "category", "scale", "region__province"]
    list_select_related = ["region"]
    search_fields = ["name", "nib", "whatsapp", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "owner"]
    # The logo goes through the owner's upload, which checks and shrinks it.
    exclude = ["logo", "logo_width", "logo_height"]
    inlines = [ProductInline, OnlineLinkInline, LegalDocumentInline]

    def get_urls(self):
        return [
            path(
                "<path:object_id>/dokumen/<int:document_id>/",
                self.admin_site.admin_view(self.document_view),
                name="exhibitors_exhibitor_document",
            ),
            *super().get_urls(),
        ]

    def document_view(self, request, object_id, document_id):
        """Download a legality document, for staff who may view the exhibitor."""
        exhibitor = self.get_object(request, object_id)
        if exhibitor is None or not self.has_view_permission(request, exhibitor):
            raise Http404
        document = get_object_or_404(LegalDocument, pk=document_id, exhibitor=exhibitor)
        return documents.download_response(document)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "exhibitor", "price"]
    list_select_related = ["exhibitor"]
    list_filter = ["exhibitor__category"]
    search_fields = ["name", "exhibitor__name"]
    autocomplete_fields = ["exhibitor"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["exhibitor", "edition", "category", "region", "mode", "status", "submitted_at"]
    list_filter = ["edition", "status", "mode", "exhibitor__category"]
    list_select_related = ["exhibitor__region", "edition"]
    search_fields = ["exhibitor__name", "exhibitor__nib", "exhibitor__whatsapp"]
    autocomplete_fields = ["exhibitor", "edition"]
    readonly_fields = ["status", "decision_reason", "decided_by", "decided_at", "submitted_at"]
    actions = ["accept", "waitlist", "reject"]

    @admin.display(description=_("category"), ordering="exhibitor__category")
    def category(self, application):
        return application.exhibitor.get_category_display()

    @admin.display(description=_("regency or city"), ordering="exhibitor__region")
    def region(self, application):
        return application.exhibitor.region

    def _decide(self, request, queryset, status, reason=""):
        decided = 0
        for application in queryset.select_related("exhibitor"):
            try:
                services.decide_application(
                    application=application, status=status, reason=reason, by=request.user
                )
            except ValidationError as error:
                self.message_user(
                    request, f"{application.exhibitor}: {error.messages[0]}", messages.ERROR
                )
            else:
                decided += 1
        return decided

    @admin.action(description=_("Accept the selected applications"), permissions=["change"])
    def accept(self, request, queryset):
        decided = self._decide(request, queryset, Application.Status.ACCEPTED)
        self.message_user(
            request,
            ngettext("%d application accepted.", "%d applications accepted.", decided) % decided,
        )

    @admin.action(description=_("Waitlist the selected applications"), permissions=["change"])
    def waitlist(self, request, queryset):
        decided = self._decide(request, queryset, Application.Status.WAITLISTED)
        self.message_user(
            request,
            ngettext("%d application waitlisted.", "%d applications waitlisted.", decided)
            % decided,
        )

    @admin.action(
        description=_("Reject the selected applications, with a reason"), permissions=["change"]
    )
    def reject(self, request, queryset):
        # The changelist posts here twice: first to ask for the reason, then with it.
        form = RejectionForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            decided = self._decide(
                request, queryset, Application.Status.REJECTED, reason=form.cleaned_data["reason"]
            )
            self.message_user(
                request,
                ngettext("%d application rejected.", "%d applications rejected.", decided)
                % decided,
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
