from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from expo.models import Edition, Partner, Province, Region


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
class EditionAdmin(admin.ModelAdmin):
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
