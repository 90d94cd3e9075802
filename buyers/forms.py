from django import forms
from django.utils.translation import gettext_lazy as _

from buyers.models import MAX_MESSAGE, Inquiry
from outcomes.forms import BUYER_COUNTRIES, ConfirmLargeForm, amount_field
from outcomes.models import Order

# The honeypot: a field people never see (hidden by the style sheet, skipped by screen
# readers and the tab key) and robots fill in.
TRAP = "website"


class InquiryForm(forms.ModelForm):
    """ "Tanya / pesan": a buyer's question or order to an exhibitor, without an account.

    ``products`` are the exhibitor's products visitors see, as ``(id, name)``: the
    choices come from the rows the page has read already, so the form costs no query.
    """

    products = forms.TypedMultipleChoiceField(
        label=_("Products"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ChoiceField(label=_("Country"), choices=BUYER_COUNTRIES, initial="ID")
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Inquiry
        fields = [
            "name",
            "whatsapp",
            "email",
            "buyer_kind",
            "country",
            "place",
            "products",
            "quantity",
            "unit",
            "message",
        ]
        widgets = {
            "whatsapp": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "message": forms.Textarea(attrs={"rows": 4, "maxlength": MAX_MESSAGE}),
        }
        help_texts = {"whatsapp": _("WhatsApp or e-mail, at least one, for the seller's answer.")}
        error_messages = {
            "message": {
                "max_length": _(
                    "The message may be at most 2,000 characters (it has %(show_value)d)."
                )
            }
        }

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].choices = list(products)
        # Without the empty choice: most who ask are people buying for themselves.
        self.fields["buyer_kind"].choices = Inquiry.BuyerKind.choices
        self.fields[TRAP].widget.attrs.update(tabindex="-1", autocomplete="off")

    @classmethod
    def of(cls, products, *, data=None, initial=None):
        """The form for a page of the exhibitor whose shown ``products`` these are."""
        return cls(data, products=[(p.pk, p.name) for p in products], initial=initial)

    @property
    def is_trapped(self):
        """Whether a robot filled in the honeypot."""
        return bool(self.data.get(TRAP))


class InquiryStatusForm(forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class InquiryOrderForm(ConfirmLargeForm):
    """What the order an inquiry became adds to it: its value and status."""

    value = amount_field(_("Value (Rp)"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in Order.Status.choices if c[0] != Order.Status.EXPLORING],
        initial=Order.Status.ORDERED,
    )

    def __init__(self, *args, **kwargs):
        # Its status beside the inquiry's own on one page: ids of its own.
        kwargs.setdefault("auto_id", "order_%s")
        super().__init__(*args, **kwargs)
