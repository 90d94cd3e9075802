from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import form_page
from expo.admin import EditionFilter, OrganisationScopedAdmin
from expo.selectors import editions_for
from meetings import services
from meetings.forms import OpenSlotsForm
from meetings.models import Buyer, Meeting, Slot


@admin.register(Slot)
class SlotAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "place", "edition", "accepted", "requested"]
    list_filter = [("edition", EditionFilter), "place"]
    list_select_related = ["edition"]
    date_hierarchy = "starts_at"
    fields = ["edition", "starts_at", "ends_at", "place"]
    readonly_fields = ["edition", "starts_at", "ends_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                accepted_count=Count(
                    "meetings", filter=Q(meetings__status=Meeting.Status.ACCEPTED)
                ),
                requested_count=Count(
                    "meetings", filter=Q(meetings__status=Meeting.Status.REQUESTED)
                ),
            )
        )

    @admin.display(description=_("accepted meetings"), ordering="accepted_count")
    def accepted(self, slot):
        return slot.accepted_count

    @admin.display(description=_("requests to answer"), ordering="requested_count")
    def requested(self, slot):
        return slot.requested_count

    def get_urls(self):
        return [
            path("open/", self.admin_site.admin_view(self.open_view), name="meetings_slot_open"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        # Slots are opened a day at a time, through the one service that checks them.
        if not self.has_add_permission(request):
            raise PermissionDenied
        return redirect("admin:meetings_slot_open")

    def open_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = OpenSlotsForm(
            request.POST or None,
            initial={"edition": request.GET.get("edition")},
            editions=editions_for(request.user),
        )
        if request.method == "POST" and form.is_valid():
            try:
                slots = services.open_slots(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d meeting slot opened.",
                        "%(count)d meeting slots opened.",
                        len(slots),
                    )
                    % {"count": len(slots)},
                )
                url = reverse("admin:meetings_slot_changelist")
                return redirect(f"{url}?edition__id__exact={form.cleaned_data['edition'].pk}")
        return form_page(
            self,
            request,
            form=form,
            title=_("Open the meeting slots of a day"),
            template="admin/meetings/slot/open.html",
        )


@admin.register(Buyer)
class BuyerAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """The buyers who asked for meetings at the account's editions: staff of an
    organisation see no other."""

    list_display = ["name", "organisation", "kind", "country", "region", "email"]
    list_filter = ["kind", "country"]
    list_select_related = ["user", "region"]
    search_fields = ["name", "organisation", "user__email", "whatsapp"]
    fields = ["name", "organisation", "kind", "country", "region", "whatsapp", "email"]
    readonly_fields = fields

    def scoped(self, queryset, organisation):
        asked = Meeting.objects.filter(slot__edition__organisation=organisation)
        return queryset.filter(pk__in=asked.values("buyer_id"))

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, buyer):
        return buyer.email

    # A buyer's registration is their own, kept on the public site.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """The business meetings' schedule: by day (the date above the list), by exhibitor
    (sorted, or searched), with the counts of what the list shows."""

    organisation_lookup = "slot__edition__organisation"
    list_display = ["slot_start", "place", "exhibitor", "buyer", "buyer_kind", "status"]
    list_filter = [("slot__edition", EditionFilter), "status", "slot__place", "buyer__kind"]
    list_select_related = ["slot", "application__exhibitor", "buyer"]
    date_hierarchy = "slot__starts_at"
    ordering = ["slot__starts_at", "application__exhibitor__name"]
    search_fields = ["application__exhibitor__name", "buyer__name", "buyer__organisation"]
    fields = ["slot", "application", "buyer", "message", "status", "requested_at", "decided_at"]
    readonly_fields = fields
    change_list_template = "admin/meetings/meeting/change_list.html"

    @admin.display(description=_("time"), ordering="slot__starts_at")
    def slot_start(self, meeting):
        return meeting.slot

    @admin.display(description=_("place"), ordering="slot__place")
    def place(self, meeting):
        return meeting.slot.get_place_display()

    @admin.display(description=_("participant"), ordering="application__exhibitor__name")
    def exhibitor(self, meeting):
        return meeting.application.exhibitor

    @admin.display(description=_("kind of buyer"), ordering="buyer__kind")
    def buyer_kind(self, meeting):
        return meeting.buyer.get_kind_display()

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["counts"] = changelist.queryset.order_by().counts()
        return response

    # The decision is the exhibitor's, on their dashboard.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
