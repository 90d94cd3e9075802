from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from delegations import services
from exhibitors.models import Application
from exhibitors.services import MODES_BY_FORMAT
from expo.models import Delegation, Region


class NominationForm(forms.Form):
    """One UMKM of the office's region put forward, and how it takes part."""

    exhibitor = forms.ModelChoiceField(
        label=_("UMKM"),
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "This UMKM cannot be nominated: it is not of your region, "
                "or is in the edition already."
            )
        },
    )
    mode = forms.ChoiceField(label=_("Takes part"))

    def __init__(self, *args, delegation, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exhibitor"].queryset = candidates
        modes = MODES_BY_FORMAT[delegation.edition.format]
        self.fields["mode"].choices = [
            (value, label) for value, label in Application.Mode.choices if value in modes
        ]
        if len(modes) == 1:
            self.fields["mode"].widget = forms.HiddenInput()
            self.fields["mode"].initial = next(iter(modes))


class DelegationForm(forms.ModelForm):
    """The host's invitation of a partner office: the office by name and regency or city
    (added if new), its allotment, and the delegate's e-mail."""

    office_name = forms.CharField(
        label=_("partner office"),
        max_length=200,
        help_text=_("e.g. Dinas Koperasi UKM Perindag Kabupaten Sukoharjo."),
    )
    office_region = forms.ModelChoiceField(
        label=_("its regency or city"),
        queryset=Region.objects.order_by("name"),
        help_text=_("Its members nominate UMKM of this regency or city."),
    )
    delegate_email = forms.EmailField(
        label=_("delegate's e-mail"),
        help_text=_(
            "The office's member who nominates its UMKM. A new account is e-mailed the link "
            "to set its password; it works on the public site, not in the admin."
        ),
    )

    class Meta:
        model = Delegation
        fields = ["edition", "booth_places", "virtual_places"]

    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("edition", "office_name", "office_region")):
            try:
                office = services.partner_office(
                    name=data["office_name"], region=data["office_region"], edition=data["edition"]
                )
                if data.get("delegate_email"):
                    services.delegate_account(email=data["delegate_email"], office=office)
            except ValidationError as error:
                self.add_error(None, error)
        return data


class AddDelegateForm(forms.ModelForm):
    """A delegation's allotment, and another member of its office to manage it."""

    delegate_email = forms.EmailField(
        label=_("another delegate's e-mail"),
        required=False,
        help_text=_("Optional: a member of the office who also nominates its UMKM."),
    )

    class Meta:
        model = Delegation
        fields = ["booth_places", "virtual_places"]

    def clean_delegate_email(self):
        email = self.cleaned_data["delegate_email"]
        if email:
            services.delegate_account(email=email, office=self.instance.organisation)
        return email
