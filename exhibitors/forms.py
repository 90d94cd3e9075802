import re

import lokal
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from exhibitors.models import (
    MAX_BOOTH_STAFF,
    Application,
    BoothKind,
    Exhibitor,
    LegalDocument,
    OnlineLink,
    Product,
)
from exhibitors.questions import APPLICATION_QUESTIONS
from expo.models import Desa, Kecamatan, Province, Region

MAX_PRICE = 10**12
# The highest price, with its two decimals written out (``1.000.000.000.000,00``).
MAX_PRICE_DIGITS = len(str(MAX_PRICE)) + 2


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
        digits = sum(character.isdigit() for character in value)
        if digits > MAX_PRICE_DIGITS:
            # Longer than any price: refused before the parser's decimal arithmetic sees it.
            raise ValidationError(self.error_messages["max_value"], code="max_value")
        negative = value.lstrip().startswith("-")
        parsed = lokal.parse_rupiah(value) if digits and not negative else None
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


def chosen_code(form, field, pattern):
    """The code chosen in ``form``'s ``field`` (sent, else initial) if it looks like one."""
    if form.is_bound:
        code = form.data.get(form.add_prefix(field), "")
    else:
        code = form.initial.get(field) or ""
    return code if re.fullmatch(pattern, str(code)) else None


def narrow_regions(form, field, *, saved=None):
    """Offer in ``form``'s ``field`` the regencies and cities of the province chosen: the
    one sent, else the initial one, else that of the ``saved`` region; none before one is
    chosen. Shared by every form with the province → regency picker."""
    province = chosen_code(form, "province", r"\d{2}")
    if province is None and saved is not None:
        province = saved.province_id
    if province is not None:
        form.initial["province"] = province
    form.fields[field].queryset = (
        Region.objects.filter(province_id=province) if province else Region.objects.none()
    )


SCALE_HELP = _("By annual turnover (PP 7/2021). Leave empty for an institution.")


def narrow_places(form):
    """Offer the kecamatan of the regency or city chosen, and the desa and kelurahan of the
    kecamatan chosen, as ``narrow_regions`` offers the regencies of the province: a few
    dozen options each, never the thousands of the whole country."""
    region = chosen_code(form, "region", r"\d{2}\.\d{2}")
    kecamatan = chosen_code(form, "kecamatan", r"\d{2}\.\d{2}\.\d{2}")
    form.fields["kecamatan"].queryset = (
        Kecamatan.objects.filter(region_id=region) if region else Kecamatan.objects.none()
    )
    form.fields["desa"].queryset = (
        Desa.objects.filter(kecamatan_id=kecamatan) if kecamatan else Desa.objects.none()
    )


class ExhibitorForm(forms.ModelForm):
    """The owner's business profile. The region list narrows to the chosen province, the
    kecamatan to the region and the desa to the kecamatan; without JavaScript, a button
    beside each shows the list below it."""

    # The buttons that narrow a list rather than save the profile.
    narrowing_buttons = ["choose_province", "choose_region", "choose_kecamatan"]

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
            "year_founded",
            "worker_count",
            "description",
            "name_en",
            "description_en",
            "province",
            "region",
            "kecamatan",
            "desa",
            "address",
            "address_is_public",
            "whatsapp",
            "email",
            "language",
            "website",
            "video_url",
            "online_hours_start",
            "online_hours_end",
            "online_hours_zone",
            "nib",
            "pirt",
            "halal_number",
            "bpom_number",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "whatsapp": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "year_founded": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "online_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "online_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale"].help_text = SCALE_HELP
        # The page always sends a language; a form sent without one keeps the profile's.
        self.fields["language"].required = False
        narrow_regions(
            self, "region", saved=self.instance.region if self.instance.region_id else None
        )
        self.fields["region"].widget.attrs["data-narrows"] = "choose_region"
        self.fields["kecamatan"].widget.attrs["data-narrows"] = "choose_kecamatan"
        narrow_places(self)
        self.fields["kecamatan"].error_messages["invalid_choice"] = _(
            "Choose a kecamatan of the regency or city chosen."
        )
        self.fields["desa"].error_messages["invalid_choice"] = _(
            "Choose a desa or kelurahan of the kecamatan chosen."
        )
        self.fields["desa"].help_text = _("Optional.")
        if self.instance.kecamatan_as_typed and not self.instance.kecamatan_id:
            self.fields["kecamatan"].help_text = _(
                "You wrote “%(typed)s”, which names no single kecamatan of the official "
                "list of your regency or city: choose yours."
            ) % {"typed": self.instance.kecamatan_as_typed}

    def clean_language(self):
        return self.cleaned_data["language"] or self.instance.language

    def clean_pirt(self):
        return without_separators(self.cleaned_data["pirt"])

    def clean_nib(self):
        return without_separators(self.cleaned_data["nib"])


