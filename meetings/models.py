"""Business matching (temu bisnis): the meeting slots an organiser opens for an edition,
the buyers who register to meet exhibitors, and their meetings.

A slot is a time of the edition's programme (e.g. 10.00–10.30 on the second day), at the
exhibitor's booth or online; an edition's slots never overlap, so "at the same time" is
"in the same slot", and the database holds the rule that no exhibitor and no buyer has
two accepted meetings in one slot.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Application, PhoneNumberField
from expo.models import Edition, Region
from outcomes.models import Order

# How long a meeting may be, in minutes.
MIN_LENGTH, MAX_LENGTH = 10, 240
MAX_MESSAGE = 1000


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class SlotsApartConstraint(ExclusionConstraint):
    """The exclusion constraint that keeps an edition's slots apart; checking a slot that
    ends before it starts leaves the telling to ``slot_ends_after_start`` (the range of
    such a slot is no range, and PostgreSQL would refuse the query)."""

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if instance.starts_at and instance.ends_at and instance.ends_at <= instance.starts_at:
            return
        super().validate(model, instance, exclude=exclude, using=using)


class SlotQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gt=timezone.now())


class Slot(models.Model):
    class Place(models.TextChoices):
        BOOTH = "stan", _("At the exhibitor's booth")
        ONLINE = "daring", _("Online")

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="meeting_slots",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=6, choices=Place.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "starts_at"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_start",
                violation_error_message=_("A meeting slot ends after it starts."),
            ),
            SlotsApartConstraint(
                name="slots_do_not_overlap",
                expressions=[
                    ("edition", RangeOperators.EQUAL),
                    (
                        TsTzRange("starts_at", "ends_at", RangeBoundary()),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=_("The edition already has a meeting slot at this time."),
            ),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{start:%d-%m-%Y %H.%M}–{end:%H.%M}"

    @property
    def has_passed(self):
        return self.ends_at <= timezone.now()


class Buyer(models.Model):
    """A buyer who meets exhibitors: a signed-up account (its e-mail address confirmed)
    with this light registration, and neither staff nor the owner of a business profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="buyer",
        error_messages={"unique": _("This account is registered as a buyer already.")},
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("company or organisation"), max_length=200, blank=True)
    kind = models.CharField(_("kind of buyer"), max_length=12, choices=Order.BuyerKind.choices)
    country = models.CharField(_("country"), max_length=2, default="ID")
    region = models.ForeignKey(
        Region,
        verbose_name=_("regency or city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="buyer_country_code",
                violation_error_message=_("Choose the buyer's country."),
            ),
            models.CheckConstraint(
                condition=Q(country="ID", region__isnull=False)
                | (~Q(country="ID") & Q(region__isnull=True)),
                name="buyer_region_in_indonesia",
                violation_error_message=_(
                    "A buyer in Indonesia gives their regency or city; a buyer from abroad "
                    "gives none."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.organisation}" if self.organisation else self.name

    @property
    def email(self):
        return self.user.email


class MeetingQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Meeting.Status.ACCEPTED)

    def counts(self):
        """How many were requested (all), accepted, declined and held (accepted, and
        their slot is over)."""
        now = timezone.now()
        return self.aggregate(
            requested=models.Count("pk"),
            accepted=models.Count("pk", filter=Q(status=Meeting.Status.ACCEPTED)),
            declined=models.Count("pk", filter=Q(status=Meeting.Status.DECLINED)),
            held=models.Count(
                "pk", filter=Q(status=Meeting.Status.ACCEPTED, slot__ends_at__lte=now)
            ),
        )


class Meeting(models.Model):
    """A buyer's request to meet an accepted participant in a slot, and the
    participant's decision."""

    class Status(models.TextChoices):
        REQUESTED = "diminta", _("Requested")
        ACCEPTED = "diterima", _("Accepted")
        DECLINED = "ditolak", _("Declined")

    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="meetings"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    buyer = models.ForeignKey(
        Buyer, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="meetings"
    )
    message = models.TextField(_("what to talk about"), max_length=MAX_MESSAGE, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "application"],
                condition=Q(status="diterima"),
                name="meeting_one_per_exhibitor_and_slot",
                violation_error_message=_("The exhibitor already has a meeting at this time."),
            ),
            models.UniqueConstraint(
                fields=["slot", "buyer"],
                condition=Q(status="diterima"),
                name="meeting_one_per_buyer_and_slot",
                violation_error_message=_("The buyer already has a meeting at this time."),
            ),
            models.UniqueConstraint(
                fields=["slot", "application", "buyer"],
                condition=Q(status__in=["diminta", "diterima"]),
                name="meeting_requested_once",
                violation_error_message=_(
                    "This buyer has already asked this exhibitor for this time."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="diminta", decided_at__isnull=True)
                | (~Q(status="diminta") & Q(decided_at__isnull=False)),
                name="meeting_decided_when",
                violation_error_message=_("A decided meeting has the time of its decision."),
            ),
        ]

    def __str__(self):
        return f"{self.buyer} · {self.application.exhibitor} · {self.slot}"

    @property
    def is_held(self):
        return self.status == self.Status.ACCEPTED and self.slot.has_passed
