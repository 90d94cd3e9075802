import re

import lokal
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Application, Exhibitor, Product
from expo.models import Province, Region

MAX_PRICE = 10**12


class RupiahField(forms.CharField):
    """Whole rupiah, typed the way people write them: ``25000``, ``25.000``, ``Rp 25.000``."""

    default_error_messages = {
        "invalid": _("Enter a price in whole rupiah, e.g. 25.000."),
        "max_value": _("That price is too high."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        has_digits = any(character.isdigit() for character in value)
        negative = value.lstrip().startswith("-")
        parsed = lokal.parse_rupiah(value) if has_digits and not negative else None
        if parsed is None or parsed.amount != int(parsed.amount):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if parsed.amount > MAX_PRICE:
            raise ValidationError(self.error_messages["max_value"], code="max_value")
        return int(parsed.amount)

    def prepare_value(self, value):
        return lokal.format_rupiah(value) if isinstance(value, int) else value


def without_separators(number):
    """``1234567890123-45`` → ``123456789012345``: the digits, as the database keeps them."""
    return re.sub(r"[\s.-]", "", number)


class ExhibitorForm(forms.ModelForm):
    """The owner's business profile. The region list narrows to the chosen province;
    without JavaScript, choosing a province and saving shows its regencies and cities."""

    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        widget=forms.Select(attrs={"data-narrows": "choose_province"}),
    )
    # Wider than the stored numbers: people type them with dots, dashes and spaces.
    nib = forms.CharField(
        label=_("NIB"), max_length=20, required=False, help_text=_("13 digits, from OSS")
    )
    pirt = forms.CharField(
        label=_("P-IRT number"),
        max_length=24,
        required=False,
        help_text=_("15 digits; 1234567890123-45 is fine too."),
    )

    class Meta:
        model = Exhibitor
        fields = [
            "kind",
            "name",
            "category",
            "scale",
            "description",
            "province",
            "region",
            "address",
            "whatsapp",
            "email",
            "nib",
            "pirt",
            "halal_number",
            "bpom_number",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "whatsapp": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale"].help_text = _(
            "By annual turnover (PP 7/2021). Leave empty for an institution."
        )
        province = self._chosen_province()
        if province is not None:
            self.initial["province"] = province
        self.fields["region"].queryset = (
            Region.objects.filter(province_id=province) if province else Region.objects.none()
        )

    def _chosen_province(self):
        if self.is_bound:
            code = self.data.get(self.add_prefix("province"), "")
        else:
            code = self.initial.get("province") or ""
        if re.fullmatch(r"\d{2}", str(code)):
            return code
        return self.instance.region.province_id if self.instance.region_id else None

    def clean_pirt(self):
        return without_separators(self.cleaned_data["pirt"])

    def clean_nib(self):
        return without_separators(self.cleaned_data["nib"])

    def clean(self):
        cleaned = super().clean()
        region, province = cleaned.get("region"), cleaned.get("province")
        if region and province and region.province_id != province.pk:
            self.add_error("region", _("Choose a regency or city of the chosen province."))
        return cleaned


class ProductForm(forms.ModelForm):
    price = RupiahField(label=_("Price (Rp)"))

    class Meta:
        model = Product
        fields = ["name", "description", "category", "price"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ApplicationForm(forms.Form):
    mode = forms.ChoiceField(label=_("How will you take part?"), widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_("I have read the expo's rules and will follow them."), required=True
    )

    def __init__(self, *args, modes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [
            (value, label) for value, label in Application.Mode.choices if value in modes
        ]
        if len(modes) == 1:
            self.fields["mode"].initial = next(iter(modes))


class ProductPhotoForm(forms.Form):
    # A plain FileField: exhibitors.images decides what is an image, by content.
    photo = forms.FileField(
        label=_("Add a photo"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
        error_messages={
            "required": _("Choose a photo to upload."),
            "empty": _("The file you chose is empty."),
        },
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