class ProductForm(forms.ModelForm):
    """A product of an UMKM, or a service of an institution (instansi), whose price is
    optional: a service without one is stored at Rp0 and shown without a price."""

    price = RupiahField(label=_("Price (Rp)"))
    price_max = RupiahField(
        label=_("Highest price (Rp)"),
        required=False,
        help_text=_("Only for a price range, e.g. sizes or variants."),
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "description",
            "name_en",
            "description_en",
            "category",
            "price",
            "price_max",
            "unit",
            "stock",
            "minimum_order",
            "minimum_order_unit",
            "is_featured",
            "is_halal",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, exhibitor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.exhibitor = exhibitor
        if not self.instance.pk:
            self.initial.setdefault("category", exhibitor.category)
        # The page always sends one; a form sent without one keeps the product's.
        self.fields["stock"].required = False
        if exhibitor.is_institution:
            self.fields["name"].label = _("Service")
            self.fields["name_en"].label = _("Service in English")
            self.fields["price"].required = False
            self.fields["price"].help_text = _("Leave empty if the service is free or on request.")
            del self.fields["is_halal"]

    def clean_stock(self):
        return self.cleaned_data["stock"] or self.instance.stock

    def clean_price(self):
        # Only an institution's service may leave it empty; the field says when.
        price = self.cleaned_data["price"]
        return 0 if price is None else price

    def clean(self):
        cleaned = super().clean()
        price, price_max = cleaned.get("price"), cleaned.get("price_max")
        if price is not None and price_max is not None and price_max <= price:
            self.add_error(
                "price_max", _("The highest price must be more than the price (the lowest).")
            )
        return cleaned


class ConsentBoundField(forms.BoundField):
    """The consent box, described by the edition's rules shown just above it (the section
    ``edition-rules`` of apply.html) when there are any, as well as by its own error."""

    @property
    def aria_describedby(self):
        own = super().aria_describedby
        return f"edition-rules {own}".strip() if self.form.has_rules else own


class ApplicationForm(forms.Form):
    mode = forms.ChoiceField(label=_("How will you take part?"), widget=forms.RadioSelect)
    staff_count = forms.IntegerField(
        label=_("Staff at the booth"),
        min_value=1,
        max_value=MAX_BOOTH_STAFF,
        initial=2,
    )
    preferred_zone = forms.CharField(
        label=_("Preferred zone"),
        required=False,
        max_length=40,
        help_text=_("e.g. Zona Kuliner; the organiser decides."),
    )
    preferred_booth_kind = forms.ChoiceField(
        label=_("Booth needed"),
        required=False,
        choices=[("", _("No particular need"))] + BoothKind.choices,
        help_text=_("e.g. a food booth with water for cooking."),
    )
    featured_products = forms.ModelMultipleChoiceField(
        label=_("Products to feature"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only products shown to visitors can be chosen."),
    )
    consent = forms.BooleanField(
        label=_("I have read the expo's rules and will follow them."),
        error_messages={"required": _("Tick the box to agree to the expo's rules.")},
        bound_field_class=ConsentBoundField,
    )

    def __init__(self, *args, modes, zones, products, has_rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_rules = has_rules
        for question in APPLICATION_QUESTIONS:
            self.fields[question.name] = question.field()
        self.fields["mode"].choices = [
            (value, label) for value, label in Application.Mode.choices if value in modes
        ]
        if len(modes) == 1:
            self.fields["mode"].initial = next(iter(modes))
        else:
            self.fields["mode"].help_text = _(
                "Booth at the venue: you sell at your booth on the expo days. Booth at the "
                "venue and virtual: your booth, and your shop page in the expo's online "
                "directory during the online period. Virtual only: your shop page online, "
                "without a booth."
            )
        self.fields["staff_count"].help_text = _(
            "How many people will keep the booth, at most %(limit)d."
        ) % {"limit": MAX_BOOTH_STAFF}
        if zones:
            # The edition's booths are laid out: choose one of their zones.
            self.fields["preferred_zone"] = forms.ChoiceField(
                label=_("Preferred zone"),
                required=False,
                choices=[("", _("No preference"))] + [(zone, zone) for zone in zones],
                help_text=_("The organiser decides; your wish helps."),
            )
        self.fields["featured_products"].queryset = products


IMAGE_TYPES = "image/jpeg,image/png,image/webp"


def upload_field(*, label, help_text, missing, accept):
    """A plain FileField: the service it goes to (``exhibitors.images``,
    ``exhibitors.documents``) decides by its content what the file really is."""
    return forms.FileField(
        label=label,
        help_text=help_text,
        error_messages={"required": missing, "empty": _("The file you chose is empty.")},
        widget=forms.FileInput(attrs={"accept": accept}),
    )


class ProductPhotoForm(forms.Form):
    photo = upload_field(
        label=_("Add a photo"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
        missing=_("Choose a photo to upload."),
        accept=IMAGE_TYPES,
    )


class LogoForm(forms.Form):
    logo = upload_field(
        label=_("Logo"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB. It is shown small, at most 320 px."),
        missing=_("Choose a logo to upload."),
        accept=IMAGE_TYPES,
    )


class OnlineLinkForm(forms.ModelForm):
    """One more place the business is found online; the address must be the platform's."""

    class Meta:
        model = OnlineLink
        fields = ["platform", "url"]
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}

    def __init__(self, *args, exhibitor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.exhibitor = exhibitor


class LegalDocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=LegalDocument.Kind.choices, widget=forms.HiddenInput)
    file = upload_field(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, at most 5 MB."),
        missing=_("Choose a file to upload."),
        accept="application/pdf,image/jpeg,image/png",
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


class AssistedRegistrationForm(forms.ModelForm):
    """The first facts of an UMKM that Dinas staff register on its owner's behalf: enough
    to look for the profile it may already have (same NIB, same WhatsApp number, a
    similar name in the same regency or city) before a new one is made. The rest is
    filled on the owner's own profile page."""

    province = ExhibitorForm.base_fields["province"]
    nib = ExhibitorForm.base_fields["nib"]

    class Meta:
        model = Exhibitor
        fields = ["name", "kind", "category", "scale", "province", "region", "nib", "whatsapp"]
        widgets = ExhibitorForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale"].help_text = SCALE_HELP
        narrow_regions(self, "region")

    def clean_nib(self):
        return without_separators(self.cleaned_data["nib"])


class ConsentDocumentForm(forms.Form):
    file = upload_field(
        label=_("The signed consent form"),
        help_text=_("A scan or photo: PDF, JPEG or PNG, at most 5 MB."),
        missing=_("Choose a file to upload."),
        accept="application/pdf,image/jpeg,image/png",
    )


class ConsentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code the owner told you"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"min_length": _("The code is 6 digits.")},
    )
