"""The guests an edition invites (tamu VIP: Forkopimda, regional offices, other regencies,
ministries, banks), each with a personal invitation and their answer to it."""

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from exhibitors.models import PhoneNumberField
from expo.models import Edition, Region

MAX_COMPANIONS = 10
# How long after its edition's last day a guest's name and contact are kept (README).
KEEP_PERSONAL_DATA_DAYS = 90
# Guests are Indonesian officials: their invitation is written in Indonesian.
GUEST_LANGUAGE = "id"
# What a guest's invitation token is signed with, so that no other signed value of the
# portal can pass for one.
TOKEN_SALT = "guests.invitation"


def new_key():
    return secrets.token_urlsafe(16)


class Guest(models.Model):
    """A guest invited to an edition.

    Forkopimda: the regency's leadership (bupati or wali kota, DPRD, police, military,
    prosecutors). OPD: the regency's own offices. Their invitation is reached by a signed
    token made of ``key`` (``invitation_token``); revoking it ends the invitation.
    """

    class InstitutionKind(models.TextChoices):
        FORKOPIMDA = "forkopimda", _("Regional leadership (Forkopimda)")
        OPD = "opd", _("Regional office (OPD)")
        OTHER_REGION = "daerah_lain", _("Another regency or city")
        MINISTRY = "kementerian", _("Ministry or agency (kementerian/lembaga)")
        STATE_COMPANY = "bumn", _("State company or bank (BUMN/bank)")
        ASSOCIATION = "asosiasi", _("Association")
        MEDIA = "media", _("Media")
        OTHER = "lainnya", _("Other")

    class Rsvp(models.TextChoices):
        PENDING = "belum", _("Not answered yet")
        ATTENDING = "hadir", _("Attending")
        DECLINED = "tidak_hadir", _("Not attending")
        REPRESENTED = "diwakilkan", _("Sending a representative")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="guests"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("e.g. Bupati Semarang")
    )
    institution = models.CharField(_("institution"), max_length=200)
    institution_kind = models.CharField(
        _("kind of institution"), max_length=12, choices=InstitutionKind.choices
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("regency or city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a guest from another regency or city: where they come from."),
    )
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    days = ArrayField(
        models.DateField(),
        verbose_name=_("days invited"),
        default=list,
        blank=True,
        help_text=_("The days, separated by commas, e.g. 2030-11-12,2030-11-13. Empty: every day."),
    )
    companions = models.PositiveSmallIntegerField(
        _("companions allowed"),
        default=0,
        help_text=_("How many people may come with the guest, 0 to 10."),
    )
    notes = models.TextField(_("notes"), blank=True)
    rsvp = models.CharField(_("answer"), max_length=12, choices=Rsvp.choices, default=Rsvp.PENDING)
    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    key = models.CharField(
        _("invitation key"),
        max_length=32,
        unique=True,
        default=new_key,
        editable=False,
        error_messages={"unique": _("Another invitation has this key; save the guest again.")},
    )
    invitation_sent_at = models.DateTimeField(_("invitation e-mailed"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("invitation revoked"), null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("personal data removed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The guest's name and contact, removed 90 days after the edition."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "institution_kind", "name", "pk"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(whatsapp="") | ~Q(email="") | Q(anonymised_at__isnull=False),
                name="guest_has_contact",
                violation_error_message=_(
                    "Give the guest's WhatsApp number or e-mail address, or both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(companions__lte=MAX_COMPANIONS),
                name="guest_companions",
                violation_error_message=_("A guest may bring 0 to 10 companions."),
            ),
            models.CheckConstraint(
                condition=~Q(rsvp="diwakilkan")
                | ~Q(representative_name="")
                | Q(anonymised_at__isnull=False),
                name="guest_representative_named",
                violation_error_message=_(
                    "A guest who sends a representative gives the representative's name."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(institution_kind="daerah_lain") | Q(region__isnull=False),
                name="guest_other_region_given",
                violation_error_message=_(
                    "Choose the regency or city a guest from another region comes from."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.institution}"

    def get_absolute_url(self):
        return reverse("invitation", kwargs={"token": self.invitation_token})

    @property
    def invitation_token(self):
        """The token of the guest's link and QR code: the key, signed. A token nobody
        signed is refused before the database is asked."""
        return signing.Signer(salt=TOKEN_SALT).sign(self.key)

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def whatsapp_digits(self):
        return self.whatsapp.removeprefix("+")

    def clean(self):
        super().clean()
        if self.edition_id is None:
            return
        edition = self.edition
        days = sorted(set(self.days))
        outside = [day for day in days if not edition.starts_on <= day <= edition.ends_on]
        if outside:
            raise ValidationError(
                {
                    "days": _("A guest is invited to days of the edition, %(first)s to %(last)s.")
                    % {
                        "first": date_format(edition.starts_on),
                        "last": date_format(edition.ends_on),
                    }
                }
            )
        self.days = days

    @property
    def invited_days(self):
        """The days the guest is invited to, as dates: every day of the edition if none
        is named."""
        return self.days or self.edition.venue_days


class CheckIn(models.Model):
    """A guest let in at the gate on one day of the edition, by a member of the staff.

    ``checked_in_at`` is when the gate saw the guest: for a scan kept on a phone while the
    signal was gone, the phone's time of the scan, not the time it reached the portal
    (``recorded_at``)."""

    guest = models.ForeignKey(
        Guest, verbose_name=_("guest"), on_delete=models.PROTECT, related_name="check_ins"
    )
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["guest", "day"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["guest", "day"],
                name="checkin_one_per_guest_per_day",
                violation_error_message=_("This guest has already been checked in on this day."),
                violation_error_code="unique",
            ),
        ]

    def __str__(self):
        return f"{self.guest} · {self.day}"
