from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exhibitors import services
from exhibitors.models import Application, Exhibitor, Product


class ProductInline(admin.TabularInline):
    model = Product
    fields = ["name", "price", "photo"]
    extra = 0


@admin.register(Exhibitor)
class ExhibitorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "category", "scale", "region", "whatsapp", "nib"]
    list_filter = ["kind", "category", "scale", "region__province"]
    list_select_related = ["region"]
    search_fields = ["name", "nib", "whatsapp", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region", "owner"]
    inlines = [ProductInline]


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
    actions = ["accept", "waitlist"]

    @admin.display(description=_("category"), ordering="exhibitor__category")
    def category(self, application):
        return application.exhibitor.get_category_display()

    @admin.display(description=_("regency or city"), ordering="exhibitor__region")
    def region(self, application):
        return application.exhibitor.region

    def _decide(self, request, queryset, status):
        decided = 0
        for application in queryset.select_related("exhibitor"):
            try:
                services.decide_application(application=application, status=status, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{application.exhibitor}: {error.messages[0]}", messages.ERROR
                )
            else:
                decided += 1
        return decided

    @admin.action(description=_("Accept the selected applications"))
    def accept(self, request, queryset):
        decided = self._decide(request, queryset, Application.Status.ACCEPTED)
        self.message_user(
            request,
            ngettext("%d application accepted.", "%d applications accepted.", decided) % decided,
        )

    @admin.action(description=_("Waitlist the selected applications"))
    def waitlist(self, request, queryset):
        decided = self._decide(request, queryset, Application.Status.WAITLISTED)
        self.message_user(
            request,
            ngettext("%d application waitlisted.", "%d applications waitlisted.", decided)
            % decided,
        )
