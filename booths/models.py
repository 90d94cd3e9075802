from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DecimalRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exhibitors.models import Application, BoothKind
from expo.models import Edition

# The fields that place a booth on its edition's plan.
PLAN_FIELDS = frozenset({"edition", "x", "y", "width", "depth"})
# How many of the booths in the way an error names; a big rectangle may cover a hall.
NAMED_IN_THE_WAY = 10


def plan_span(start, length):
    """A booth's extent along one axis of the plan: ``[start, start + length)``.

    Half-open, so two booths side by side, one ending where the other starts, do not
    overlap: booths may share an edge, not floor.
    """
    return Func(
        F(start),
        F(start) + F(length),
        Value("[)"),
        function="numrange",
        output_field=DecimalRangeField(),
    )


class BoothQuerySet(models.QuerySet):
    def free(self):
        return self.filter(assignment__isnull=True)

    def overlapping(self, rectangles):
        """The booths that share floor with any of ``rectangles`` (booths, saved or not),
        as the exclusion constraint compares them."""
        if not rectangles:
            return self.none()
        condition = Q()
        for rectangle in rectangles:
            condition |= Q(
                plan_x__overlap=NumericRange(rectangle.x, rectangle.x + rectangle.width, "[)"),
                plan_y__overlap=NumericRange(rectangle.y, rectangle.y + rectangle.depth, "[)"),
            )
        return self.alias(plan_x=plan_span("x", "width"), plan_y=plan_span("y", "depth")).filter(
            condition
        )


def overlap_error(message, *, in_the_way):
    """``message`` naming the booths of ``in_the_way`` (``%(codes)s``), or None if there
    are none."""
    codes = list(in_the_way.order_by("code").values_list("code", flat=True))
    if not codes:
        return None
    named = ", ".join(codes[:NAMED_IN_THE_WAY])
    more = len(codes) - NAMED_IN_THE_WAY
    if more > 0:
        template = ngettext("%(codes)s and %(count)d more", "%(codes)s and %(count)d more", more)
        named = template % {"codes": named, "count": more}
    return ValidationError(message, code="booth_overlap", params={"codes": named})


class NoOverlapConstraint(ExclusionConstraint):
    """The exclusion constraint that keeps an edition's booths apart on the plan; checking
    a booth (in a form, an import) names the booths in its way, which the plain
    constraint's check cannot."""

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if exclude and not PLAN_FIELDS.isdisjoint(exclude):
            return
        in_the_way = model._default_manager.using(using).filter(edition_id=instance.edition_id)
        if not instance._state.adding and instance.pk is not None:
            in_the_way = in_the_way.exclude(pk=instance.pk)
        error = overlap_error(
            self.violation_error_message, in_the_way=in_the_way.overlapping([instance])
        )
        if error is not None:
            raise error


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
                fields=["edition", "code"],
                name="booth_code_unique_in_edition",
                violation_error_message=_("This edition already has a booth with this code."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=Q(width__gt=0) & Q(depth__gt=0),
                name="booth_has_size",
                violation_error_message=_("A booth's width and depth are more than 0 m."),
            ),
            models.CheckConstraint(
                condition=Q(x__gte=0) & Q(y__gte=0),
                name="booth_on_plan",
                violation_error_message=_("A booth's x and y on the plan cannot be negative."),
            ),
            NoOverlapConstraint(
                name="booth_no_overlap",
                expressions=[
                    ("edition", RangeOperators.EQUAL),
                    (plan_span("x", "width"), RangeOperators.OVERLAPS),
                    (plan_span("y", "depth"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("This booth would cover booth(s) %(codes)s."),
                violation_error_code="booth_overlap",
            ),
        ]

    def __str__(self):
        return self.code

    def validate_constraints(self, exclude=None):
        # A booth never leaves its edition, so a form may leave the field out (the admin
        # shows it read-only); the rules that involve it must still be checked.
        if exclude and self.edition_id is not None:
            exclude = set(exclude) - {"edition"}
        super().validate_constraints(exclude=exclude)

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
        Booth,
        verbose_name=_("booth"),
        on_delete=models.PROTECT,
        related_name="assignment",
        error_messages={"unique": _("This booth is already taken.")},
    )
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="assignment",
        error_messages={"unique": _("This participant already has a booth.")},
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
        error_messages={"unique": _("This edition already has a venue image.")},
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
            models.CheckConstraint(
                condition=Q(width_m__gt=0),
                name="venueimage_has_width",
                violation_error_message=_("The image's width on the plan is more than 0 m."),
            ),
            models.CheckConstraint(
                condition=Q(width_px__gt=0) & Q(height_px__gt=0),
                name="venueimage_has_pixels",
                violation_error_message=_("The image has no pixels; upload it again."),
            ),
        ]

    def __str__(self):
        return str(self.edition)

    @property
    def height_m(self):
        return (self.width_m * self.height_px / self.width_px).quantize(Decimal("0.1"))
