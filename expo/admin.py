from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AuditHistoryMixin
from expo.models import Edition, Partner, Province, Region


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


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    fields = ["name", "role", "website", "position"]


@admin.register(Edition)
class EditionAdmin(AuditHistoryMixin, admin.ModelAdmin):
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
        (_("Place and dates"), {"fields": ["venue_name", "venue_address", "starts_on", "ends_on"]}),
        (_("Registration"), {"fields": ["registration_opens_at", "registration_closes_at"]}),
        (_("Organiser"), {"fields": ["organiser", "contact_email", "contact_phone"]}),
        (_("Online"), {"fields": ["livestream_url"]}),
    ]
