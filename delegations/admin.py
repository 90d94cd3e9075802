from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from delegations import selectors, services
from delegations.forms import AddDelegateForm, DelegationForm
from expo.admin import EditionFilter, OrganisationScopedAdmin
from expo.models import Delegation


@admin.register(Delegation)
class DelegationAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """The partner offices an edition's host invites, each with its allotment; their
    nominations are the edition's applications, decided on there."""

    list_display = ["organisation", "edition", "booths_label", "virtual_label"]
    list_filter = [("edition", EditionFilter)]
    list_select_related = ["organisation", "edition"]
    search_fields = ["organisation__name"]
    readonly_fields = ["organisation", "edition"]
    organisation_lookup = "edition__organisation"

    def get_queryset(self, request):
        return selectors.with_places_taken(super().get_queryset(request))

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = AddDelegateForm if obj else DelegationForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj:
            return ["organisation", "edition", "booth_places", "virtual_places", "delegate_email"]
        return [
            "edition",
            "office_name",
            "office_region",
            "booth_places",
            "virtual_places",
            "delegate_email",
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            services.create_delegation(
                delegation=obj,
                office_name=data["office_name"],
                office_region=data["office_region"],
                delegate_email=data["delegate_email"],
            )
            return
        obj.save()
        if data["delegate_email"]:
            services.invite_delegate(delegation=obj, email=data["delegate_email"])

    @admin.display(description=_("booths (nominated / allotted)"))
    def booths_label(self, delegation):
        return f"{delegation.booths_taken} / {delegation.booth_places}"

    @admin.display(description=_("virtual places (nominated / allotted)"))
    def virtual_label(self, delegation):
        return f"{delegation.virtual_taken} / {delegation.virtual_places}"
