from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from exhibitors.forms import narrow_regions
from expo.models import Province
from meetings.models import MAX_LENGTH, MAX_MESSAGE, MIN_LENGTH, Buyer, Slot
from outcomes.forms import BUYER_COUNTRIES


class BuyerForm(forms.ModelForm):
    """The light registration of a buyer. The regency list narrows to the chosen province,
    as in the business profile: without JavaScript, by a round trip."""

    narrowing_buttons = ["choose_province"]

    country = forms.ChoiceField(label=_("Country"), initial="ID")
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        widget=forms.Select(attrs={"data-narrows": "choose_province"}),
    )

    class Meta:
        model = Buyer
        fields = ["name", "organisation", "kind", "country", "province", "region", "whatsapp"]
        labels = {"name": _("Your name")}
        help_texts = {
            "region": _("For a buyer in Indonesia; leave it empty for a buyer from abroad."),
            "whatsapp": _("Optional: the exhibitor may answer you there too."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = BUYER_COUNTRIES[:1] + sorted(
            BUYER_COUNTRIES[1:], key=lambda choice: str(choice[1])
        )
        narrow_regions(self, "region", saved=self.instance.region if self.instance.pk else None)

    def clean(self):
        data = super().clean()
        if data.get("country") != "ID":
            data["region"] = None
        elif not data.get("region"):
            self.add_error("region", _("Choose your regency or city."))
        return data


class RequestForm(forms.Form):
    slot = forms.ModelChoiceField(
        label=_("Time"),
        queryset=Slot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": _("This time is no longer free: choose another one.")},
    )
    message = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=MAX_MESSAGE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["slot"].label_from_instance = slot_label


def slot_label(slot):

    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return (
        f"{date_format(start, 'l, j F Y')}, {start:%H.%M}–{end:%H.%M} · {slot.get_place_display()}"
    )


class OpenSlotsForm(forms.Form):
    """The organiser's form that opens one day's slots."""

    edition = forms.ModelChoiceField(label=_("Edition"), queryset=None)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(
        label=_("Length of a meeting (minutes)"),
        min_value=MIN_LENGTH,
        max_value=MAX_LENGTH,
        initial=30,
    )
    place = forms.ChoiceField(label=_("Place"), choices=Slot.Place.choices)

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions
