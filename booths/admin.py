from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from booths import services
from booths.models import Assignment, Booth


class AssignmentInline(admin.StackedInline):
    model = Assignment
    fields = ["application", "assigned_by", "assigned_at"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ["code", "edition", "zone", "kind", "size_label", "price", "occupant"]
    list_filter = ["edition", "kind", "zone"]
    list_select_related = ["edition", "assignment__application__exhibitor"]
    search_fields = ["code", "zone", "assignment__application__exhibitor__name"]
    autocomplete_fields = ["edition"]
    inlines = [AssignmentInline]

    @admin.display(description=_("size"))
    def size_label(self, booth):
        return booth.size_label

    @admin.display(description=_("occupant"))
    def occupant(self, booth):
        assignment = getattr(booth, "assignment", None)
        return assignment.application.exhibitor if assignment else "—"


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["booth", "exhibitor", "edition", "assigned_by", "assigned_at"]
    list_filter = ["booth__edition"]
    list_select_related = ["booth__edition", "application__exhibitor", "assigned_by"]
    search_fields = ["booth__code", "application__exhibitor__name"]
    actions = ["vacate"]

    # Assignments are made and undone only through the services, which check the rules.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_vacate_permission(self, request):
        return request.user.has_perm("booths.delete_assignment")

    @admin.action(description=_("Vacate the selected booths"), permissions=["vacate"])
    def vacate(self, request, queryset):
        booths = [assignment.booth for assignment in queryset]
        for booth in booths:
            services.vacate_booth(booth=booth)
        count = len(booths)
        self.message_user(
            request, ngettext("%d booth vacated.", "%d booths vacated.", count) % count
        )

    @admin.display(description=_("exhibitor"), ordering="application__exhibitor__name")
    def exhibitor(self, assignment):
        return assignment.application.exhibitor

    @admin.display(description=_("edition"), ordering="booth__edition")
    def edition(self, assignment):
        return assignment.booth.edition
