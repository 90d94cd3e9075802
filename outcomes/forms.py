from django import forms
from django.utils.translation import gettext_lazy as _

from exhibitors.forms import RupiahField, narrow_regions
from expo.models import Province, Region
from outcomes.models import TALLY_STEPS, OmzetReport, Order

AMOUNT_ERRORS = {
    "invalid": _("Enter an amount in whole rupiah, e.g. 1.500.000."),
    "max_value": _("That amount is too high."),
}

# The countries UMKM buyers come from most: Indonesia, its neighbours and the main
# markets of its exports. No package pinned here names every country in Indonesian (the
# Indonesian catalogue of django-countries is missing), and a select of 249 countries is
# a long scroll on a phone; the column keeps any ISO code, so the organisers can record
# another country for the owner.
BUYER_COUNTRIES = [
    ("ID", _("Indonesia")),
    ("MY", _("Malaysia")),
    ("SG", _("Singapore")),
    ("BN", _("Brunei")),
    ("TL", _("Timor-Leste")),
    ("TH", _("Thailand")),
    ("PH", _("Philippines")),
    ("VN", _("Vietnam")),
    ("KH", _("Cambodia")),
    ("LA", _("Laos")),
    ("MM", _("Myanmar")),
    ("CN", _("China")),
    ("HK", _("Hong Kong")),
    ("TW", _("Taiwan")),
    ("JP", _("Japan")),
    ("KR", _("South Korea")),
    ("IN", _("India")),
    ("SA", _("Saudi Arabia")),
    ("AE", _("United Arab Emirates")),
    ("QA", _("Qatar")),
    ("TR", _("Turkey")),
    ("EG", _("Egypt")),
    ("AU", _("Australia")),
    ("NZ", _("New Zealand")),
    ("PG", _("Papua New Guinea")),
    ("NL", _("Netherlands")),
    ("DE", _("Germany")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("IT", _("Italy")),
    ("ES", _("Spain")),
    ("BE", _("Belgium")),
    ("RU", _("Russia")),
    ("US", _("United States")),
    ("CA", _("Canada")),
    ("ZA", _("South Africa")),
]
COUNTRY_NAMES = dict(BUYER_COUNTRIES)


def amount_field(label, **kwargs):
    return RupiahField(label=label, error_messages=AMOUNT_ERRORS, **kwargs)


class ConfirmLargeForm(forms.Form):
    """A form whose amount the service may find far beyond the usual: the box to confirm
    it is shown once the service asked for it (``confirm_asked``)."""

    confirm_large = forms.BooleanField(label=_("The amount is right."), required=False)
    confirm_asked = False


class DailySalesForm(ConfirmLargeForm):
    """One day's retail sales; the day itself is the page's, sent along hidden."""

    day = forms.DateField(widget=forms.HiddenInput)
    amount = amount_field(_("Retail sales (Rp)"))
    transactions = forms.IntegerField(
        label=_("Number of transactions"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter the number of transactions, e.g. 25."),
            "min_value": _("The number of transactions is a whole number, zero or more."),
        },
    )
    non_cash_amount = amount_field(
        _("Of which non-cash (Rp)"), required=False, help_text=_("QRIS, transfer, card.")
    )

    def clean_transactions(self):
        return self.cleaned_data["transactions"] or 0

    def clean_non_cash_amount(self):
        return self.cleaned_data["non_cash_amount"] or 0


class OrderForm(ConfirmLargeForm):
    """An order or contract. The regency list narrows to the chosen province, as in the
    business profile: without JavaScript, by a round trip."""

    buyer_name = forms.CharField(label=_("Buyer"), max_length=200)
    buyer_kind = forms.ChoiceField(label=_("Kind of buyer"), choices=Order.BuyerKind.choices)
    buyer_country = forms.ChoiceField(
        label=_("Buyer's country"),
        initial="ID",
        help_text=_("Not in the list? Ask the organisers to record it."),
    )
    province = forms.ModelChoiceField(
        label=_("Buyer's province"),
        queryset=Province.objects.all(),
        required=False,
        widget=forms.Select(attrs={"data-narrows": "choose_province"}),
    )
    buyer_region = forms.ModelChoiceField(
        label=_("Buyer's regency or city"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("For a buyer in Indonesia; leave it empty for a buyer from abroad."),
    )
    value = amount_field(_("Value (Rp)"))
    status = forms.ChoiceField(label=_("Status"), choices=Order.Status.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer_country"].choices = BUYER_COUNTRIES[:1] + sorted(
            BUYER_COUNTRIES[1:], key=lambda choice: str(choice[1])
        )
        region = self.initial.get("buyer_region")
        narrow_regions(self, "buyer_region", saved=region if isinstance(region, Region) else None)

    @classmethod
    def for_order(cls, order):
        return cls(
            initial={
                "buyer_name": order.buyer_name,
                "buyer_kind": order.buyer_kind,
                "buyer_country": order.buyer_country,
                "buyer_region": order.buyer_region,
                "value": order.value,
                "status": order.status,
            }
        )


class OmzetForm(forms.Form):
    moment = forms.ChoiceField(choices=OmzetReport.Moment.choices, widget=forms.HiddenInput)
    monthly_omzet = amount_field(
        _("Average monthly omzet (Rp)"),
        help_text=_("What the business sells in an ordinary month, all channels together."),
    )


def omzet_when_applying_field():
    """The application form's question of the omzet before the expo."""
    return amount_field(
        _("Average monthly omzet now (Rp)"),
        required=False,
        help_text=_(
            "What the business sells in an ordinary month, all channels together. Asked "
            "again some time after the expo, so the organisers can report honestly how it "
            "helped. Leave it empty to give it later, in your sales report once you are "
            "accepted."
        ),
    )


class TallyForm(forms.Form):
    """One tap of the visitor tally at the gate."""

    day = forms.DateField(widget=forms.HiddenInput)
    gate = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)
    step = forms.TypedChoiceField(coerce=int, choices=[(step, step) for step in TALLY_STEPS])
