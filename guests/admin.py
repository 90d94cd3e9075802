from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.forms import ConfirmImportForm, ImportForm

from core.admin import AuditHistoryMixin, SpreadsheetImportMixin
from exhibitors.admin import search_with_phone
from expo.admin import EditionFilter, EditionImportMixin, OrganisationScopedAdmin
from expo.models import Edition
from guests import selectors, services
from guests.admin_views import GateAdminMixin
from guests.models import Guest
from guests.resources import GuestResource


class GuestImportForm(ImportForm):
    edition = forms.ModelChoiceField(
        Edition.objects.all(),
        label=_("Edition"),
        help_text=_("The guests in the file are added to this edition."),
    )


class GuestConfirmImportForm(ConfirmImportForm):
    edition = forms.ModelChoiceField(Edition.objects.all(), widget=forms.HiddenInput)


@admin.register(Guest)
class GuestAdmin(
    GateAdminMixin,
    OrganisationScopedAdmin,
    AuditHistoryMixin,
    EditionImportMixin,
    SpreadsheetImportMixin,
    admin.ModelAdmin,
):
    list_display = [
        "name",
        "position",
        "institution",
        "institution_kind",
        "edition",
        "rsvp",
        "representative_name",
        "companions",
        "invitation_sent_at",
        "revoked_at",
    ]
    list_filter = [("edition", EditionFilter), "institution_kind", "rsvp"]
    list_select_related = ["edition"]
    search_fields = ["name", "institution", "position", "email", "whatsapp"]
    autocomplete_fields = ["edition", "region"]
    fieldsets = [
        (None, {"fields": ["edition", "name", "position", "institution", "institution_kind"]}),
        (_("Contact"), {"fields": ["region", "whatsapp", "email"]}),
        (_("Invitation"), {"fields": ["days", "companions", "notes"]}),
        (
            _("Sending and answer"),
            {
                "fields": [
                    "invitation_link",
                    "whatsapp_message",
                    "invitation_sent_at",
                    "rsvp",
                    "representative_name",
                    "answered_at",
                    "revoked_at",
                ]
            },
        ),
    ]
    # The answer is the guest's own, given on the invitation page.
    readonly_fields = [
        "invitation_link",
        "whatsapp_message",
        "invitation_sent_at",
        "rsvp",
        "representative_name",
        "answered_at",
        "revoked_at",
    ]
    actions = ["send_invitations", "revoke_invitations"]
    resource_classes = [GuestResource]
    import_form_class = GuestImportForm
    confirm_form_class = GuestConfirmImportForm

    def get_urls(self):
        return [*self.gate_urls(), *super().get_urls()]

    # The edition the guests of a file go to: one of the staff member's.
    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return search_with_phone(
            queryset, found, search_term, field="whatsapp"
        ), may_have_duplicates

    @admin.display(description=_("invitation link"))
    def invitation_link(self, guest):
        if guest.pk is None:
            return _("Shown once the guest is saved.")
        if guest.is_revoked:
            return _("Revoked: the link no longer opens the invitation.")
        url = selectors.invitation_url(guest)
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description=_("WhatsApp message"))
    def whatsapp_message(self, guest):
        if guest.pk is None or guest.is_revoked:
            return "–"
        link = selectors.invitation_whatsapp_link(guest)
        if link is None:
            return _("Add the guest's WhatsApp number to send the invitation by WhatsApp.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            link,
            _("Open WhatsApp with the invitation written"),
        )

    @admin.action(description=_("Send the invitation by e-mail"), permissions=["change"])
    def send_invitations(self, request, queryset):
        sent, refused = 0, []
        for guest in queryset:
            try:
                services.send_invitation(guest=guest, by=request.user)
            except ValidationError as error:
                refused.append(f"{guest.name}: {error.messages[0]}")
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation sent by e-mail.",
                    "%(count)d invitations sent by e-mail.",
                    sent,
                )
                % {"count": sent},
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description=_("Revoke the invitation"), permissions=["change"])
    def revoke_invitations(self, request, queryset):
        count = 0
        for guest in queryset:
            services.revoke_invitation(guest=guest, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation revoked: its link no longer opens it.",
                "%(count)d invitations revoked: their links no longer open them.",
                count,
            )
            % {"count": count},
        )
