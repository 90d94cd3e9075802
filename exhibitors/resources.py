"""Participant lists in and out of the admin as CSV or Excel (django-import-export).

The columns carry the Indonesian names organisers already use in their spreadsheets, so a
file keeps its meaning whatever language the admin is shown in. Headings are read without
regard to case or spaces: ``Kabupaten Kota`` is ``kabupaten_kota``.
"""

import logging
import re

import lokal
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from import_export.results import RowResult

from exhibitors import selectors
from exhibitors.models import Application, Category, Exhibitor
from expo.models import Region

logger = logging.getLogger(__name__)


class FileError(Exception):
    """What is wrong with a whole file (not one of its rows), in the organiser's words."""


class ChoiceWidget(widgets.Widget):
    """A choice by its stored value or its label in either language: ``kuliner``,
    ``Kuliner`` or ``Culinary (kuliner)``."""

    def __init__(self, choices, *, default="", **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.default = default

    @cached_property
    def lookup(self):
        lookup = {}
        for language in ("en", "id"):
            with translation.override(language):
                lookup |= {_folded(label): value for value, label in self.choices}
        return lookup | {_folded(value): value for value, _label in self.choices}

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.default
        try:
            return self.lookup[_folded(value)]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(str(label) for label in self.labels)}
            ) from None

    @property
    def labels(self):
        return [label for _value, label in self.choices]

    def render(self, value, obj=None, **kwargs):
        # What a person reads, which the import takes back as well as the stored value.
        return str(dict(self.choices).get(value, value or ""))


class RegionWidget(widgets.Widget):
    """A kabupaten or kota by its Kemendagri code (``33.22``) or its full name
    (``Kabupaten Semarang``, ``Kab. Semarang``); a bare ``Semarang`` is both a regency and a
    city, so it is refused rather than guessed."""

    @cached_property
    def regions(self):
        regions = list(Region.objects.all())
        return {region.code: region for region in regions} | {
            _folded(region.name): region for region in regions
        }

    def find(self, value):
        text = _folded(str(value or ""))
        text = re.sub(r"^kab\.?\s+", "kabupaten ", text)
        return self.regions.get(text)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError(_("Give the regency or city, by Kemendagri code or full name."))
        region = self.find(value)
        if region is None:
            raise ValueError(
                _("Unknown regency or city “%(value)s”; use its Kemendagri code, e.g. 33.22.")
                % {"value": value}
            )
        return region

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class PhoneWidget(widgets.Widget):
    """An Indonesian phone number in any common writing, stored as E.164 (``+62…``)."""

    def clean(self, value, row=None, **kwargs):
        text = _digits_text(value)
        if not text:
            return ""
        phone = lokal.normalize_phone(text)
        if phone is None:
            raise ValueError(
                _("“%(value)s” is not an Indonesian phone number, e.g. 0812-3456-7890.")
                % {"value": value}
            )
        return phone


class NumberTextWidget(widgets.Widget):
    """A number kept as text (NIB, P-IRT), also when Excel stored it as a number."""

    def clean(self, value, row=None, **kwargs):
        return re.sub(r"\s", "", _digits_text(value))


def _digits_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _row_name(row):
    return " ".join(str(row.get("nama") or "").split())


def _folded(text):
    return " ".join(str(text).split()).casefold()


