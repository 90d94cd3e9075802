import lokal
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from expo.models import BoothKind, Edition, Region


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


# PostgreSQL's text-search configuration for Bahasa Indonesia (stemming and stop words).
SEARCH_CONFIG = "indonesian"


class Exhibitor(models.Model):
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
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.UMKM)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    scale = models.CharField(_("business scale"), max_length=10, choices=Scale.choices, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("regency or city"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.TextField(_("address"), blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"), max_length=16, blank=True, help_text=_("e.g. 0812-3456-7890")
    )
    email = models.EmailField(_("e-mail"), blank=True)
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
        expression=SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="B", config=SEARCH_CONFIG),
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
            models.UniqueConstraint(fields=["owner"], name="exhibitor_one_per_owner"),
            models.CheckConstraint(
                condition=Q(nib="") | Q(nib__regex=r"^\d{13}$"), name="exhibitor_nib_13_digits"
            ),
            models.CheckConstraint(
                condition=Q(pirt="") | Q(pirt__regex=r"^\d{15}$"),
                name="exhibitor_pirt_15_digits",
            ),
            models.CheckConstraint(
                condition=Q(whatsapp="") | Q(whatsapp__regex=r"^\+62\d{8,13}$"),
                name="exhibitor_whatsapp_e164",
            ),
            models.CheckConstraint(
                condition=Q(kind="instansi") | ~Q(scale=""), name="exhibitor_umkm_has_scale"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="exhibitor_search"),
            GinIndex(fields=["name"], name="exhibitor_name_trgm", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.whatsapp:
            normalised = lokal.normalize_phone(self.whatsapp)
            if normalised is None:
                raise ValidationError(
                    {"whatsapp": _("Enter an Indonesian phone number, e.g. 0812-3456-7890.")}
                )
            self.whatsapp = normalised
        if self.kind == self.Kind.UMKM and not self.scale:
            raise ValidationError({"scale": _("Choose the business scale of an UMKM.")})

    @property
    def whatsapp_digits(self):
        """The number as wa.me wants it: digits only, country code first."""
        return self.whatsapp.removeprefix("+")


MAX_PHOTOS_PER_PRODUCT = 5


class Product(models.Model):
    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    price = models.PositiveBigIntegerField(_("price (Rp)"), help_text=_("In whole rupiah."))
    price_max = models.PositiveBigIntegerField(
        _("highest price (Rp)"),
        null=True,
        blank=True,
        help_text=_("Only for a price range, e.g. sizes or variants."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. per 250 g"))
    is_halal = models.BooleanField(_("halal"), default=False)
    is_published = models.BooleanField(
        _("shown to visitors"), default=True, help_text=_("Hidden products stay in your list.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    search_vector = models.GeneratedField(
        expression=SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="B", config=SEARCH_CONFIG),
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
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search"),
            models.Index(fields=["exhibitor", "position"], name="product_exhibitor_position"),
        ]

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
                fields=["product", "position"], name="productphoto_one_per_position"
            ),
            models.CheckConstraint(
                condition=Q(position__lt=MAX_PHOTOS_PER_PRODUCT), name="productphoto_at_most_five"
            ),
        ]

    def __str__(self):
        return f"{self.product} #{self.position + 1}"


MAX_BOOTH_STAFF = 10


class ApplicationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Application.Status.ACCEPTED)


class Application(models.Model):
    """An exhibitor's request to take part in one edition, and the organiser's decision."""

    class Mode(models.TextChoices):
        BOOTH = "booth", _("Booth at the venue")
        VIRTUAL = "virtual", _("Virtual only")

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
                fields=["exhibitor", "edition"], name="application_one_per_exhibitor_edition"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="application_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "withdrawn"]) | Q(decided_at__isnull=False),
                name="application_decision_has_time",
            ),
            models.CheckConstraint(
                condition=Q(staff_count__gte=1, staff_count__lte=MAX_BOOTH_STAFF),
                name="application_staff_count_in_range",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self):
        return f"{self.exhibitor} → {self.edition}"
