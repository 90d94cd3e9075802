from decimal import Decimal

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from booths.models import Assignment, Booth
from exhibitors.models import Application
from expo.models import BoothKind, Edition


class BoothRowsForm(forms.Form):
    """Booths generated in rows: "zone B, 12 booths of 3×3 m in two rows"."""

    edition = forms.ModelChoiceField(label=_("Edition"), queryset=Edition.objects.all())
    zone = forms.CharField(label=_("Zone"), max_length=3, help_text=_("One to three letters."))
    count = forms.IntegerField(label=_("Number of booths"), min_value=1, max_value=300)
    per_row = forms.IntegerField(label=_("Booths per row"), min_value=1, max_value=100)
    width = forms.DecimalField(
        label=_("Width (m)"), min_value=Decimal("1"), max_value=Decimal("20"), decimal_places=1
    )
    depth = forms.DecimalField(
        label=_("Depth (m)"), min_value=Decimal("1"), max_value=Decimal("20"), decimal_places=1
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BoothKind.choices)
    price = forms.IntegerField(
        label=_("Price (Rp)"), min_value=0, initial=0, help_text=_("0 means free.")
    )
    x = forms.DecimalField(
        label=_("Left edge on the plan (m)"), min_value=0, decimal_places=1, initial=0
    )
    y = forms.DecimalField(
        label=_("Top edge on the plan (m)"), min_value=0, decimal_places=1, initial=0
    )


class AssignmentForm(forms.Form):
    """Place an accepted participant on a free booth; the service checks the rest."""

    application = forms.ModelChoiceField(
        label=_("Participant"),
        queryset=Application.objects.accepted().filter(assignment__isnull=True),
        widget=AutocompleteSelect(Assignment._meta.get_field("application"), admin.site),
        error_messages={"invalid_choice": _("Choose an accepted participant without a booth.")},
    )
    booth = forms.ModelChoiceField(
        label=_("Booth"),
        queryset=Booth.objects.free(),
        widget=AutocompleteSelect(Assignment._meta.get_field("booth"), admin.site),
        error_messages={"invalid_choice": _("Choose a free booth.")},
    )
