"""Booths in and out of the admin as CSV or Excel; the columns as on the floor plan."""

from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from import_export import fields, widgets

from booths.models import Booth
from exhibitors.forms import RupiahField
from exhibitors.models import BoothKind
from exhibitors.resources import ChoiceWidget, SpreadsheetResource


class MetresWidget(widgets.DecimalWidget):
    """Metres written either way: ``3.5`` or, as Indonesians write it, ``3,5``."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        if value in (None, ""):
            raise ValueError(_("Give a number of metres, e.g. 3 or 2,5."))
        try:
            metres = super().clean(value, row, **kwargs)
            if not metres.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            raise ValueError(
                _("“%(value)s” is not a number of metres, e.g. 3 or 2,5.") % {"value": value}
            ) from None
        return metres


class RupiahWidget(widgets.IntegerWidget):
    """A price as people write it (``1500000``, ``1.500.000``, ``Rp 1.500.000``), read
    as the owners' product form reads it; Excel's numbers as they are."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and value >= 0:
            return value
        try:
            price = RupiahField(required=False).clean(str(value if value is not None else ""))
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
        if price is None:
            raise ValueError(_("Give the price in rupiah; 0 means free."))
        return price


class BoothResource(SpreadsheetResource):
    """The booths of one edition, chosen on the import page: a row with a booth code the
    edition already has updates that booth, any other row adds one."""

    code = fields.Field(attribute="code", column_name="kode", widget=widgets.CharWidget())
    zone = fields.Field(attribute="zone", column_name="zona", widget=widgets.CharWidget())
    kind = fields.Field(
        attribute="kind",
        column_name="jenis",
        widget=ChoiceWidget(BoothKind.choices, default=BoothKind.STANDARD),
    )
    price = fields.Field(attribute="price", column_name="harga", widget=RupiahWidget())
    x = fields.Field(attribute="x", column_name="x", widget=MetresWidget())
    y = fields.Field(attribute="y", column_name="y", widget=MetresWidget())
    width = fields.Field(attribute="width", column_name="lebar", widget=MetresWidget())
    depth = fields.Field(attribute="depth", column_name="kedalaman", widget=MetresWidget())
    # Its name, as the participant list has it; the import takes the edition from its page.
    edition = fields.Field(attribute="edition__name", column_name="edisi", readonly=True)
    occupant = fields.Field(column_name="peserta", readonly=True)

    class Meta:
        model = Booth
        fields = [
            "code",
            "zone",
            "kind",
            "price",
            "x",
            "y",
            "width",
            "depth",
            "edition",
            "occupant",
        ]
        export_order = ["edition", "code", "zone", "kind", "price", "x", "y", "width", "depth"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    required_columns = ("kode",)

    def __init__(self, *, edition=None, **kwargs):
        super().__init__(**kwargs)
        self.edition = edition

    def row_key(self, row):
        code = _code(row)
        return ("kode", code, code) if code else None

    def get_instance(self, instance_loader, row):
        code = _code(row)
        return Booth.objects.filter(edition=self.edition, code=code).first() if code else None

    def import_instance(self, instance, row, **kwargs):
        instance.edition = self.edition
        super().import_instance(instance, row, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        try:
            with transaction.atomic():
                super().save_instance(instance, is_create, row, **kwargs)
        except IntegrityError:
            # A booth placed or coded by someone else since the row was checked: the same
            # refusal as the check's, naming what is in the way.
            instance.validate_constraints()
            raise

    def dehydrate_occupant(self, booth):
        assignment = getattr(booth, "assignment", None)
        return assignment.application.exhibitor.name if assignment else _("free")


def _code(row):
    return str(row.get("kode") or "").strip()
