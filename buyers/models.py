"""What buyers send the UMKM: inquiries and orders from the public pages, answered from
the owner's inbox (*pesan masuk*)."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Exhibitor, PhoneNumberField, Product
from expo.models import Edition
from outcomes.models import Order

MAX_MESSAGE = 2000
# A buyer's name, contact and words are kept a year after the inquiry, then anonymised
# (``manage.py anonymise_inquiries``; the README and the form say so).
KEEP_CONTACT_DAYS = 365
# An inquiry no UMKM answered within this many days is listed for the organisers.
ANSWER_WITHIN_DAYS = 2


class InquiryQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=Inquiry.Status.NEW)


class Inquiry(models.Model):
    """A question or an order a buyer sent an exhibitor from its public pages, without an
    account. ``edition`` is the edition whose pages it was sent from."""

    class Status(models.TextChoices):
        NEW = "baru", _("New")
        ANSWERED = "dibalas", _("Answered")
        ORDERED = "jadi_pesanan", _("Became an order")
        DROPPED = "tidak_lanjut", _("Not followed up")

    # One list of buyer kinds for the inquiry and the order it may become.
    BuyerKind = Order.BuyerKind

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="+"
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200)
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    buyer_kind = models.CharField(_("kind of buyer"), max_length=12, choices=BuyerKind.choices)
    country = models.CharField(_("country"), max_length=2, default="ID")
    place = models.CharField(
        _("regency, city or region"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Kota Semarang, or Doha"),
    )
    products = models.ManyToManyField(
        Product, verbose_name=_("products"), blank=True, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. pcs, kg, box"))
    message = models.TextField(_("message"), max_length=MAX_MESSAGE)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="baru")
    note = models.TextField(
        _("note"), blank=True, help_text=_("For yourself; the buyer never sees it.")
    )
    order = models.ForeignKey(
        Order,
        verbose_name=_("order"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("contact data removed"), null=True, blank=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        permissions = [("view_contact_inquiry", _("Can see the buyers' contact details"))]
        indexes = [models.Index(fields=["exhibitor", "status"], name="inquiry_inbox")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(whatsapp="") | ~Q(email="") | Q(anonymised_at__isnull=False),
                name="inquiry_has_contact",
                violation_error_message=_(
                    "Give your WhatsApp number or e-mail address, so the seller can answer."
                ),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), MAX_MESSAGE),
                name="inquiry_message_length",
                violation_error_message=_("The message may be at most 2,000 characters."),
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="inquiry_country_code",
                violation_error_message=_("Choose your country."),
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="inquiry_quantity_positive",
                violation_error_message=_("The quantity is a whole number above zero."),
            ),
            models.UniqueConstraint(
                fields=["order"],
                name="inquiry_one_order",
                violation_error_message=_("This order already comes from another inquiry."),
            ),
        ]

    def __str__(self):
        # Without the buyer's name: the admin shows it to roles without their contact.
        return f"#{self.pk} → {self.exhibitor}"

    def get_absolute_url(self):
        return reverse("inquiry_detail", kwargs={"pk": self.pk})

    @property
    def whatsapp_digits(self):
        return self.whatsapp.removeprefix("+")
