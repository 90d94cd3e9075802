from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exhibitors.models import Application, BoothKind
from expo.models import Edition


class BoothQuerySet(models.QuerySet):
    def free(self):
        return self.filter(assignment__isnull=True)


class Booth(models.Model):
    """A stand (stan) at an edition's venue, placed on its floor plan in metres."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="booths"
    )
    code = models.CharField(_("code"), max_length=12, help_text=_("e.g. B-07"))
    zone = models.CharField(_("zone"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=BoothKind.choices, default=BoothKind.STANDARD
    )
    price = models.PositiveIntegerField(_("price (Rp)"), default=0, help_text=_("0 means free."))
    x = models.DecimalField(_("x on the plan (m)"), max_digits=6, decimal_places=1, default=0)
    y = models.DecimalField(_("y on the plan (m)"), max_digits=6, decimal_places=1, default=0)
    width = models.DecimalField(_("width (m)"), max_digits=4, decimal_places=1, default=3)
    depth = models.DecimalField(_("depth (m)"), max_digits=4, decimal_places=1, default=3)

    objects = BoothQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "code"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"], name="booth_code_unique_in_edition"
            ),
            models.CheckConstraint(
                condition=Q(width__gt=0) & Q(depth__gt=0), name="booth_has_size"
            ),
            models.CheckConstraint(condition=Q(x__gte=0) & Q(y__gte=0), name="booth_on_plan"),
        ]

    def __str__(self):
        return self.code

    @property
    def size_label(self):
        return f"{float(self.width):g} × {float(self.depth):g} m"


class Assignment(models.Model):
    """An accepted application placed on a booth.

    One row per occupied booth: the two one-to-one columns are what stops a booth from
    getting a second occupant, or an application a second booth, even when two
    organisers click at the same moment.
    """

    booth = models.OneToOneField(
        Booth, verbose_name=_("booth"), on_delete=models.PROTECT, related_name="assignment"
    )
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="assignment",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    override_reason = models.TextField(
        _("reason for going past the outside share"),
        blank=True,
        help_text=_(
            "Given by the organiser when this participant from outside the host regions "
            "took a booth beyond the share the edition leaves them."
        ),
    )

    class Meta:
        ordering = ["booth"]
        verbose_name = _("booth assignment")
        verbose_name_plural = _("booth assignments")

    def __str__(self):
        return f"{self.booth} · {self.application.exhibitor}"


class VenueImage(models.Model):
    """An image of the venue (a hall's plan or an aerial photo) drawn under the booths.

    The image's top-left corner is the plan's origin and it spans ``width_m`` metres
    across; its height on the plan follows from its proportions. Only the re-encoded
    file of ``exhibitors.images`` is stored, never the upload itself.
    """

    edition = models.OneToOneField(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="venue_image",
    )
    image = models.ImageField(_("image"), upload_to="venues/%Y/")
    width_px = models.PositiveIntegerField(_("width (px)"))
    height_px = models.PositiveIntegerField(_("height (px)"))
    width_m = models.DecimalField(
        _("width on the plan (m)"),
        max_digits=6,
        decimal_places=1,
        help_text=_("How many metres the image spans from its left edge to its right edge."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("venue image")
        verbose_name_plural = _("venue images")
        constraints = [
            models.CheckConstraint(condition=Q(width_m__gt=0), name="venueimage_has_width"),
            models.CheckConstraint(
                condition=Q(width_px__gt=0) & Q(height_px__gt=0), name="venueimage_has_pixels"
            ),
        ]

    def __str__(self):
        return str(self.edition)

    @property
    def height_m(self):
        return (self.width_m * self.height_px / self.width_px).quantize(Decimal("0.1"))
