"""Bad spreadsheets as organisers upload them, through the admin's import pages: each is
refused with the spreadsheet's line, the column as its heading is written and a plain
Indonesian reason, never an exception's name or English, and nothing is written."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booths.models import Booth
from booths.tests.factories import BoothFactory
from core.tests.helpers import png, text_of
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import ExhibitorFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

BOOTHS_URL = reverse("admin:booths_booth_import")
EXHIBITORS_URL = reverse("admin:exhibitors_exhibitor_import")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
BOOTH_HEADINGS = ["Kode", "Zona", "Jenis", "Harga", "X", "Y", "Lebar", "Kedalaman"]
GOOD_BOOTH = ["A-01", "A", "Standar", "250000", "0", "0", "3", "3"]
EXHIBITOR_HEADINGS = ["Nama", "Jenis", "Kategori", "Skala", "Kabupaten Kota", "WhatsApp", "NIB"]
GOOD_EXHIBITOR = [
    "Keripik Tempe Bu Sri",
    "UMKM",
    "Kuliner",
    "mikro",
    "33.22",
    "0812-3456-7890",
    "3322000000001",
]
BOOTH_KINDS = "Standar, Sudut, Kuliner (dengan air), Instansi"
CATEGORIES = (
    "Kuliner, Fesyen, Batik dan wastra, Kriya, Aksesori, Mebel, Kecantikan dan herbal, "
    "Hasil pertanian dan perikanan, Jasa, Lainnya"
)
PRICE = "Masukkan harga dalam rupiah bulat, misalnya 25.000."
# What an organiser must never be shown.
INTERNALS = ["Traceback", "Error", "Exception", "Line number", "None", "line 1,", "standard"]


def csv_upload(rows, headings, *, encoding="utf-8", name="daftar.csv"):
    text = io.StringIO()
    csv.writer(text).writerows([headings, *rows])
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), "text/csv")


def xlsx_upload(rows, headings):
    workbook = openpyxl.Workbook()
    for row in [headings, *rows]:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return SimpleUploadedFile("daftar.xlsx", content.getvalue())


def upload(rows, headings, file_format):
    if file_format == XLSX_FORMAT:
        return xlsx_upload(rows, headings)
    return csv_upload(rows, headings)


def import_booths(client, edition, import_file, file_format=CSV_FORMAT):
    return client.post(
        BOOTHS_URL, {"import_file": import_file, "format": file_format, "edition": edition.pk}
    )


def import_exhibitors(client, import_file, file_format=CSV_FORMAT):
    return client.post(EXHIBITORS_URL, {"import_file": import_file, "format": file_format})


def refusal(response):
    """The page's text, once checked to offer no confirmation and show no internals."""
    assert "confirm_form" not in response.context
    text = text_of(response)
    assert [word for word in INTERNALS if word in text] == []
    return text


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def booth(edition):
    return BoothFactory(edition=edition, code="B-01", x=20, y=0, width=3, depth=3, price=100)


def booth_rows_unchanged(booth):
    booth.refresh_from_db()
    return Booth.objects.count() == 1 and (booth.code, booth.price) == ("B-01", 100)


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
@pytest.mark.parametrize(
    ("column", "value", "line"),
    [
        ("Harga", "murah", f"Baris 3, kolom Harga: {PRICE}"),
        ("Harga", "-5000", f"Baris 3, kolom Harga: {PRICE}"),
        ("Harga", "", "Baris 3, kolom Harga: Isi harga dalam rupiah; 0 berarti gratis."),
        (
            "Lebar",
            "tiga",
            "Baris 3, kolom Lebar: “tiga” bukan ukuran dalam meter, contohnya 3 atau 2,5.",
        ),
        (
            "Jenis",
            "panggung",
            f"Baris 3, kolom Jenis: “panggung” tidak termasuk pilihan: {BOOTH_KINDS}.",
        ),
        (
            "Kode",
            "A-01",
            "Baris 3, kolom Kode: “A-01” sudah ada di baris 2.",
        ),
        (
            "Kode",
            "K" * 5000,
            "Baris 3, kolom Kode: Pastikan nilai ini mengandung paling banyak 12 karakter "
            "(sekarang 5000 karakter).",
        ),
        ("X", "19", "Baris 3: Stan ini akan menutupi stan B-01."),
    ],
)
def test_a_bad_booth_row_is_named_by_line_and_column_and_nothing_is_written(
    client, organiser, edition, booth, file_format, column, value, line
):
    bad = ["A-02", "A", "Sudut", "0", "3", "0", "3", "3"]
    bad[BOOTH_HEADINGS.index(column)] = value

    response = import_booths(
        client, edition, upload([GOOD_BOOTH, bad], BOOTH_HEADINGS, file_format), file_format
    )

    text = refusal(response)
    assert "Tidak ada yang diimpor: ada baris yang salah" in text
    assert line in text
    assert booth_rows_unchanged(booth)


def test_two_booths_of_one_file_overlapping_each_other_are_refused(
    client, organiser, edition, booth
):
    rows = [GOOD_BOOTH, ["A-02", "A", "Standar", "0", "1,5", "0", "3", "3"]]

    text = refusal(import_booths(client, edition, csv_upload(rows, BOOTH_HEADINGS)))

    assert "Baris 3: Stan ini akan menutupi stan A-01." in text
    assert booth_rows_unchanged(booth)


def test_a_booth_file_without_its_code_column_is_refused(client, organiser, edition, booth):
    headings = ["Zona", "Harga"]

    text = refusal(import_booths(client, edition, csv_upload([["A", "0"]], headings)))

    assert "Tidak ada yang diimpor: berkas tidak dapat dipakai" in text
    assert (
        "Berkas tidak memiliki kolom kode. Baris pertama harus berisi judul kolom, di "
        "antaranya: kode."
    ) in text
    assert booth_rows_unchanged(booth)


