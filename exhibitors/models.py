from urllib.parse import urlsplit

import lokal
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual, StartsWith
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import youtube
from core.validators import no_bidi_controls
from exhibitors.documents import private_storage
from exhibitors.triggers import (
    APPLICATION_TRIGGERS,
    CATALOGUE_TRIGGERS,
    FEATURED_TRIGGERS,
    HOLDING_PLACE,
    MAX_FEATURED_PRODUCTS,
    NOMINATION_TRIGGERS,
)
from expo.models import Delegation, Desa, Edition, Kecamatan, Organisation, Region, WebURLField


class BoothKind(models.TextChoices):
    """Kinds of stand: an application asks for one, and a booth (in the booths app) is one."""

    STANDARD = "standard", _("Standard")
    CORNER = "corner", _("Corner")
    FOOD = "food", _("Food (with water)")
    INSTITUTION = "institution", _("Institution")


class Category(models.TextChoices):
    """The fixed list of expo categories an exhibitor and its booth are grouped by."""

    CULINARY = "kuliner", _("Culinary (kuliner)")
    FASHION = "fesyen", _("Fashion (fesyen)")
    BATIK = "wastra", _("Batik and traditional textiles (wastra)")
    CRAFT = "kriya", _("Crafts (kriya)")
    ACCESSORIES = "aksesoris", _("Accessories")
    FURNITURE = "furnitur", _("Furniture")
    BEAUTY = "kecantikan", _("Beauty and herbal products")
    FARM = "agro", _("Farm and fishery produce")
    SERVICES = "jasa", _("Services (jasa)")
    OTHER = "lainnya", _("Other")


EARLIEST_FOUNDING_YEAR = 1900
# What a person writes about a business or a product, and well inside PostgreSQL's limit
# on a text search vector.
MAX_DESCRIPTION = 5000


def validate_not_in_the_future(year):
    if year > timezone.localdate().year:
        raise ValidationError(_("The year founded cannot be in the future."), code="future")


# PostgreSQL's text-search configuration for Bahasa Indonesia (stemming and stop words).
SEARCH_CONFIG = "indonesian"


class PhoneNumberField(models.CharField):
    """An Indonesian phone number as people write it (0812-3456-7890, +62 812 3456 7890),
    stored as E.164 (``+6281234567890``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        phone = lokal.normalize_phone(value)
        if phone is None:
            raise ValidationError(
                _("Enter an Indonesian phone number, e.g. 0812-3456-7890."), code="invalid"
            )
        return phone

    def formfield(self, **kwargs):
        # As typed, with spaces, dashes and a country code: longer than it is stored.
        return super().formfield(**{"max_length": 24, **kwargs})


def english_name_field():
    return models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        validators=[no_bidi_controls],
        help_text=_("Optional, for buyers from abroad: shown on the English pages."),
    )


def english_description_field():
    return models.TextField(
        _("description in English"),
        max_length=MAX_DESCRIPTION,
        blank=True,
        help_text=_("Optional: without it, the English pages show the Indonesian one."),
    )


class InEnglishToo:
    """A business or product with an optional English name and description (``name_en``,
    ``description_en``), for buyers from abroad: the English pages (``/en/…``) show them
    where given, the Indonesian ones otherwise; searches find either."""

    @property
    def shown_name(self):
        return self.name_en if self.name_en and _in_english() else self.name

    @property
    def shown_description(self):
        return self.description_en if self.description_en and _in_english() else self.description

    @property
    def description_in_indonesian_only(self):
        """Whether an English page shows the Indonesian description, which it marks so."""
        return bool(self.description) and not self.description_en and _in_english()


def _in_english():
    return translation.get_language() == "en"


def search_vector_in_both_languages():
    """The words a search finds a business or product by: its name first, then its
    description, in Indonesian and in English."""
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("name_en", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description_en", weight="B", config=SEARCH_CONFIG)
    )


class TimeZone(models.TextChoices):
    """Indonesia's three time zones, as people write them after a time."""

    WIB = "WIB", _("WIB (western Indonesia, UTC+7)")
    WITA = "WITA", _("WITA (central Indonesia, UTC+8)")
    WIT = "WIT", _("WIT (eastern Indonesia, UTC+9)")


