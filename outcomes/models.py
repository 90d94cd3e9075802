"""What an edition brought: each participant's sales per day and its orders, its monthly
omzet before and after, the visitors at the gate and on the public pages.

Rupiah are whole rupiah in integer columns, so every total is exact.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Application, Exhibitor
from expo.models import Edition, Region

# A day's sales an UMKM plausibly makes at an expo; above it the owner confirms the
# figure and the report flags it for the organisers to check.
PLAUSIBLE_DAILY_SALES = 1_000_000_000
# What one tap of the visitor tally at the gate counts: one person, or a group of ten;
# minus one takes back a tap too many.
TALLY_STEPS = (1, 10, -1)


class DailySales(models.Model):
    """A participant's retail sales on one day of the edition (at the booth or online)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="daily_sales",
    )
    day = models.DateField(_("day"))
    amount = models.PositiveBigIntegerField(_("retail sales (Rp)"))
    transactions = models.PositiveIntegerField(_("number of transactions"))
    non_cash_amount = models.PositiveBigIntegerField(
        _("of which non-cash (Rp)"), default=0, help_text=_("QRIS, transfer, card.")
    )
    needs_check = models.BooleanField(
        _("to be checked"),
        default=False,
        help_text=_("Far beyond what an UMKM usually sells in a day; the owner confirmed it."),
    )
    entered_by_staff = models.BooleanField(_("entered by the organisers"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["application", "day"]
        verbose_name = _("day's sales")
        verbose_name_plural = _("daily sales")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "day"],
                name="dailysales_one_per_day",
                violation_error_message=_("This day already has a report."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=Q(non_cash_amount__lte=F("amount")),
                name="dailysales_non_cash_within_total",
                violation_error_message=_("The non-cash part cannot be more than the total."),
            ),
            models.CheckConstraint(
                condition=Q(amount=0) | Q(transactions__gt=0),
                name="dailysales_sales_have_transactions",
                violation_error_message=_("Sales need at least one transaction."),
            ),
        ]

    def __str__(self):
        return f"{self.application.exhibitor} · {self.day}"


class OrderQuerySet(models.QuerySet):
    def counted(self):
        """The orders that count as transactions: placed, not still being explored."""
        return self.exclude(status=Order.Status.EXPLORING)


class Order(models.Model):
    """An order or contract a buyer placed with a participant at or after the expo:
    business to business, apart from the day's retail sales."""

    class BuyerKind(models.TextChoices):
        PERSON = "perorangan", _("Individual")
        RESELLER = "reseller", _("Reseller")
        DISTRIBUTOR = "distributor", _("Distributor")
        EXPORTER = "eksportir", _("Exporter")
        INSTITUTION = "instansi", _("Institution")

    class Status(models.TextChoices):
        EXPLORING = "penjajakan", _("Exploring")
        ORDERED = "pesanan", _("Order")
        CONTRACT = "kontrak", _("Contract or MoU")
        REPEAT = "repeat", _("Repeat order")

    application = models.ForeignKey(
        Application, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="orders"
    )
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_kind = models.CharField(_("kind of buyer"), max_length=12, choices=BuyerKind.choices)
    buyer_region = models.ForeignKey(
        Region,
        verbose_name=_("buyer's regency or city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    buyer_country = models.CharField(
        _("buyer's country"),
        max_length=2,
        default="ID",
        help_text=_("For a buyer from abroad; in Indonesia, give the regency or city."),
    )
    value = models.PositiveBigIntegerField(_("value (Rp)"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    needs_check = models.BooleanField(_("to be checked"), default=False)
    entered_by_staff = models.BooleanField(_("entered by the organisers"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(buyer_country__regex=r"^[A-Z]{2}$"),
                name="order_country_code",
                violation_error_message=_("Choose the buyer's country."),
            ),
            models.CheckConstraint(
                condition=Q(buyer_region__isnull=True) | Q(buyer_country="ID"),
                name="order_region_in_indonesia",
                violation_error_message=_(
                    "A regency or city is for a buyer in Indonesia; leave it empty for a "
                    "buyer from abroad."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.buyer_name} → {self.application.exhibitor}"

    @property
    def is_counted(self):
        """As ``OrderQuerySet.counted`` reads it, for an order already loaded."""
        return self.status != self.Status.EXPLORING


class OmzetReport(models.Model):
    """A participant's average monthly omzet, before the edition or some time after it:
    the rise in omzet is reported from those who gave both, never extrapolated."""

    class Moment(models.TextChoices):
        BEFORE = "before", _("Before the expo")
        AFTER = "after", _("After the expo")

    application = models.ForeignKey(
        Application,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="omzet_reports",
    )
    moment = models.CharField(_("when"), max_length=6, choices=Moment.choices)
    monthly_omzet = models.PositiveBigIntegerField(_("average monthly omzet (Rp)"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["application", "moment"]
        verbose_name = _("omzet report")
        verbose_name_plural = _("omzet reports")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "moment"],
                name="omzetreport_one_per_moment",
                violation_error_message=_("This omzet is reported already."),
                violation_error_code="unique",
            ),
        ]

    def __str__(self):
        return f"{self.application.exhibitor} · {self.get_moment_display()}"


class GateCount(models.Model):
    """The visitors counted at one of the venue's gates on one day: typed in as a figure,
    or tallied person by person at the gate (``services.count_visitors``). The edition's
    visitors are the sum over its gates."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="gate_counts"
    )
    day = models.DateField(_("day"))
    gate = models.CharField(
        _("gate"),
        max_length=60,
        blank=True,
        default="",
        help_text=_("e.g. Gerbang utama; empty for a venue with one gate."),
    )
    visitors = models.PositiveIntegerField(_("visitors"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["edition", "day", "gate"]
        verbose_name = _("gate count")
        verbose_name_plural = _("gate counts")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "day", "gate"],
                name="gatecount_one_per_gate_per_day",
                violation_error_message=_("This gate already has a count for this day."),
                violation_error_code="unique",
            ),
        ]

    def __str__(self):
        return " · ".join(str(part) for part in (self.edition, self.day, self.gate) if part)


class PageViews(models.Model):
    """How often the public pages of an edition were read on one day: the edition's
    own pages (``exhibitor`` empty) or one participant's page and its products'.

    Only counts: no address, cookie or visitor is kept. Written in batches by
    ``outcomes.page_views``."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=_("exhibitor"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    day = models.DateField(_("day"))
    views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "exhibitor", "day"],
                nulls_distinct=False,
                name="pageviews_one_per_page_and_day",
                violation_error_message=_("These page views are counted already."),
                violation_error_code="unique",
            ),
        ]

    def __str__(self):
        return f"{self.edition} · {self.day}: {self.views}"
