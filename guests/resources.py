"""The guest list out of the admin as CSV or Excel, with the Indonesian column names
organisers use in their own spreadsheets."""

from django.utils.formats import date_format
from import_export import fields, resources

from guests.models import Guest


class GuestResource(resources.ModelResource):
    edition = fields.Field(attribute="edition__name", column_name="edisi")
    name = fields.Field(attribute="name", column_name="nama")
    position = fields.Field(attribute="position", column_name="jabatan")
    institution = fields.Field(attribute="institution", column_name="instansi")
    institution_kind = fields.Field(column_name="jenis_instansi")
    region = fields.Field(attribute="region__name", column_name="kabupaten_kota")
    whatsapp = fields.Field(attribute="whatsapp", column_name="whatsapp")
    email = fields.Field(attribute="email", column_name="email")
    days = fields.Field(column_name="hari")
    companions = fields.Field(attribute="companions", column_name="pendamping")
    rsvp = fields.Field(column_name="jawaban")
    representative_name = fields.Field(attribute="representative_name", column_name="wakil")
    revoked = fields.Field(column_name="dicabut")
    notes = fields.Field(attribute="notes", column_name="catatan")

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
            "rsvp",
            "representative_name",
            "revoked",
            "notes",
        ]

    def dehydrate_institution_kind(self, guest):
        return guest.get_institution_kind_display()

    def dehydrate_days(self, guest):
        return ", ".join(date_format(day) for day in guest.invited_days)

    def dehydrate_rsvp(self, guest):
        return guest.get_rsvp_display()

    def dehydrate_revoked(self, guest):
        return date_format(guest.revoked_at, "j F Y") if guest.revoked_at else ""
