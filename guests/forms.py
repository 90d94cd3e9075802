from django import forms
from django.utils.translation import gettext_lazy as _

from guests.models import Guest


class RsvpForm(forms.Form):
    """A guest's answer to their invitation; the service holds its rules."""

    rsvp = forms.ChoiceField(
        label=_("Will you attend?"),
        choices=[choice for choice in Guest.Rsvp.choices if choice[0] != Guest.Rsvp.PENDING],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you will attend."),
            "invalid_choice": _("Choose whether you will attend."),
        },
    )
    representative_name = forms.CharField(
        label=_("Name of your representative"),
        max_length=200,
        required=False,
        help_text=_("Only if someone attends in your place."),
    )


class GateCodeForm(forms.Form):
    """The invitation code typed at the gate (the token under the QR code), or read by the
    camera; ``scanned_at`` is sent by a phone that kept the scan while offline."""

    code = forms.CharField(
        label=_("Invitation code"),
        max_length=200,
        help_text=_("The code under the QR code of the invitation."),
        error_messages={"required": _("Type the code of the invitation.")},
    )
    day = forms.DateField(widget=forms.HiddenInput)
    scanned_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)


class GateGuestForm(forms.Form):
    """A guest picked from the name search at the gate."""

    guest = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.HiddenInput)


class GateSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Guest's name or institution"),
        max_length=100,
        required=False,
        help_text=_("At least two letters."),
    )
