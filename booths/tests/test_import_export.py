import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booths.models import Assignment, Booth
from booths.tests.factories import BoothFactory
from core.tests.helpers import text_of
from exhibitors.models import BoothKind
from exhibitors.tests.factories import ApplicationFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:booths_booth_import")
HEADINGS = ["kode", "zona", "jenis", "harga", "x", "y", "lebar", "kedalaman"]


def csv_file(rows):
    text = io.StringIO()
    csv.writer(text).writerows([HEADINGS, *rows])
    return SimpleUploadedFile("stan.csv", text.getvalue().encode(), "text/csv")


def preview(client, edition, rows):
    return client.post(
        IMPORT_URL, {"import_file": csv_file(rows), "format": "0", "edition": edition.pk}
    )


def test_booths_of_an_edition_import_from_csv(client, organiser):
    edition = EditionFactory()
    BoothFactory(edition=edition, code="K-01", price=0)
    other = BoothFactory(code="K-02")

    response = preview(
        client,
        edition,
        [
            ["K-01", "K", "Kuliner (dengan air)", "150000", "0", "0", "3", "3"],
            ["K-02", "K", "corner", "0", "3", "0", "2,5", "3"],
        ],
    )
    client.post(
        reverse("admin:booths_booth_process_import"), response.context["confirm_form"].initial
    )

    booths = Booth.objects.filter(edition=edition).order_by("code")
    assert [(b.code, b.kind, b.price, b.x, b.width) for b in booths] == [
        ("K-01", BoothKind.FOOD, 150000, Decimal("0.0"), Decimal("3.0")),
        ("K-02", BoothKind.CORNER, 0, Decimal("3.0"), Decimal("2.5")),
    ]
    other.refresh_from_db()
    assert other.kind == BoothKind.STANDARD


def test_a_bad_booth_row_writes_nothing_and_says_why(client, organiser):
    edition = EditionFactory()

    response = preview(
        client,
        edition,
        [
            ["K-01", "K", "standard", "0", "0", "0", "3", "3"],
            ["K-02", "K", "panggung", "0", "3", "0", "3", "3"],
        ],
    )

    text = text_of(response)
    assert "Tidak ada yang diimpor: ada baris yang salah" in text
    assert (
        "Baris 3, kolom jenis: “panggung” tidak termasuk pilihan: Standar, Sudut, "
        "Kuliner (dengan air), Instansi."
    ) in text
    assert Booth.objects.count() == 0


def test_booths_export_with_their_occupants(client, organiser):
    edition = EditionFactory(name="Kasmex 2031")
    taken = BoothFactory(edition=edition, code="B-07", price=250000, x=0)
    BoothFactory(edition=edition, code="B-08", x=3)
    Assignment.objects.create(
        booth=taken,
        application=ApplicationFactory(
            edition=edition, exhibitor__name="Batik Sekar Jagad", accepted=True
        ),
    )
    BoothFactory(code="Z-01")
    columns = ["edition", "code", "kind", "price", "x", "width", "occupant"]

    response = client.post(
        reverse("admin:booths_booth_export") + f"?edition__id__exact={edition.pk}",
        {"format": "0", "resource": "0", **{f"boothresource_{name}": "on" for name in columns}},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["edisi", "kode", "jenis", "harga", "x", "lebar", "peserta"],
        ["Kasmex 2031", "B-07", "Standar", "250000", "0,0", "3,0", "Batik Sekar Jagad"],
        ["Kasmex 2031", "B-08", "Standar", "0", "3,0", "3,0", "kosong"],
    ]


@pytest.mark.parametrize(
    ("written", "price"),
    [("Rp 1.500.000", 1500000), ("1.500.000", 1500000), ("Rp1500000", 1500000), ("0", 0)],
)
def test_a_price_is_read_as_people_write_rupiah(client, organiser, written, price):
    edition = EditionFactory()

    response = preview(client, edition, [["K-01", "K", "Standar", written, "0", "0", "3", "3"]])
    client.post(
        reverse("admin:booths_booth_process_import"), response.context["confirm_form"].initial
    )

    assert Booth.objects.get(edition=edition).price == price


def test_an_exported_booth_list_imports_back_unchanged(client, organiser):
    edition = EditionFactory()
    BoothFactory(edition=edition, code="K-01", kind=BoothKind.FOOD, price=150000, x=0)
    BoothFactory(edition=edition, code="K-02", kind=BoothKind.CORNER, x=3, width=Decimal("2.5"))
    columns = ["code", "zone", "kind", "price", "x", "y", "width", "depth"]
    exported = client.post(
        reverse("admin:booths_booth_export") + f"?edition__id__exact={edition.pk}",
        {"format": "0", "resource": "0", **{f"boothresource_{name}": "on" for name in columns}},
    )
    content = exported.content.decode("utf-8-sig")
    assert "Kuliner (dengan air)" in content

    response = client.post(
        IMPORT_URL,
        {
            "import_file": SimpleUploadedFile("stan.csv", content.encode(), "text/csv"),
            "format": "0",
            "edition": edition.pk,
        },
    )

    assert "Semua baris benar: 0 baru, 0 diperbarui, 2 tidak berubah." in text_of(response)
