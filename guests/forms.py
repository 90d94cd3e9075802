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
