"""The guest list imported from a spreadsheet, with a preview, into one of the office's
editions; a file with one bad row writes nothing."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from console.roles import ORGANISER
from core.tests.helpers import text_of
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from guests.models import Guest

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:guests_guest_import")
HEADINGS = [
    "Nama",
    "Jabatan",
    "Instansi",
    "Jenis Instansi",
    "Kabupaten Kota",
    "WhatsApp",
    "Email",
    "Hari",
    "Pendamping",
]


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def organiser(client, office):
    user = UserFactory(username="penyelenggara", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    return user


def csv_file(rows):
    text = io.StringIO()
    csv.writer(text).writerows([HEADINGS, *rows])
    return SimpleUploadedFile("tamu.csv", text.getvalue().encode(), "text/csv")


def preview(client, edition, rows):
    return client.post(
        IMPORT_URL, {"import_file": csv_file(rows), "format": "0", "edition": edition.pk}
    )


def test_guests_import_into_the_chosen_edition_after_a_preview(client, organiser, office):
    edition = EditionFactory(organisation=office)
    first_day = edition.starts_on.isoformat()

    response = preview(
        client,
        edition,
        [
            [
                "Ibu Sri Wahyuni",
                "Kepala",
                "Bappeda",
                "OPD",
                "",
                "0812-3456-7890",
                "",
                first_day,
                "1",
            ],
            [
                "Bapak Darto",
                "Kepala Dinas",
                "Dinas Koperasi Sukoharjo",
                "Kabupaten/kota lain",
                "33.11",
                "",
                "darto@sukoharjokab.go.id",
                "",
                "0",
            ],
        ],
    )
    assert "Ibu Sri Wahyuni" in text_of(response)
    assert Guest.objects.count() == 0
    client.post(
        reverse("admin:guests_guest_process_import"), response.context["confirm_form"].initial
    )

    guests = Guest.objects.filter(edition=edition).order_by("name")
    assert [
        (g.name, g.institution_kind, g.region_id, g.whatsapp, g.email, g.days, g.companions)
        for g in guests
    ] == [
        ("Bapak Darto", "daerah_lain", "33.11", "", "darto@sukoharjokab.go.id", [], 0),
        ("Ibu Sri Wahyuni", "opd", None, "+6281234567890", "", [edition.starts_on], 1),
    ]


def test_a_bad_guest_row_writes_nothing_and_says_why_in_indonesian(client, organiser, office):
    edition = EditionFactory(organisation=office)

    response = preview(
        client,
        edition,
        [
            ["Ibu Sri Wahyuni", "", "Bappeda", "OPD", "", "0812-3456-7890", "", "", "0"],
            ["Bapak Joko", "", "Kecamatan Bawen", "OPD", "", "", "", "2001-01-01", "0"],
            [
                "Ibu Ani",
                "",
                "Bank Jateng",
                "BUMN/bank",
                "",
                "",
                "ani@bankjateng.co.id",
                "besok",
                "0",
            ],
        ],
    )

    page = text_of(response)
    assert "Isi nomor WhatsApp atau alamat e-mail tamu, atau keduanya." in page
    assert "Tamu diundang pada hari-hari edisi" in page
    assert "“besok” bukan tanggal; tulis seperti 2030-11-12." in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Guest.objects.count() == 0


def test_guests_cannot_be_imported_into_another_offices_edition(client, organiser):
    other = EditionFactory(organisation=Organisation.objects.create(name="Dinas Lain"))

    response = preview(
        client, other, [["Ibu Sri", "", "Bappeda", "OPD", "", "0812-3456-7890", "", "", "0"]]
    )

    assert response.context["form"].errors["edition"]
    assert Guest.objects.count() == 0
