from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from buyers import selectors
from buyers.models import ANSWER_WITHIN_DAYS, Inquiry
from expo.admin import EditionFilter, OrganisationScopedAdmin

# What only a role allowed to contact buyers sees (``buyers.view_contact_inquiry``).
CONTACT_FIELDS = ("name", "whatsapp", "email", "place", "message")


class UnansweredFilter(admin.SimpleListFilter):
    title = _("answer")
    parameter_name = "unanswered"

    def lookups(self, request, model_admin):
        return [("1", _("Not answered within %(days)s days") % {"days": ANSWER_WITHIN_DAYS})]

    def queryset(self, request, queryset):
        return selectors.unanswered(queryset) if self.value() == "1" else queryset


@admin.register(Inquiry)
class InquiryAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """The organisers read what buyers asked, counted per edition, exhibitor, kind of
    buyer and country; the buyers' contact only with the permission for it. The owners
    answer; nobody changes an inquiry here."""

    change_list_template = "admin/buyers/inquiry/change_list.html"
    list_display = ["created_at", "exhibitor", "edition", "buyer_kind", "country", "status"]
    list_filter = [("edition", EditionFilter), UnansweredFilter, "status", "buyer_kind", "country"]
    list_select_related = ["exhibitor", "edition"]
    date_hierarchy = "created_at"
    search_fields = ["exhibitor__name"]
    fields = [
        "exhibitor",
        "edition",
        *CONTACT_FIELDS,
        "buyer_kind",
        "country",
        "products",
        "quantity",
        "unit",
        "status",
        "created_at",
        "answered_at",
        "anonymised_at",
    ]

    def shows_contact(self, request):
        return request.user.has_perm("buyers.view_contact_inquiry")

    def get_fields(self, request, obj=None):
        if self.shows_contact(request):
            return self.fields
        return [field for field in self.fields if field not in CONTACT_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_search_fields(self, request):
        return [*self.search_fields, "name", "email"] if self.shows_contact(request) else []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            rows = changelist.queryset
            response.context_data["counts"] = selectors.counts(rows)
            response.context_data["unanswered"] = selectors.unanswered(rows).count()
        return response
