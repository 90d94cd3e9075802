"""The impact report as Excel and CSV files: one sheet per breakdown, numbers as
numbers, read back as the organiser's spreadsheet program reads them."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from exhibitors.models import Exhibitor
from outcomes.tests.test_admin import staff_of
from outcomes.tests.test_report import build_small_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_edition():
    return build_small_edition()


@pytest.fixture
def organiser(client, small_edition):
    user = staff_of(small_edition["organisation"], username="penyelenggara.kasmex")
    client.force_login(user)
    return user


def workbook(client, edition):
    response = client.get(reverse("admin:outcomes_report_excel", args=[edition.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_rows(book, title):
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def test_the_excel_file_has_one_sheet_per_breakdown(client, organiser, small_edition):
    book = workbook(client, small_edition["edition"])

    assert book.sheetnames == [
        "Ringkasan",
        "Per hari",
        "Per kategori",
        "Per asal",
        "Per kabupaten-kota",  # no slash in a sheet name
        "Per kecamatan",
        "Per klaster",
        "Per skala usaha",
        "Per mode",
        "Pesanan per status",
        "Pesanan per pembeli",
        "10 teratas menurut penjualan",
        "10 teratas menurut kunjungan ha",  # Excel's 31 characters
        "Edisi sebelumnya",
        "Perlu diperiksa",
    ]


def test_the_excel_figures_are_numbers_worked_out_by_hand(client, organiser, small_edition):
    book = workbook(client, small_edition["edition"])
    summary = dict(sheet_rows(book, "Ringkasan")[1:])
    first, second = small_edition["first"], small_edition["second"]

    assert summary["Transaksi (Rp)"] == 1_231_500_000
    assert summary["Penjualan eceran (Rp)"] == 1_206_500_000
    assert summary["di antaranya tunai (Rp)"] == 2_200_000
    assert summary["Pesanan (Rp)"] == 25_000_000
    assert summary["Pesanan masih penjajakan, tidak dihitung (Rp)"] == 7_000_000
    assert summary["Pengunjung di pintu masuk"] == 2_700
    assert summary["Tingkat pelaporan (%)"] == pytest.approx(66.7)
    assert summary["Kenaikan omzet (%)"] == pytest.approx(13.3)
    assert all(isinstance(value, int | float) for value in summary.values())
    days = sheet_rows(book, "Per hari")
    assert days[0][:3] == ["Hari", "Hari pameran", "Penjualan eceran (Rp)"]
    assert [(row[0].date(), row[2], row[5], row[6]) for row in days[1:]] == [
        (first - datetime.timedelta(days=1), 0, 0, 50),
        (first, 4_500_000, 1_200, 420),
        (second, 1_202_000_000, 1_500, 980),
    ]
    regions = sheet_rows(book, "Per kabupaten-kota")
    assert [row[0] for row in regions[1:]] == ["33.22", "33.74"]
    assert [row[-1] for row in regions[1:]] == [8_500_000, 1_223_000_000]
    buyers = sheet_rows(book, "Pesanan per pembeli")
    assert buyers[1:] == [
        ["35.07", "Kabupaten Malang", 1, 5_000_000],
        ["MY", "Malaysia", 1, 20_000_000],
    ]


def test_every_sheet_adds_up_to_the_total(client, organiser, small_edition):
    book = workbook(client, small_edition["edition"])

    for title in ("Per kategori", "Per asal", "Per skala usaha", "Per mode"):
        assert sum(row[-1] for row in sheet_rows(book, title)[1:]) == 1_231_500_000
    assert sum(row[-1] for row in sheet_rows(book, "Per kabupaten-kota")[1:]) == 1_231_500_000


def test_a_name_that_starts_like_a_formula_is_kept_as_text(client, organiser, small_edition):
    Exhibitor.objects.filter(pk=small_edition["sekar"].exhibitor_id).update(
        name='=HYPERLINK("http://example.com","Batik")'
    )

    book = workbook(client, small_edition["edition"])

    top = sheet_rows(book, "10 teratas menurut penjualan")
    assert top[1][1] == '\'=HYPERLINK("http://example.com","Batik")'


def test_the_csv_file_holds_the_same_tables(client, organiser, small_edition):
    response = client.get(reverse("admin:outcomes_report_csv", args=[small_edition["edition"].pk]))

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Disposition"] == (
        f'attachment; filename="laporan-{small_edition["edition"].slug}.csv"'
    )
    assert rows[0] == ["Ringkasan"] and rows[-1] == []
    assert ["Transaksi (Rp)", "1231500000"] in rows
    # Each table: its title, its headings, its rows, and an empty row.
    titles = [row[0] for before, row in zip([[], *rows], rows, strict=False) if before == []]
    assert titles == [
        "Ringkasan",
        "Per hari",
        "Per kategori",
        "Per asal",
        "Per kabupaten/kota",
        "Per kecamatan",
        "Per klaster",
        "Per skala usaha",
        "Per mode",
        "Pesanan per status",
        "Pesanan per pembeli",
        "10 teratas menurut penjualan",
        "10 teratas menurut kunjungan halaman",
        "Edisi sebelumnya",
        "Perlu diperiksa",
    ]


def test_staff_who_may_not_read_the_results_download_nothing(client, small_edition):
    user = staff_of(small_edition["organisation"], username="staf.lain", codenames=[])
    client.force_login(user)
    edition = small_edition["edition"]

    responses = [
        client.get(reverse(f"admin:outcomes_report_{name}", args=[edition.pk]))
        for name in ("excel", "csv")
    ]

    assert [response.status_code for response in responses] == [403, 403]
    assert [b"Keripik" in response.content for response in responses] == [False, False]