@pytest.mark.parametrize("edition_value", ["999999", ""])
def test_booths_for_an_unknown_edition_are_refused(client, organiser, booth, edition_value):
    response = client.post(
        BOOTHS_URL,
        {
            "import_file": csv_upload([GOOD_BOOTH], BOOTH_HEADINGS),
            "format": CSV_FORMAT,
            "edition": edition_value,
        },
    )

    text = refusal(response)
    assert (
        "Bidang ini tidak boleh kosong."
        if not edition_value
        else "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang "
        "tersedia."
    ) in text
    assert booth_rows_unchanged(booth)


FILE_REFUSALS = [
    (
        "empty.csv",
        b"",
        CSV_FORMAT,
        "Berkas yang dikirimkan kosong.",
    ),
    (
        "judul-saja.csv",
        b"kode,harga\r\n",
        CSV_FORMAT,
        "Berkas tidak berisi data untuk diimpor. Pastikan baris pertama berisi judul kolom "
        "dan baris berikutnya berisi data.",
    ),
    (
        "denah.xlsx",
        png(),
        XLSX_FORMAT,
        "“denah.xlsx” tidak dapat dibaca sebagai xlsx. Unggah lembar kerja yang disimpan "
        "sebagai CSV atau Excel (.xlsx), dan pilih format yang sesuai dengan berkasnya.",
    ),
    (
        "stan.csv",
        "kode,zona\r\nA-01,Ruang Pamér\r\n".encode("cp1252"),
        CSV_FORMAT,
        "“stan.csv” bukan berkas CSV dengan pengodean UTF-8. Di Excel, simpan sebagai "
        "“CSV UTF-8 (Comma delimited)”, atau unggah berkas .xlsx dan pilih format xlsx.",
    ),
    (
        "raksasa.csv",
        ("kode,zona\r\nA-01," + "A" * 200_000 + "\r\n").encode(),
        CSV_FORMAT,
        "“raksasa.csv” tidak dapat dibaca sebagai csv.",
    ),
]


@pytest.mark.parametrize(("name", "content", "file_format", "message"), FILE_REFUSALS)
def test_a_file_that_is_no_usable_spreadsheet_is_refused_in_plain_words(
    client, organiser, edition, booth, name, content, file_format, message
):
    response = import_booths(client, edition, SimpleUploadedFile(name, content), file_format)

    text = refusal(response)
    assert message in text
    assert booth_rows_unchanged(booth)


@pytest.fixture
def existing():
    return ExhibitorFactory(name="Batik Sekar Jagad", nib="3322000000009", whatsapp="")


def exhibitors_unchanged(existing):
    existing.refresh_from_db()
    return Exhibitor.objects.count() == 1 and existing.name == "Batik Sekar Jagad"


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
@pytest.mark.parametrize(
    ("column", "value", "line"),
    [
        (
            "Kategori",
            "Elektronik",
            f"Baris 3, kolom Kategori: “Elektronik” tidak termasuk pilihan: {CATEGORIES}.",
        ),
        ("NIB", "12345", "Baris 3, kolom NIB: NIB terdiri dari 13 angka."),
        (
            "WhatsApp",
            "12345",
            "Baris 3, kolom WhatsApp: “12345” bukan nomor telepon Indonesia, contohnya "
            "0812-3456-7890.",
        ),
        ("NIB", "3322000000001", "Baris 3, kolom NIB: “3322000000001” sudah ada di baris 2."),
        (
            "Nama",
            "N" * 300,
            "Baris 3, kolom Nama: Pastikan nilai ini mengandung paling banyak 200 karakter "
            "(sekarang 300 karakter).",
        ),
    ],
)
def test_a_bad_exhibitor_row_is_named_by_line_and_column_and_nothing_is_written(
    client, organiser, existing, file_format, column, value, line
):
    bad = ["Dinas Koperasi Kota Semarang", "Instansi", "Jasa", "", "Kota Semarang", "", ""]
    bad[EXHIBITOR_HEADINGS.index(column)] = value

    response = import_exhibitors(
        client, upload([GOOD_EXHIBITOR, bad], EXHIBITOR_HEADINGS, file_format), file_format
    )

    text = refusal(response)
    assert line in text
    assert exhibitors_unchanged(existing)


def test_the_same_institution_twice_without_nib_is_refused(client, organiser, existing):
    dinas = ["Dinas Koperasi", "Instansi", "Jasa", "", "Kota Semarang", "", ""]
    other_city = ["Dinas Koperasi", "Instansi", "Jasa", "", "33.22", "", ""]

    response = import_exhibitors(client, csv_upload([dinas, other_city, dinas], EXHIBITOR_HEADINGS))

    text = refusal(response)
    assert "Baris 4, kolom Nama: “Dinas Koperasi, Kota Semarang” sudah ada di baris 2." in text
    assert "Baris 3" not in text
    assert exhibitors_unchanged(existing)


def test_an_exhibitor_file_without_required_columns_is_refused(client, organiser, existing):
    response = import_exhibitors(client, csv_upload([["Keripik", "33.22"]], ["Nama", "Kota"]))

    text = refusal(response)
    assert (
        "Berkas tidak memiliki kolom kategori, kabupaten_kota. Baris pertama harus berisi "
        "judul kolom, di antaranya: nama, kategori, kabupaten_kota."
    ) in text
    assert exhibitors_unchanged(existing)