class SpreadsheetResource(resources.ModelResource):
    """Rows checked like a form: every field and the model's own rules, each error under
    the column it came from, named as the file's heading names it.

    ``required_columns``: the headings a file cannot do without. ``row_key(row)``: what
    names a row's record, as ``(column, value as shown, value as compared)``; the same
    record twice in one file is refused, since the second row would overwrite the first.
    """

    required_columns = ()

    def before_import(self, dataset, **kwargs):
        written = [" ".join(str(heading or "").split()) for heading in dataset.headers or []]
        dataset.headers = ["_".join(heading.split()).lower() for heading in written]
        self.headings = dict(zip(dataset.headers, written, strict=True))
        self.lines_by_key = {}
        missing = [column for column in self.required_columns if column not in self.headings]
        if missing:
            raise FileError(
                ngettext(
                    "The file has no column %(columns)s. The first line must hold the "
                    "headings, among them: %(required)s.",
                    "The file has no columns %(columns)s. The first line must hold the "
                    "headings, among them: %(required)s.",
                    len(missing),
                )
                % {"columns": ", ".join(missing), "required": ", ".join(self.required_columns)}
            )

    def heading(self, column):
        """A column as the file's heading writes it (``Kabupaten Kota``)."""
        return self.headings.get(column) or column

    def row_key(self, row):
        return None

    def before_import_row(self, row, row_number=None, **kwargs):
        key = self.row_key(row)
        if key is None:
            return
        column, value, identity = key
        first = self.lines_by_key.setdefault((column, identity), row_number)
        if first != row_number:
            raise ValidationError(
                {
                    self.heading(column): _("“%(value)s” is already on line %(line)d.")
                    % {"value": value, "line": first + 1}
                }
            )

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        if result.errors:
            # Not a rule of ours that the row broke: the organiser learns which row, the
            # log keeps the exception.
            logger.warning("Import row %s failed: %r", kwargs.get("row_number"), result.errors)
            result.errors = []
            result.import_type = RowResult.IMPORT_TYPE_INVALID
            result.validation_error = ValidationError(
                _("This row could not be imported. Check its values, or ask for help.")
            )
        return result

    def handle_import_error(self, result, error, raise_errors=False):
        if not isinstance(error, FileError):
            logger.warning("Import failed: %r", error)
            error = FileError(_("The file could not be imported. Check it, or ask for help."))
        super().handle_import_error(result, error, raise_errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            columns = {field.attribute: field.column_name for field in self.get_import_fields()}
            raise ValidationError(
                {
                    name if name == NON_FIELD_ERRORS else self.heading(columns.get(name, name)): (
                        messages
                    )
                    for name, messages in error.message_dict.items()
                }
            ) from None


class ExhibitorResource(SpreadsheetResource):
    """An existing participant list: one exhibitor per row.

    A row with an NIB updates the exhibitor with that NIB; without one (institutions), the
    exhibitor of the same name in the same regency or city. Other rows are new exhibitors.
    """

    name = fields.Field(attribute="name", column_name="nama", widget=widgets.CharWidget())
    kind = fields.Field(
        attribute="kind",
        column_name="jenis",
        # A list of UMKM only may leave the kind out.
        widget=ChoiceWidget(Exhibitor.Kind.choices, default=Exhibitor.Kind.UMKM),
    )
    category = fields.Field(
        attribute="category", column_name="kategori", widget=ChoiceWidget(Category.choices)
    )
    scale = fields.Field(
        attribute="scale", column_name="skala", widget=ChoiceWidget(Exhibitor.Scale.choices)
    )
    region = fields.Field(attribute="region", column_name="kabupaten_kota", widget=RegionWidget())
    address = fields.Field(attribute="address", column_name="alamat", widget=widgets.CharWidget())
    whatsapp = fields.Field(attribute="whatsapp", column_name="whatsapp", widget=PhoneWidget())
    email = fields.Field(attribute="email", column_name="email", widget=widgets.CharWidget())
    nib = fields.Field(attribute="nib", column_name="nib", widget=NumberTextWidget())
    pirt = fields.Field(attribute="pirt", column_name="pirt", widget=NumberTextWidget())
    halal_number = fields.Field(
        attribute="halal_number", column_name="sertifikat_halal", widget=widgets.CharWidget()
    )
    bpom_number = fields.Field(
        attribute="bpom_number", column_name="bpom", widget=widgets.CharWidget()
    )
    description = fields.Field(
        attribute="description", column_name="deskripsi", widget=widgets.CharWidget()
    )

    class Meta:
        model = Exhibitor
        fields = [
            "name",
            "kind",
            "category",
            "scale",
            "region",
            "address",
            "whatsapp",
            "email",
            "nib",
            "pirt",
            "halal_number",
            "bpom_number",
            "description",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    required_columns = ("nama", "kategori", "kabupaten_kota")

    def __init__(self, *, exhibitors=None, organisation=None, **kwargs):
        """``exhibitors``: the profiles a row may update (the importing staff's); a row
        matching none adds a profile, registered by ``organisation``."""
        super().__init__(**kwargs)
        self.exhibitors = Exhibitor.objects.all() if exhibitors is None else exhibitors
        self.organisation = organisation

    def row_key(self, row):
        nib = NumberTextWidget().clean(row.get("nib"))
        if nib:
            return ("nib", nib, nib)
        name = _row_name(row)
        region = self.fields["region"].widget.find(row.get("kabupaten_kota"))
        if not (name and region):
            return None
        return ("nama", f"{name}, {region.name}", (_folded(name), region.pk))

    def get_instance(self, instance_loader, row):
        nib = NumberTextWidget().clean(row.get("nib"))
        if nib:
            return self.exhibitors.filter(nib=nib).order_by("pk").first()
        name = _row_name(row)
        region = self.fields["region"].widget.find(row.get("kabupaten_kota"))
        if not (name and region):
            return None
        return self.exhibitors.filter(name__iexact=name, region=region).order_by("pk").first()

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # Also when a column is wrong, so that the row's check names only that column.
            if not instance.slug and instance.name:
                instance.slug = selectors.free_slug(name=instance.name)
            if instance.pk is None and self.organisation is not None:
                instance.registered_by_id = self.organisation


class ParticipantResource(resources.ModelResource):
    """An edition's applications with what an organiser reports on: exhibitor, decision,
    booth, origin (inside or outside the host regions), contacts and legality numbers.

    Expects the admin's queryset, annotated with ``is_from_host_region`` and
    ``booth_code``.
    """

    edition = fields.Field(attribute="edition__name", column_name="edisi")
    name = fields.Field(attribute="exhibitor__name", column_name="nama")
    kind = fields.Field(column_name="jenis")
    category = fields.Field(column_name="kategori")
    scale = fields.Field(column_name="skala")
    status = fields.Field(column_name="status")
    mode = fields.Field(column_name="keikutsertaan")
    booth = fields.Field(column_name="stan")
    region_code = fields.Field(attribute="exhibitor__region__code", column_name="kode_wilayah")
    region = fields.Field(attribute="exhibitor__region__name", column_name="kabupaten_kota")
    origin = fields.Field(column_name="asal")
    whatsapp = fields.Field(attribute="exhibitor__whatsapp", column_name="whatsapp")
    email = fields.Field(attribute="exhibitor__email", column_name="email")
    address = fields.Field(attribute="exhibitor__address", column_name="alamat")
    nib = fields.Field(attribute="exhibitor__nib", column_name="nib")
    pirt = fields.Field(attribute="exhibitor__pirt", column_name="pirt")
    halal_number = fields.Field(attribute="exhibitor__halal_number", column_name="sertifikat_halal")
    bpom_number = fields.Field(attribute="exhibitor__bpom_number", column_name="bpom")

    class Meta:
        model = Application
        fields = [
            "edition",
            "name",
            "kind",
            "category",
            "scale",
            "status",
            "mode",
            "booth",
            "region_code",
            "region",
            "origin",
            "whatsapp",
            "email",
            "address",
            "nib",
            "pirt",
            "halal_number",
            "bpom_number",
        ]

    def dehydrate_kind(self, application):
        return application.exhibitor.get_kind_display()

    def dehydrate_category(self, application):
        return application.exhibitor.get_category_display()

    def dehydrate_scale(self, application):
        return application.exhibitor.get_scale_display()

    def dehydrate_status(self, application):
        return application.get_status_display()

    def dehydrate_mode(self, application):
        return application.get_mode_display()

    def dehydrate_booth(self, application):
        return application.booth_code or ""

    def dehydrate_origin(self, application):
        if application.is_from_host_region:
            return _("inside the host regions")
        return _("outside the host regions")
