"""The guest list in and out of the admin as CSV or Excel, with the Indonesian column
names organisers use in their own spreadsheets. An import adds the guests of its rows
to the edition chosen on the import page."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from import_export import fields, widgets

from exhibitors.resources import ChoiceWidget, PhoneWidget, RegionWidget, SpreadsheetResource
from guests.models import Guest


class OptionalRegionWidget(RegionWidget):
    """A region only where the row names one: most guests are of the host region."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        return super().clean(value, row, **kwargs)


class DaysWidget(widgets.Widget):
    """The days invited as ``2030-11-12, 2030-11-13`` (or one Excel date); empty: every
    day of the edition."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return [value.date()]
        if isinstance(value, datetime.date):
            return [value]
        days = []
        for part in str(value or "").replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                days.append(datetime.date.fromisoformat(part.strip()))
            except ValueError:
                raise ValueError(
                    _("“%(value)s” is not a day; write it as 2030-11-12.") % {"value": part}
                ) from None
        return days


class GuestResource(SpreadsheetResource):
    edition = fields.Field(attribute="edition__name", column_name="edisi", readonly=True)
    name = fields.Field(attribute="name", column_name="nama", widget=widgets.CharWidget())
    position = fields.Field(
        attribute="position", column_name="jabatan", widget=widgets.CharWidget()
    )
    institution = fields.Field(
        attribute="institution", column_name="instansi", widget=widgets.CharWidget()
    )
    institution_kind = fields.Field(
        attribute="institution_kind",
        column_name="jenis_instansi",
        widget=ChoiceWidget(Guest.InstitutionKind.choices, default=Guest.InstitutionKind.OTHER),
    )
    region = fields.Field(
        attribute="region", column_name="kabupaten_kota", widget=OptionalRegionWidget()
    )
    whatsapp = fields.Field(attribute="whatsapp", column_name="whatsapp", widget=PhoneWidget())
    email = fields.Field(attribute="email", column_name="email", widget=widgets.CharWidget())
    days = fields.Field(attribute="days", column_name="hari", widget=DaysWidget())
    companions = fields.Field(
        attribute="companions", column_name="pendamping", widget=widgets.IntegerWidget()
    )
    notes = fields.Field(attribute="notes", column_name="catatan", widget=widgets.CharWidget())
    rsvp = fields.Field(column_name="jawaban", readonly=True)
    representative_name = fields.Field(
        attribute="representative_name", column_name="wakil", readonly=True
    )
    revoked = fields.Field(column_name="dicabut", readonly=True)

    class Meta:
        model = Guest
        fields = [
            "edition",
            "name",
            "position",
            "institution",
            "institution_kind",
            "region",
            "whatsapp",
            "email",
            "days",
            "companions",
            "notes",
            "rsvp",
            "representative_name",
            "revoked",
        ]
        clean_model_instances = True

    required_columns = ("nama", "instansi")

    def __init__(self, *, edition=None, **kwargs):
        super().__init__(**kwargs)
        self.edition = edition

    def row_key(self, row):
        name = " ".join(str(row.get("nama") or "").split())
        institution = " ".join(str(row.get("instansi") or "").split())
        return ("nama", name, (name.casefold(), institution.casefold())) if name else None

    def get_instance(self, instance_loader, row):
        return None  # every row is a new guest of the edition

    def import_instance(self, instance, row, **kwargs):
        instance.edition = self.edition
        super().import_instance(instance, row, **kwargs)

    def dehydrate_region(self, guest):
        return guest.region.name if guest.region_id else ""

    def dehydrate_institution_kind(self, guest):
        return guest.get_institution_kind_display()

    def dehydrate_days(self, guest):
        return ", ".join(day.isoformat() for day in guest.invited_days)

    def dehydrate_rsvp(self, guest):
        return guest.get_rsvp_display()

    def dehydrate_revoked(self, guest):
        return date_format(guest.revoked_at, "j F Y") if guest.revoked_at else ""
