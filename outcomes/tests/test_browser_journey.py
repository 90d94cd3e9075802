"""Journey 6 in the browser: after the expo an owner reports two days and an order on a
phone; the organiser opens the edition's report, finds those figures in the totals, the
by-day chart and its table, and downloads the Excel file, read back cell by cell."""

import datetime

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from console.roles import ORGANISER
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from outcomes.models import DailySales, Order

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

PASSWORD = "keripik-tempe-renyah-2031"
DAY = datetime.timedelta(days=1)


def test_an_owner_reports_and_the_organiser_reads_it_in_the_report(
    live_server, phone, desk, tmp_path
):
    today = timezone.localdate()
    office = Organisation.objects.create(name="Dinas Kabupaten Semarang")
    edition = EditionFactory(
        name="Kasmex 2031", organisation=office, starts_on=today - 3 * DAY, ends_on=today - DAY
    )
    owner = UserFactory(username="bu.sri", email="bu.sri@example.com", password=PASSWORD)
    owner.emailaddress_set.create(email=owner.email, verified=True, primary=True)
    application = ApplicationFactory(
        edition=edition,
        exhibitor=ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri"),
        accepted=True,
    )
    organiser = UserFactory(username="panitia.semarang", password=PASSWORD, is_staff=True)
    organiser.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=organiser, organisation=office)

    # The owner, on a phone.
    phone.goto(live_server.url + reverse("account_login"))
    phone.fill("#id_login", "bu.sri@example.com")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    phone.get_by_role("link", name="Laporan penjualan").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Laporan penjualan")

    for number, (amount, transactions, non_cash) in enumerate(
        [("Rp 1.500.000", "25", "400.000"), ("750000", "12", "0")]
    ):
        day = phone.locator("article.sales-day").nth(number)
        day.get_by_label("Penjualan eceran (Rp)").fill(amount)
        day.get_by_label("Jumlah transaksi").fill(transactions)
        day.get_by_label("Di antaranya nontunai (Rp)").fill(non_cash)
        day.get_by_role("button", name="Simpan hari ini").click()
        expect(phone.locator("article.sales-day").nth(number)).to_contain_text("Simpan perubahan")

    phone.get_by_role("link", name="Tambah pesanan").click()
    phone.locator("#id_buyer_name").fill("CV Oleh-Oleh Malang")
    phone.locator("#id_buyer_kind").select_option("reseller")
    phone.locator("#id_province").select_option("35")
    phone.get_by_role("button", name="Tampilkan kabupaten/kotanya").click()
    phone.locator("#id_buyer_region").select_option("35.73")
    phone.locator("#id_value").fill("Rp 12.500.000")
    phone.locator("#id_status").select_option("pesanan")
    phone.get_by_role("button", name="Simpan pesanan").click()

    totals = phone.locator("section", has=phone.get_by_role("heading", name="Jumlah laporan Anda"))
    expect(totals).to_contain_text("Rp2.250.000 penjualan eceran")
    expect(totals).to_contain_text("Rp400.000 di antaranya nontunai")
    expect(totals).to_contain_text("37 transaksi")
    expect(totals).to_contain_text("Rp12.500.000 dalam pesanan dan kontrak")
    assert DailySales.objects.filter(application=application).count() == 2
    assert Order.objects.get().buyer_region_id == "35.73"

    # The organiser, at the office.
    report = reverse("admin:outcomes_report", kwargs={"edition_id": edition.pk})
    desk.goto(f"{live_server.url}{reverse('admin:login')}?next={report}")
    desk.fill("#id_username", "panitia.semarang")
    desk.fill("#id_password", PASSWORD)
    desk.locator("input[type=submit]").click()

    by_day = desk.locator("section", has=desk.get_by_role("heading", name="Per hari", exact=True))
    chart = by_day.get_by_role("img")
    expect(chart).to_contain_text("Rp1.500.000")
    expect(chart).to_contain_text("Rp750.000")
    table = by_day.get_by_role("table")
    first_day = table.get_by_role("row").nth(1)
    expect(first_day).to_contain_text("Rp1.500.000")
    expect(first_day).to_contain_text("Rp400.000")
    expect(table.locator("tfoot")).to_contain_text("Rp2.250.000")
    expect(desk.locator("#content")).to_contain_text("Rp14.750.000")

    with desk.expect_download() as download:
        desk.get_by_role("link", name="Unduh sebagai Excel").click()
    path = tmp_path / "laporan.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert summary["Penjualan eceran (Rp)"] == 2_250_000
    assert summary["Pesanan (Rp)"] == 12_500_000
    assert summary["Transaksi (Rp)"] == 14_750_000
    assert summary["Jumlah transaksi eceran"] == 37