class Exhibitor(InEnglishToo, models.Model):
    """A participant (peserta): an UMKM or an institution (instansi) that takes a stand.

    UMKM: usaha mikro, kecil dan menengah, a business sized by annual turnover
    (PP 7/2021). Legality numbers: NIB (business number from OSS, 13 digits), P-IRT
    (home-industry food permit, 15 digits), the halal certificate and BPOM MD/ML numbers.
    """

    class Kind(models.TextChoices):
        UMKM = "umkm", _("UMKM (small business)")
        INSTITUTION = "instansi", _("Institution (instansi)")

    class Scale(models.TextChoices):
        MICRO = "mikro", _("Micro (turnover up to Rp2 billion a year)")
        SMALL = "kecil", _("Small (up to Rp15 billion a year)")
        MEDIUM = "menengah", _("Medium (up to Rp50 billion a year)")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibitors",
    )
    registered_by = models.ForeignKey(
        Organisation,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The organisation whose staff added this profile (by hand or from a spreadsheet); "
            "its staff see it before it applies to one of their editions."
        ),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.UMKM)
    name = models.CharField(_("name"), max_length=200, validators=[no_bidi_controls])
    slug = models.SlugField(
        _("web address"),
        max_length=120,
        unique=True,
        help_text=_(
            "The exhibitor's part of its page address, e.g. batik-sekar-arum: lowercase "
            "letters, digits and hyphens. Filled in from the name."
        ),
        error_messages={"unique": _("Another exhibitor already uses this slug.")},
    )
    description = models.TextField(_("description"), max_length=MAX_DESCRIPTION, blank=True)
    name_en = english_name_field()
    description_en = english_description_field()
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    scale = models.CharField(_("business scale"), max_length=10, choices=Scale.choices, blank=True)
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                EARLIEST_FOUNDING_YEAR, _("Enter a year from 1900 onwards, e.g. 2015.")
            ),
            validate_not_in_the_future,
        ],
    )
    worker_count = models.PositiveIntegerField(
        _("number of workers"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Including yourself."),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/%m/", blank=True)
    logo_width = models.PositiveIntegerField(_("logo width"), null=True, blank=True)
    logo_height = models.PositiveIntegerField(_("logo height"), null=True, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("regency or city"), on_delete=models.PROTECT, related_name="+"
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan (district)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    desa = models.ForeignKey(
        Desa,
        verbose_name=_("desa or kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kecamatan_as_typed = models.CharField(
        _("kecamatan as typed"),
        max_length=100,
        blank=True,
        help_text=_(
            "The kecamatan as its owner wrote it before the portal had the official list, "
            "where it named no single kecamatan of the regency or city; kept until one is "
            "chosen."
        ),
    )
    address = models.TextField(_("address"), blank=True)
    language = models.CharField(
        _("language of e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The portal writes to you in this language."),
    )
    address_is_public = models.BooleanField(
        _("show the street address to visitors"),
        default=False,
        help_text=_("Otherwise visitors see only the kecamatan and the regency or city."),
    )
    whatsapp = PhoneNumberField(
        _("WhatsApp number"), blank=True, help_text=_("e.g. 0812-3456-7890")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = WebURLField(_("website"), blank=True, help_text=_("e.g. https://keripiktempe.id"))
    video_url = WebURLField(
        _("product video (YouTube)"),
        blank=True,
        validators=[youtube.validate_video_url],
        help_text=_("A link to a YouTube video of your products, e.g. https://youtu.be/…"),
    )
    online_hours_start = models.TimeField(
        _("chats answered from"),
        null=True,
        blank=True,
        help_text=_("When your virtual booth answers chats, e.g. 08.00."),
    )
    online_hours_end = models.TimeField(_("chats answered until"), null=True, blank=True)
    online_hours_zone = models.CharField(
        _("time zone"), max_length=4, choices=TimeZone.choices, blank=True
    )
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^\d{13}$", _("An NIB is 13 digits."))],
        help_text=_("13 digits, from OSS"),
    )
    pirt = models.CharField(
        _("P-IRT number"),
        max_length=15,
        blank=True,
        validators=[RegexValidator(r"^\d{15}$", _("A P-IRT number is 15 digits."))],
    )
    halal_number = models.CharField(_("halal certificate number"), max_length=40, blank=True)
    bpom_number = models.CharField(_("BPOM MD/ML number"), max_length=20, blank=True)
    search_vector = models.GeneratedField(
        expression=search_vector_in_both_languages(),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        constraints = [
            # Code "unique" and one field: a form shows the error at the owner field.
            models.UniqueConstraint(
                fields=["owner"],
                name="exhibitor_one_per_owner",
                violation_error_message=_("This account already has a business profile."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=Q(nib="") | Q(nib__regex=r"^\d{13}$"),
                name="exhibitor_nib_13_digits",
                violation_error_message=_("An NIB is 13 digits."),
            ),
            models.CheckConstraint(
                condition=Q(pirt="") | Q(pirt__regex=r"^\d{15}$"),
                name="exhibitor_pirt_15_digits",
                violation_error_message=_("A P-IRT number is 15 digits."),
            ),
            models.CheckConstraint(
                condition=Q(whatsapp="") | Q(whatsapp__regex=r"^\+62\d{8,13}$"),
                name="exhibitor_whatsapp_e164",
                violation_error_message=_("Enter an Indonesian phone number, e.g. 0812-3456-7890."),
            ),
            models.CheckConstraint(
                condition=Q(kind="instansi") | ~Q(scale=""),
                name="exhibitor_umkm_has_scale",
                violation_error_message=_("Choose the business scale of an UMKM."),
            ),
            models.CheckConstraint(
                condition=Q(year_founded__isnull=True)
                | Q(year_founded__gte=EARLIEST_FOUNDING_YEAR),
                name="exhibitor_year_founded_sane",
                violation_error_message=_("Enter a year from 1900 onwards, e.g. 2015."),
            ),
            models.CheckConstraint(
                condition=Q(worker_count__isnull=True) | Q(worker_count__gte=1),
                name="exhibitor_worker_count_positive",
                violation_error_message=_("The number of workers is at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(logo="") | Q(logo_width__isnull=False, logo_height__isnull=False),
                name="exhibitor_logo_has_size",
                violation_error_message=_("The logo's size is not known; upload the logo again."),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), MAX_DESCRIPTION),
                name="exhibitor_description_length",
                violation_error_message=_("A description is at most 5,000 characters."),
            ),
            models.CheckConstraint(
                condition=Q(kecamatan__isnull=True) | StartsWith(F("kecamatan"), F("region")),
                name="exhibitor_kecamatan_within_region",
                violation_error_message=_("Choose a kecamatan of the business's regency or city."),
            ),
            models.CheckConstraint(
                condition=Q(desa__isnull=True)
                | Q(kecamatan__isnull=False) & StartsWith(F("desa"), F("kecamatan")),
                name="exhibitor_desa_within_kecamatan",
                violation_error_message=_("Choose a desa or kelurahan of the kecamatan chosen."),
            ),
            models.CheckConstraint(
                condition=Q(
                    online_hours_start__isnull=True,
                    online_hours_end__isnull=True,
                    online_hours_zone="",
                )
                | Q(
                    online_hours_start__isnull=False,
                    online_hours_end__isnull=False,
                    online_hours_end__gt=F("online_hours_start"),
                )
                & ~Q(online_hours_zone=""),
                name="exhibitor_online_hours",
                violation_error_message=_(
                    "Give the hours chats are answered with their time zone, the end after "
                    "the start, or leave all three empty."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kecamatan__isnull=True) | Q(kecamatan_as_typed=""),
                name="exhibitor_kecamatan_typed_until_chosen",
                violation_error_message=_(
                    "The kecamatan as typed is kept only until one from the list is chosen."
                ),
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="exhibitor_search"),
            GinIndex(fields=["name"], name="exhibitor_name_trgm", opclasses=["gin_trgm_ops"]),
            # The directory's default order: page 1 of a big edition without sorting it all.
            models.Index(fields=["name", "id"], name="exhibitor_name_order"),
            # An edition's figures read each participant's region from the index alone.
            models.Index(fields=["id"], include=["region"], name="exhibitor_region"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.UMKM and not self.scale:
            raise ValidationError({"scale": _("Choose the business scale of an UMKM.")})
        start, end, zone = self.online_hours_start, self.online_hours_end, self.online_hours_zone
        if start is not None or end is not None or zone:
            errors = {}
            if start is None:
                errors["online_hours_start"] = _("Give the time chats are answered from.")
            if end is None:
                errors["online_hours_end"] = _("Give the time chats are answered until.")
            elif start is not None and end <= start:
                errors["online_hours_end"] = _("The end comes after the start, e.g. 08.00–17.00.")
            if not zone:
                errors["online_hours_zone"] = _("Choose WIB, WITA or WIT.")
            if errors:
                raise ValidationError(errors)

    @property
    def has_online_hours(self):
        return self.online_hours_start is not None

    @property
    def whatsapp_digits(self):
        """The number as wa.me wants it: digits only, country code first."""
        return self.whatsapp.removeprefix("+")

    @property
    def youtube_id(self):
        """The id of the product video, for an embed or a thumbnail; empty without one."""
        return youtube.video_id(self.video_url) or ""

    @property
    def is_institution(self):
        return self.kind == self.Kind.INSTITUTION


class Platform(models.TextChoices):
    """Where an exhibitor sells or shows itself online."""

    SHOPEE = "shopee", "Shopee"
    TOKOPEDIA = "tokopedia", "Tokopedia"
    TIKTOK_SHOP = "tiktokshop", "TikTok Shop"
    LAZADA = "lazada", "Lazada"
    BLIBLI = "blibli", "Blibli"
    GOFOOD = "gofood", "GoFood"
    GRABFOOD = "grabfood", "GrabFood"
    SHOPEEFOOD = "shopeefood", "ShopeeFood"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    WEBSITE = "website", _("Website")


# The platforms where a buyer buys: marketplaces and food delivery, shown as "buy on…".
SHOPS = frozenset(Platform) - {Platform.INSTAGRAM, Platform.FACEBOOK, Platform.WEBSITE}

# The domains each platform's links live on; a subdomain of one (www., shop., food.,
# tk.) belongs to the platform too. A website may be on any host.
PLATFORM_DOMAINS = {
    Platform.SHOPEE: ("shopee.co.id",),
    Platform.TOKOPEDIA: ("tokopedia.com",),
    Platform.TIKTOK_SHOP: ("tiktok.com",),
    Platform.LAZADA: ("lazada.co.id",),
    Platform.BLIBLI: ("blibli.com",),
    Platform.GOFOOD: ("gofood.co.id", "gojek.com"),
    Platform.GRABFOOD: ("grab.com",),
    Platform.SHOPEEFOOD: ("shopee.co.id",),
    Platform.INSTAGRAM: ("instagram.com",),
    Platform.FACEBOOK: ("facebook.com", "fb.com"),
}


def validate_platform_url(*, platform, url):
    """Refuse a link that is not https or whose host does not belong to ``platform``."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme != "https" or not host or parts.username or parts.password:
        raise ValidationError(_("Enter the full address, starting with https://"), code="not_https")
    domains = PLATFORM_DOMAINS.get(platform)
    if domains is None:
        return
    if not any(host == domain or host.endswith("." + domain) for domain in domains):
        raise ValidationError(
            _("This is not a %(platform)s address (it should be on %(domains)s)."),
            code="wrong_platform",
            params={
                "platform": Platform(platform).label,
                "domains": ", ".join(domains),
            },
        )


class OnlineLink(models.Model):
    """One place an exhibitor is found online: a marketplace shop, a food-delivery
    listing, a social media account or its own website."""

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="links"
    )
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    url = WebURLField(_("address (URL)"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["exhibitor", "platform", "pk"]
        verbose_name = _("online link")
        verbose_name_plural = _("online links")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "url"],
                name="onlinelink_unique_url",
                violation_error_message=_("This exhibitor already has a link to this address."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="https://"),
                name="onlinelink_https",
                violation_error_message=_("Enter the full address, starting with https://"),
            ),
        ]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.url}"

    @property
    def is_shop(self):
        return self.platform in SHOPS

    def clean(self):
        if self.platform and self.url:
            try:
                validate_platform_url(platform=self.platform, url=self.url)
            except ValidationError as error:
                raise ValidationError({"url": error}) from None


class LegalDocument(models.Model):
    """A scan or PDF proving one legality number, kept in private storage.

    These files are never public: the owner downloads them through a view that checks
    the account, organisers through the admin.
    """

    class Kind(models.TextChoices):
        NIB = "nib", _("NIB")
        PIRT = "pirt", _("P-IRT")
        HALAL = "halal", _("Halal certificate")
        BPOM = "bpom", _("BPOM MD/ML")

    class Verification(models.TextChoices):
        UNCHECKED = "unchecked", _("Not checked yet")
        VALID = "valid", _("Matches")
        INVALID = "invalid", _("Does not match")

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=5, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", storage=private_storage)
    content_type = models.CharField(_("content type"), max_length=30)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.UNCHECKED,
    )
    verification_note = models.TextField(
        _("verification note"),
        blank=True,
        help_text=_("What does not match, for the owner to correct."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        ordering = ["exhibitor", "kind"]
        verbose_name = _("legality document")
        verbose_name_plural = _("legality documents")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "kind"],
                name="legaldocument_one_per_kind",
                violation_error_message=_(
                    "This exhibitor already has this document; replace the file instead."
                ),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=~Q(verification="invalid") | ~Q(verification_note=""),
                name="legaldocument_mismatch_has_note",
                violation_error_message=_("Say what does not match, for the owner to correct."),
            ),
            models.CheckConstraint(
                condition=Q(verification="unchecked") | Q(verified_at__isnull=False),
                name="legaldocument_check_has_time",
                violation_error_message=_("A checked document needs the time it was checked."),
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor} · {self.get_kind_display()}"

    @property
    def download_name(self):
        """The file name a download gets: the business and the document, not the upload's."""
        extension = self.file.name.rsplit(".", 1)[-1]
        return f"{self.exhibitor.slug}-{self.kind}.{extension}"


MAX_PHOTOS_PER_PRODUCT = 5


class Product(InEnglishToo, models.Model):
    class Stock(models.TextChoices):
        AVAILABLE = "tersedia", _("In stock")
        PRE_ORDER = "preorder", _("Pre-order")
        SOLD_OUT = "habis", _("Sold out")

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("name"), max_length=200, validators=[no_bidi_controls])
    description = models.TextField(_("description"), max_length=MAX_DESCRIPTION, blank=True)
    name_en = english_name_field()
    description_en = english_description_field()
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    price = models.PositiveBigIntegerField(_("price (Rp)"), help_text=_("In whole rupiah."))
    price_max = models.PositiveBigIntegerField(
        _("highest price (Rp)"),
        null=True,
        blank=True,
        help_text=_("Only for a price range, e.g. sizes or variants."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. per 250 g"))
    stock = models.CharField(
        _("stock"), max_length=10, choices=Stock.choices, default=Stock.AVAILABLE
    )
    minimum_order = models.PositiveIntegerField(
        _("minimum order"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The least a buyer may order, e.g. 10. Empty: any quantity."),
    )
    minimum_order_unit = models.CharField(
        _("minimum order unit"),
        max_length=40,
        blank=True,
        help_text=_("What the minimum order counts, e.g. pak, kg, dus, lembar."),
    )
    is_featured = models.BooleanField(
        _("featured on the virtual booth"),
        default=False,
        help_text=format_lazy(
            _("Shown first on your virtual booth; up to {limit} products."),
            limit=MAX_FEATURED_PRODUCTS,
        ),
    )
    is_halal = models.BooleanField(_("halal"), default=False)
    is_published = models.BooleanField(
        _("shown to visitors"), default=True, help_text=_("Hidden products stay in your list.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    search_vector = models.GeneratedField(
        expression=search_vector_in_both_languages(),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["exhibitor", "position", "pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_max__isnull=True) | Q(price_max__gt=F("price")),
                name="product_price_range_ascending",
                violation_error_message=_(
                    "The highest price must be more than the price (the lowest)."
                ),
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), MAX_DESCRIPTION),
                name="product_description_length",
                violation_error_message=_("A description is at most 5,000 characters."),
            ),
            models.CheckConstraint(
                condition=Q(minimum_order__isnull=True) | Q(minimum_order__gte=1),
                name="product_minimum_order_positive",
                violation_error_message=_("A minimum order is at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(minimum_order_unit="") | Q(minimum_order__isnull=False),
                name="product_minimum_order_unit_counted",
                violation_error_message=_(
                    "Give the minimum order's quantity with its unit, e.g. 10 pak."
                ),
            ),
            # A catalogue lists each item once; this also makes a form sent twice add one.
            models.UniqueConstraint(
                Lower("name"),
                "exhibitor",
                name="product_unique_name_per_exhibitor",
                violation_error_message=_("This exhibitor already has a product of this name."),
                violation_error_code="unique",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search"),
            models.Index(fields=["exhibitor", "position"], name="product_exhibitor_position"),
        ]
        triggers = [*CATALOGUE_TRIGGERS, *FEATURED_TRIGGERS]

    def __str__(self):
        return self.name

    @property
    def first_photo(self):
        """The photo lists show; prefetch ``photos`` so a list does not query per product."""
        return next(iter(self.photos.all()), None)


class ProductPhoto(models.Model):
    """One of a product's photos, stored only as re-encoded by ``exhibitors.images``.

    Positions run from 0 without gaps; with one photo per position and the check on
    the highest, the database itself keeps a product to ``MAX_PHOTOS_PER_PRODUCT`` photos.
    """

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="photos"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    image = models.ImageField(_("photo"), upload_to="products/%Y/%m/")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    small = models.ImageField(_("small version"), upload_to="products/%Y/%m/")
    small_width = models.PositiveIntegerField(_("small version width"))
    small_height = models.PositiveIntegerField(_("small version height"))
    medium = models.ImageField(_("medium version"), upload_to="products/%Y/%m/")
    medium_width = models.PositiveIntegerField(_("medium version width"))
    medium_height = models.PositiveIntegerField(_("medium version height"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["product", "position"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "position"],
                name="productphoto_one_per_position",
                violation_error_message=_("This product already has a photo in this position."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=Q(position__lt=MAX_PHOTOS_PER_PRODUCT),
                name="productphoto_at_most_five",
                violation_error_message=_("A product has at most 5 photos."),
            ),
        ]

    def __str__(self):
        return f"{self.product} #{self.position + 1}"


MAX_BOOTH_STAFF = 10


class Catalogue(models.Model):
    """The words of an exhibitor's published products, for the directory search, and how
    many there are, for an edition's figures.

    Written by PostgreSQL alone: triggers on the product table refresh an exhibitor's row
    whenever one of its products is added, changed or deleted (``exhibitors.triggers``),
    and the row goes with its exhibitor (``ON DELETE CASCADE``). A search then reads one
    GIN index with a row per exhibitor instead of every matching product: a common word is
    in 12,000 of the scale edition's 100,000 products. Counting an edition's products adds
    up a number per participant instead of joining every product.
    """

    exhibitor = models.OneToOneField(
        Exhibitor,
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the database's cascade removes the row
        db_constraint=False,  # made by migration 0007, with ON DELETE CASCADE
        related_name="catalogue",
        error_messages={"unique": _("This exhibitor already has a catalogue entry.")},
    )
    search_vector = SearchVectorField()
    published_products = models.PositiveIntegerField(db_default=0)

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")
        indexes = [
            GinIndex(fields=["search_vector"], name="catalogue_search"),
            # An edition's figures read each count from the index alone, not the wide rows.
            models.Index(
                fields=["exhibitor"], include=["published_products"], name="catalogue_count"
            ),
        ]

    def __str__(self):
        return str(self.exhibitor_id)


class ApplicationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Application.Status.ACCEPTED)


class Application(models.Model):
    """An exhibitor's request to take part in one edition, and the organiser's decision."""

    class Mode(models.TextChoices):
        BOOTH = "booth", _("Booth at the venue")
        BOOTH_AND_VIRTUAL = "both", _("Booth at the venue and virtual")
        VIRTUAL = "virtual", _("Virtual only")

    # The modes that take a booth at the venue.
    BOOTH_MODES = (Mode.BOOTH, Mode.BOOTH_AND_VIRTUAL)
    # The statuses of a delegation's nomination that hold one of its places.
    HOLDING_PLACE = HOLDING_PLACE

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=_("exhibitor"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="applications"
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.BOOTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        help_text=_("The partner office that nominated this participant, if one did."),
    )
    staff_count = models.PositiveSmallIntegerField(
        _("staff at the booth"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_BOOTH_STAFF)],
    )
    preferred_zone = models.CharField(
        _("preferred zone"), max_length=40, blank=True, help_text=_("e.g. Zona Kuliner")
    )
    preferred_booth_kind = models.CharField(
        _("booth needed"), max_length=12, choices=BoothKind.choices, blank=True
    )
    featured_products = models.ManyToManyField(
        Product, verbose_name=_("products to feature"), blank=True, related_name="+"
    )
    reports_sales = models.BooleanField(
        _("reports sales"),
        default=True,
        help_text=_(
            "Untick for a stand that sells nothing, e.g. an office's service stand: it is "
            "then not asked for a sales report."
        ),
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "edition"],
                name="application_one_per_exhibitor_edition",
                violation_error_message=_("This exhibitor has already applied to this edition."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="application_rejection_has_reason",
                violation_error_message=_("Give the exhibitor a reason for the rejection."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "withdrawn"]) | Q(decided_at__isnull=False),
                name="application_decision_has_time",
                violation_error_message=_("A decided application needs the time of the decision."),
            ),
            models.CheckConstraint(
                condition=Q(staff_count__gte=1, staff_count__lte=MAX_BOOTH_STAFF),
                name="application_staff_count_in_range",
                violation_error_message=_("The staff at the booth are 1 to 10 people."),
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status"]),
            # The admin's list, newest first: read in order up to its page, not sorted,
            # across editions, for one edition and for one status.
            models.Index(fields=["-submitted_at", "-id"], name="application_newest_first"),
            models.Index(
                fields=["edition", "-submitted_at", "-id"], name="application_edition_newest"
            ),
            models.Index(
                fields=["status", "-submitted_at", "-id"], name="application_status_newest"
            ),
        ]
        triggers = [*APPLICATION_TRIGGERS, *NOMINATION_TRIGGERS]

    def __str__(self):
        return f"{self.exhibitor} → {self.edition}"

    @property
    def takes_booth(self):
        return self.mode in self.BOOTH_MODES

    @property
    def has_virtual_booth(self):
        """Whether it takes part online (a virtual or hybrid edition): its page is then
        its virtual booth."""
        return self.mode != self.Mode.BOOTH


# A confirmation code (consent) holds for this long, and this many wrong tries void it.
CONSENT_CODE_MINUTES = 30
MAX_CONSENT_ATTEMPTS = 5


class OwnerConsent(models.Model):
    """An owner's consent to Dinas staff registering their business on their behalf
    (pendampingan): how it was given, who recorded it and when.

    A signed paper form is uploaded as a private document and is the consent at once. A
    confirmation code goes to the owner by WhatsApp or e-mail and is the consent once the
    owner has told it back and the staff member has typed it in; only its hash is kept,
    it expires, and a few wrong tries void it.
    """

    class Method(models.TextChoices):
        PAPER = "paper", _("Signed paper form")
        WHATSAPP = "whatsapp", _("Confirmation code by WhatsApp")
        EMAIL = "email", _("Confirmation code by e-mail")

    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="consents"
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    file = models.FileField(
        _("signed form"), upload_to="consents/%Y/%m/", storage=private_storage, blank=True
    )
    content_type = models.CharField(_("content type"), max_length=30, blank=True)
    sent_to = models.CharField(_("code sent to"), max_length=254, blank=True)
    code_hash = models.CharField(_("code (hashed)"), max_length=64, blank=True)
    code_expires_at = models.DateTimeField(_("code expires at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("wrong codes typed"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["exhibitor", "-requested_at"]
        verbose_name = _("owner's consent")
        verbose_name_plural = _("owners' consents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="paper") | (~Q(file="") & Q(recorded_at__isnull=False)),
                name="ownerconsent_paper_has_form",
                violation_error_message=_("A consent on paper needs the signed form."),
            ),
            models.CheckConstraint(
                condition=Q(method="paper") | (~Q(code_hash="") & Q(code_expires_at__isnull=False)),
                name="ownerconsent_code_has_hash",
                violation_error_message=_("A consent by code needs the code and its expiry."),
            ),
            models.CheckConstraint(
                condition=Q(recorded_at__isnull=True) | Q(recorded_by__isnull=False),
                name="ownerconsent_recorded_has_who",
                violation_error_message=_("A recorded consent needs who recorded it."),
            ),
            models.CheckConstraint(
                condition=Q(attempts__lte=MAX_CONSENT_ATTEMPTS),
                name="ownerconsent_attempts_bounded",
                violation_error_message=_("Too many wrong codes: send a new code."),
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor} · {self.get_method_display()}"

    @property
    def is_recorded(self):
        return self.recorded_at is not None

    @property
    def download_name(self):
        """For ``documents.download_response``, as a legality document's."""
        extension = self.file.name.rsplit(".", 1)[-1]
        return f"{self.exhibitor.slug}-persetujuan.{extension}"


# How long a claim link holds (pendampingan): a week for the owner to find the message.
CLAIM_LINK_DAYS = 7


class ClaimLink(models.Model):
    """A link that hands a profile Dinas staff registered over to its owner.

    Only a hash of its token is kept. It works once, until ``expires_at``, and only
    while the profile has no owner; sending a newer link voids it.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("WhatsApp")

    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=_("exhibitor"),
        on_delete=models.CASCADE,
        related_name="claim_links",
    )
    token_hash = models.CharField(
        _("token (hashed)"),
        max_length=64,
        unique=True,
        error_messages={"unique": _("This claim link exists already; send a new one.")},
    )
    channel = models.CharField(_("sent by"), max_length=10, choices=Channel.choices)
    sent_to = models.CharField(_("sent to"), max_length=254)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    voided_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["exhibitor", "-created_at"]
        verbose_name = _("claim link")
        verbose_name_plural = _("claim links")
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(voided_at__isnull=True),
                name="claimlink_used_or_replaced",
                violation_error_message=_("A claim link is either used or replaced, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.exhibitor} · {self.created_at:%Y-%m-%d}"


class Klaster(models.Model):
    """A klaster: UMKM of one kecamatan making the same product, recorded by a Dinas
    office on the official lists (Demak: water-hyacinth crafts, 20 makers; fish crackers,
    15; crab traps, 4). The office moves it through Demak's steps: identified, verified,
    validated (``services.move_klaster``, which keeps who moved it and when)."""

    class Status(models.TextChoices):
        IDENTIFIED = "teridentifikasi", _("Identified (teridentifikasi)")
        VERIFIED = "terverifikasi", _("Verified (terverifikasi)")
        VALIDATED = "tervalidasi", _("Validated (tervalidasi)")

    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[no_bidi_controls],
        help_text=_("e.g. Klaster Kerajinan Eceng Gondok Bonang"),
    )
    slug = models.SlugField(
        _("web address"),
        max_length=120,
        unique=True,
        help_text=_(
            "The klaster's part of its page address, e.g. eceng-gondok-bonang: lowercase "
            "letters, digits and hyphens."
        ),
        error_messages={"unique": _("Another klaster already uses this web address.")},
    )
    product = models.CharField(
        _("product or sector"),
        max_length=200,
        validators=[no_bidi_controls],
        help_text=_("e.g. water-hyacinth crafts"),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organising office"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="+"
    )
    desa = models.ForeignKey(
        Desa,
        verbose_name=_("desa or kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    members = models.ManyToManyField(
        Exhibitor, verbose_name=_("members"), related_name="klaster", blank=True
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.IDENTIFIED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("klaster")
        verbose_name_plural = _("klaster")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="klaster_name_unique_per_organisation",
                violation_error_message=_("Your office already has a klaster of this name."),
            ),
            models.CheckConstraint(
                condition=Q(desa__isnull=True) | StartsWith(F("desa"), F("kecamatan")),
                name="klaster_desa_within_kecamatan",
                violation_error_message=_("Choose a desa or kelurahan of the kecamatan chosen."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("klaster_detail", kwargs={"slug": self.slug})


class KlasterStatusChange(models.Model):
    """A step of a klaster: who moved it to which status, and when."""

    klaster = models.ForeignKey(
        Klaster, verbose_name=_("klaster"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("status"), max_length=15, choices=Klaster.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("moved at"), default=timezone.now)

    class Meta:
        ordering = ["klaster", "changed_at", "id"]
        verbose_name = _("klaster step")
        verbose_name_plural = _("klaster steps")

    def __str__(self):
        return f"{self.klaster} → {self.get_status_display()}"
