import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core import youtube
from core.validators import no_bidi_controls
from expo.triggers import AGENDA_TRIGGERS


class Province(models.Model):
    """A level-1 region (provinsi), keyed by its two-digit Kemendagri code, e.g. ``33``."""

    code = models.CharField(
        _("code"),
        max_length=2,
        primary_key=True,
        error_messages={"unique": _("A province with this code already exists.")},
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Region(models.Model):
    """A level-2 region: a kabupaten (regency) or kota (city).

    Keyed by its Kemendagri code (``33.22`` is Kabupaten Semarang, ``33.74`` Kota
    Semarang): names repeat across the two kinds, codes never do, so every comparison
    of regions (inside or outside a host region) compares codes.
    """

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Regency (kabupaten)")
        KOTA = "kota", _("City (kota)")

    code = models.CharField(
        _("code"),
        max_length=5,
        primary_key=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}$")],
        error_messages={"unique": _("A regency or city with this code already exists.")},
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="regions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. Kabupaten Semarang"))
    short_name = models.CharField(_("short name"), max_length=100, help_text=_("e.g. Semarang"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("regency or city")
        verbose_name_plural = _("regencies and cities")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^\d{2}\.\d{2}$"),
                name="region_code_format",
                violation_error_message=_(
                    "A region code is its Kemendagri code: two digits, a dot and two digits, "
                    "e.g. 33.22."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class Kecamatan(models.Model):
    """A level-3 region, the district below a kabupaten or kota, keyed by its Kemendagri
    code (``33.21.12`` is Kecamatan Bonang in Kabupaten Demak). Names repeat across
    regencies (there are many a Kecamatan Tengah), so a kecamatan is always read with its
    regency and compared by code."""

    code = models.CharField(
        _("code"),
        max_length=8,
        primary_key=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}\.\d{2}$")],
        error_messages={"unique": _("A kecamatan with this code already exists.")},
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("regency or city"),
        on_delete=models.PROTECT,
        related_name="kecamatan",
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. Bonang"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^\d{2}\.\d{2}\.\d{2}$"),
                name="kecamatan_code_format",
                violation_error_message=_(
                    "A kecamatan code is its Kemendagri code: three pairs of digits with dots "
                    "between them, e.g. 33.21.12."
                ),
            ),
            models.CheckConstraint(
                condition=Q(code__startswith=F("region")),
                name="kecamatan_code_within_region",
                violation_error_message=_(
                    "A kecamatan's code begins with the code of its regency or city."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class Desa(models.Model):
    """A level-4 region below a kecamatan: a desa (village) or a kelurahan (an urban
    village), keyed by its Kemendagri code, e.g. ``33.21.12.2001``."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Village (desa)")
        KELURAHAN = "kelurahan", _("Urban village (kelurahan)")

    code = models.CharField(
        _("code"),
        max_length=13,
        primary_key=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")],
        error_messages={"unique": _("A desa or kelurahan with this code already exists.")},
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        related_name="desa",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("desa or kelurahan")
        verbose_name_plural = _("desa and kelurahan")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
                name="desa_code_format",
                violation_error_message=_(
                    "A desa code is its Kemendagri code: the kecamatan's code, a dot and four "
                    "digits, e.g. 33.21.12.2001."
                ),
            ),
            models.CheckConstraint(
                condition=Q(code__startswith=F("kecamatan")),
                name="desa_code_within_kecamatan",
                violation_error_message=_("A desa's code begins with the code of its kecamatan."),
            ),
        ]

    def __str__(self):
        return self.name


class WebURLField(models.URLField):
    """An http(s) address; a form adds ``https://`` when people type just the host.

    (Django 6 makes https the forms' default and this subclass unneeded.)
    """

    default_validators = [URLValidator(schemes=["http", "https"])]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Organisation(models.Model):
    """An organiser body, a Dinas office: the editions it runs, and the staff who run
    them. One installation can serve the regencies of a whole province, each office
    seeing its own editions alone."""

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        validators=[no_bidi_controls],
        help_text=_("e.g. Dinas Koperasi UKM Perindag Kabupaten Sukoharjo."),
        error_messages={"unique": _("An organisation with this name already exists.")},
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("regency or city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The regency or city the office serves, if it serves one."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A staff account of an organisation: it sees and changes that organisation's
    editions alone. Staff without one, and superusers, run every edition (the province's
    own office, or a single-office installation)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.CASCADE,
        related_name="membership",
        error_messages={"unique": _("This staff account already belongs to an organisation.")},
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="members",
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self):
        return f"{self.user} · {self.organisation}"


class EditionQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Edition.Status.DRAFT)

    def open_for_registration(self, *, at=None):
        at = at or timezone.now()
        return self.filter(
            status=Edition.Status.PUBLISHED,
            registration_opens_at__lte=at,
            registration_closes_at__gt=at,
        )


# How long after its last day an edition's participants correct their own sales reports,
# unless the edition sets its own day.
REPORTING_DAYS = 14


class Edition(models.Model):
    """One running of an expo, e.g. Kasmex 2021: its place, dates, hosts and rules."""

    class Format(models.TextChoices):
        OFFLINE = "offline", _("Offline (at the venue)")
        VIRTUAL = "virtual", _("Virtual (online only)")
        HYBRID = "hybrid", _("Hybrid (venue and online)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    name = models.CharField(_("name"), max_length=200, validators=[no_bidi_controls])
    slug = models.SlugField(
        _("web address"),
        max_length=100,
        unique=True,
        help_text=_(
            "The edition's part of its page address, e.g. kasmex-2027: lowercase letters, "
            "digits and hyphens. Filled in from the name."
        ),
        error_messages={"unique": _("Another edition already uses this slug.")},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    host_regions = models.ManyToManyField(
        Region,
        verbose_name=_("host regions"),
        related_name="hosted_editions",
        help_text=_("The regencies and cities that hold the expo together."),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
        help_text=_(
            "The organisation whose staff run this edition. Without one, only staff of no "
            "organisation see it."
        ),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        help_text=_("The office that runs the expo, e.g. Dinas Koperasi UKM Perindag."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    host_share_percent = models.PositiveSmallIntegerField(
        _("booths kept for host regions (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("The share of booths kept for participants from the host regions."),
    )
    setup_starts_at = models.DateTimeField(
        _("set-up starts"),
        null=True,
        blank=True,
        help_text=_("When participants may start setting up their booths at the venue."),
    )
    rules = models.TextField(
        _("rules (tata tertib)"),
        blank=True,
        help_text=_("What participants agree to when they apply: opening hours, set-up, fees…"),
    )
    rules_document = models.FileField(
        _("rules document (PDF)"),
        upload_to="rules/%Y/",
        blank=True,
        help_text=_("The signed rules, if the office publishes them as a document."),
    )
    online_starts_on = models.DateField(
        _("online from"),
        null=True,
        blank=True,
        help_text=_("For a virtual or hybrid edition: the first day of the online expo."),
    )
    online_ends_on = models.DateField(
        _("online until"),
        null=True,
        blank=True,
        help_text=_("The last day of the online expo."),
    )
    reports_close_on = models.DateField(
        _("reports close on"),
        null=True,
        blank=True,
        help_text=_(
            "Participants correct their sales reports until this day; after it only the "
            "organisers can. Empty: two weeks after the last day."
        ),
    )
    target_sales = models.PositiveBigIntegerField(
        _("target: transactions (Rp)"), null=True, blank=True
    )
    target_visitors = models.PositiveIntegerField(_("target: visitors"), null=True, blank=True)
    omzet_followup_days = models.PositiveSmallIntegerField(
        _("omzet asked again after (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("How long after the last day participants report their monthly omzet again."),
    )
    publish_sales = models.BooleanField(
        _("show the transactions on the public page"), default=False
    )
    publish_visits = models.BooleanField(_("show the visits on the public page"), default=False)
    publish_participants = models.BooleanField(
        _("show the number of participants on the public page"), default=False
    )
    livestream_url = WebURLField(
        _("livestream"),
        blank=True,
        validators=[youtube.validate_video_url],
        help_text=_("A YouTube link; visitors load it only when they tap it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="edition_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at")),
                name="edition_registration_window",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(online_starts_on__isnull=True, online_ends_on__isnull=True)
                | Q(online_ends_on__gte=F("online_starts_on")),
                name="edition_online_period",
                violation_error_message=_(
                    "Give both days of the online expo, the last not before the first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reports_close_on__isnull=True) | Q(reports_close_on__gte=F("ends_on")),
                name="edition_reports_close_after_end",
                violation_error_message=_("Reports cannot close before the last day of the expo."),
            ),
            models.CheckConstraint(
                condition=Q(omzet_followup_days__gte=1, omzet_followup_days__lte=365),
                name="edition_omzet_followup_days",
                violation_error_message=_("Ask for the omzet again 1 to 365 days after the expo."),
            ),
            models.CheckConstraint(
                condition=Q(host_share_percent__lte=100),
                name="edition_host_share_percent",
                violation_error_message=_(
                    "The booths kept for host regions cannot be more than 100 percent."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("edition_detail", kwargs={"slug": self.slug})

    @property
    def is_registration_open(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.registration_opens_at <= timezone.now() < self.registration_closes_at
        )

    @property
    def first_day(self):
        """Its first day, at the venue or online."""
        return min(day for day in (self.starts_on, self.online_starts_on) if day)

    @property
    def last_day(self):
        """Its last day, at the venue or online."""
        return max(day for day in (self.ends_on, self.online_ends_on) if day)

    @property
    def has_begun(self):
        """Whether its first day, at the venue or online, has come: reports open then."""
        return self.first_day <= timezone.localdate()

    @property
    def has_ended(self):
        """Whether its last day, at the venue or online, has passed."""
        return self.last_day < timezone.localdate()

    @property
    def reporting_deadline(self):
        """The last day participants correct their own sales reports."""
        return self.reports_close_on or self.ends_on + datetime.timedelta(days=REPORTING_DAYS)

    @property
    def omzet_followup_on(self):
        """From this day participants report their monthly omzet after the expo."""
        return self.ends_on + datetime.timedelta(days=self.omzet_followup_days)

    @property
    def has_venue(self):
        return self.format != self.Format.VIRTUAL

    @property
    def venue_days(self):
        """The days at the venue, in order, as dates."""
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=n) for n in range(count)]

    def gate_day(self, asked=""):
        """The day the gate works on: ``asked`` (ISO date) if it is a day at the venue,
        else today during the edition, else its first day."""
        days = self.venue_days
        try:
            day = datetime.date.fromisoformat(asked or "")
        except ValueError:
            day = None
        if day in days:
            return day
        today = timezone.localdate()
        return today if today in days else days[0]

    @cached_property
    def livestream_id(self):
        return youtube.video_id(self.livestream_url) if self.livestream_url else None

    @cached_property
    def host_region_codes(self):
        """Codes of the host regions; uses ``prefetch_related("host_regions")`` when given."""
        return frozenset(region.code for region in self.host_regions.all())


class Partner(models.Model):
    """An office, company or community that organises, supports or sponsors an edition."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        SUPPORTER = "supporter", _("Supported by")
        SPONSOR = "sponsor", _("Sponsor")
        MEDIA = "media", _("Media partner")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200, validators=[no_bidi_controls])
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    website = WebURLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class Delegation(models.Model):
    """A partner office's delegation to an edition: Sukoharjo's Dinas bringing its UMKM
    to Kasmex. The host allots it booths and virtual places; the office's members fill
    them by nominating UMKM of their own regency or city, and the host's review decides on
    each nomination as on every application."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="delegations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner office"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    booth_places = models.PositiveSmallIntegerField(
        _("booths allotted"),
        default=0,
        help_text=_("How many of its nominees may take a booth at the venue."),
    )
    virtual_places = models.PositiveSmallIntegerField(
        _("virtual places allotted"),
        default=0,
        help_text=_("How many of its nominees may take part online only."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "organisation__name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"],
                name="delegation_one_per_office_edition",
                violation_error_message=_("This office already has a delegation to this edition."),
            ),
            models.CheckConstraint(
                condition=Q(booth_places__gte=1) | Q(virtual_places__gte=1),
                name="delegation_has_places",
                violation_error_message=_(
                    "Allot the delegation at least one booth or virtual place."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.edition}"


class AgendaSession(models.Model):
    """One session of an edition's agenda: the opening, a talkshow, a performance (pentas
    seni), business meetings (temu bisnis), a competition (lomba)… at a place of the
    venue, or online with a livestream link.

    Its times are within the edition's days, at the venue or online, in the portal's time
    zone (``settings.TIME_ZONE``, Asia/Jakarta), which the edition's days are read in too:
    ``clean`` says so in words, and a trigger keeps every writer to it.
    """

    class Kind(models.TextChoices):
        OPENING = "pembukaan", _("Opening")
        TALKSHOW = "talkshow", _("Talk show")
        PERFORMANCE = "pentas_seni", _("Performance (pentas seni)")
        BUSINESS_MEETING = "temu_bisnis", _("Business meeting (temu bisnis)")
        COMPETITION = "lomba", _("Competition (lomba)")
        WORKSHOP = "pelatihan", _("Workshop")
        CLOSING = "penutupan", _("Closing")
        OTHER = "lainnya", _("Other")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="agenda"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[no_bidi_controls])
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("e.g. Panggung utama, Hall B")
    )
    livestream_url = WebURLField(
        _("livestream link"),
        blank=True,
        help_text=_("Where visitors watch it online: an http(s) address."),
    )
    speakers = models.TextField(
        _("speakers or performers"),
        max_length=1000,
        blank=True,
        help_text=_("One per line, e.g. Bupati Semarang, Sanggar Tari Kridha Budaya."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "starts_at", "ends_at", "pk"]
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="agendasession_ends_after_start",
                violation_error_message=_("A session ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(livestream_url="")
                | Q(livestream_url__startswith="https://")
                | Q(livestream_url__startswith="http://"),
                name="agendasession_livestream_web_address",
                violation_error_message=_(
                    "A livestream link is a web address starting with https:// or http://"
                ),
            ),
        ]
        indexes = [models.Index(fields=["edition", "starts_at"], name="agenda_edition_start")]
        triggers = AGENDA_TRIGGERS

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.edition_id is None or self.starts_at is None or self.ends_at is None:
            return
        edition = self.edition
        first, last = edition.first_day, edition.last_day
        starts_on = timezone.localdate(self.starts_at)
        # As the trigger reads it: a session ending at midnight ends on the day before.
        ends_on = timezone.localdate(self.ends_at - datetime.timedelta(microseconds=1))
        if starts_on < first or ends_on > last:
            raise ValidationError(
                _("A session takes place within the days of the edition, %(first)s to %(last)s.")
                % {"first": date_format(first), "last": date_format(last)}
            )

    @property
    def speaker_list(self):
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]
