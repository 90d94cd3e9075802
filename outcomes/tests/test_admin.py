"""The organisers' admin of the expo's results: the impact report page, the reminders,
and the figures staff enter on a stand's behalf, each kept to the staff member's own
organisation."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.tests.helpers import shown_messages, text_of
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from outcomes.models import DailySales, GateCount, Order
from outcomes.tests.test_report import build_small_edition, edition_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_edition():
    return build_small_edition()


# What the roles that enter and read the results need besides the results themselves.
READS = ["view_application", "view_edition", "view_region", "view_exhibitor"]


def staff_of(organisation, *, username, codenames=None):
    """A staff member of ``organisation`` with every permission of the results (or only
    ``codenames``) and the reads they need."""
    user = UserFactory(username=username, is_staff=True)
    outcomes = Permission.objects.filter(content_type__app_label="outcomes")
    if codenames is not None:
        outcomes = outcomes.filter(codename__in=codenames)
    user.user_permissions.set([*outcomes, *Permission.objects.filter(codename__in=READS)])
    Membership.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def organiser(client, small_edition):
    user = staff_of(small_edition["organisation"], username="penyelenggara.kasmex")
    client.force_login(user)
    return user


@pytest.fixture
def other_office(client, small_edition):
    user = staff_of(Organisation.objects.create(name="Dinas Kabupaten B"), username="staf.b")
    client.force_login(user)
    return user


def report_url(edition, name="outcomes_report"):
    return reverse(f"admin:{name}", args=[edition.pk])


def test_the_report_shows_the_figures_against_the_targets(client, organiser, small_edition):
    response = client.get(report_url(small_edition["edition"]))
    page = text_of(response)

    assert response.status_code == 200
    assert "Laporan dampak: Kasmex Minggu Lalu" in page
    assert "Transaksi Rp1.231.500.000 dari target Rp1.000.000.000 (123,2%)" in page
    assert "Pengunjung 2.700 dari target 3.000 (90,0%)" in page
    assert "Tingkat pelaporan 66,7% 2 dari 3 peserta yang diminta" in page
    assert "Penjualan eceran, tunai — Rp2.200.000" in page
    assert "Kabupaten Malang (daerah lain di Indonesia) 1 Rp5.000.000" in page
    assert "Malaysia (luar negeri) 1 Rp20.000.000" in page
    assert "Kota Semarang (33.74) 1 1 / 1 Rp1.203.000.000 Rp20.000.000 Rp1.223.000.000" in page
    assert "Rp15.000.000 Rp17.000.000 13,3% 2" in page
    assert "1 Batik Tulis Sekar Kota Semarang Rp1.223.000.000" in page
    assert "1 peserta belum melapor" in page
    # The charts are drawn in the page, each with its numbers in a table too.
    body = response.content.decode()
    charts = [part.split("</svg>", 1)[0] for part in body.split('class="chart-svg"')[1:]]
    assert len(charts) == 3
    assert "Penjualan eceran per hari" in page and "Transaksi per kategori" in page
    # Drawn here, from nothing outside the portal: no address in them.
    assert [chart for chart in charts if "http" in chart] == []


def test_the_entries_to_check_and_the_missing_reports_are_listed(client, organiser, small_edition):
    response = client.get(report_url(small_edition["edition"]))
    page = text_of(response)
    flagged = DailySales.objects.get(needs_check=True)

    assert "Isian yang perlu diperiksa" in page
    assert "Batik Tulis Sekar penjualan" in page and "Rp1.200.000.000" in page
    assert (
        reverse("admin:outcomes_dailysales_change", args=[flagged.pk]) in response.content.decode()
    )
    missing = page.split("1 peserta belum melapor", 1)[1]
    assert "Dinas Koperasi" in missing and "Kirim pengingat" in missing
    assert "Keripik Tempe Bu Sri" not in missing


def test_the_report_page_takes_as_many_queries_for_30_participants_as_for_3(client):
    counts = []
    for size in (3, 30):
        edition = edition_with(size)
        client.force_login(staff_of(edition.organisation, username=f"staf.{size}"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(report_url(edition))
        assert text_of(response).count("Kirim pengingat") == 0
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_reminder_is_mailed_and_gives_the_whatsapp_link(client, organiser, small_edition):
    edition, dinas = small_edition["edition"], small_edition["dinas"]
    Exhibitor.objects.filter(pk=dinas.exhibitor_id).update(email="dinas@example.go.id")

    response = client.post(
        report_url(edition, "outcomes_report_remind"), {"application": dinas.pk}, follow=True
    )

    [message] = shown_messages(response)
    assert message.startswith("Pengingat telah dikirim ke Dinas Koperasi lewat e-mail.")
    assert '<a href="https://wa.me/6281234567890?text=' in response.content.decode()
    assert "Buka WhatsApp dengan pesan yang sudah ditulis" in text_of(response)
    assert [email.to for email in mail.outbox] == [["dinas@example.go.id"]]


def test_a_participant_that_has_reported_gets_no_reminder(client, organiser, small_edition):
    response = client.post(
        report_url(small_edition["edition"], "outcomes_report_remind"),
        {"application": small_edition["sri"].pk},
    )

    assert response.status_code == 404
    assert mail.outbox == []


@pytest.mark.parametrize(
    "name", ["outcomes_report", "outcomes_report_excel", "outcomes_report_csv"]
)
def test_staff_of_another_organisation_get_404_on_the_report(
    client,
    other_office,
    small_edition,
    name,
):
    response = client.get(report_url(small_edition["edition"], name))

    assert response.status_code == 404
    assert "Keripik Tempe" not in response.content.decode(errors="replace")


def test_staff_of_another_organisation_cannot_send_a_reminder(client, other_office, small_edition):
    dinas = small_edition["dinas"]
    Exhibitor.objects.filter(pk=dinas.exhibitor_id).update(email="dinas@example.go.id")

    response = client.post(
        report_url(small_edition["edition"], "outcomes_report_remind"), {"application": dinas.pk}
    )

    assert response.status_code == 404
    assert mail.outbox == []


def test_staff_who_may_not_read_the_results_are_refused_the_report(client, small_edition):
    user = staff_of(small_edition["organisation"], username="staf.lain", codenames=[])
    client.force_login(user)

    assert client.get(report_url(small_edition["edition"])).status_code == 403
    assert client.get(reverse("admin:outcomes_report_index")).status_code == 403


def test_the_report_index_lists_the_staff_members_own_editions(client, organiser, small_edition):
    from expo.tests.factories import EditionFactory

    EditionFactory(name="Expo Kabupaten B", organisation=Organisation.objects.create(name="B"))

    page = text_of(client.get(reverse("admin:outcomes_report_index")))

    assert "Laporan dampak" in page and "Kasmex Minggu Lalu" in page
    assert "Expo Kabupaten B" not in page


def sales_form(application, first_day, **values):
    return {
        "application": application.pk,
        "day": first_day.isoformat(),
        "amount": "Rp 1.500.000",
        "transactions": "12",
        "non_cash_amount": "500.000",
        **values,
    }


def sales_rows():
    return list(DailySales.objects.order_by("pk").values())


def test_a_day_entered_by_staff_is_saved_through_the_service_and_marked(
    client,
    organiser,
    small_edition,
):
    dinas = small_edition["dinas"]

    response = client.post(
        reverse("admin:outcomes_dailysales_add"),
        sales_form(dinas, small_edition["first"]),
        follow=True,
    )

    sales = DailySales.objects.get(application=dinas)
    assert (sales.amount, sales.transactions, sales.non_cash_amount) == (1_500_000, 12, 500_000)
    assert sales.entered_by_staff is True
    [message] = shown_messages(response)
    assert message.startswith("Tersimpan: Dinas Koperasi") and "ditandai sebagai diisi" in message


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"amount": "-5.000"}, "Masukkan jumlah dalam rupiah bulat, misalnya 1.500.000."),
        ({"amount": "lima ratus"}, "Masukkan jumlah dalam rupiah bulat, misalnya 1.500.000."),
        (
            {"amount": "100.000", "non_cash_amount": "250.000"},
            "Bagian nontunai tidak boleh lebih besar dari totalnya.",
        ),
        ({"day": "2020-01-01"}, "1 Januari 2020 bukan hari pameran Kasmex Minggu Lalu."),
    ],
)
def test_bad_staff_input_gives_the_message_and_changes_nothing(
    client,
    organiser,
    small_edition,
    values,
    message,
):
    before = sales_rows()

    response = client.post(
        reverse("admin:outcomes_dailysales_add"),
        sales_form(small_edition["sri"], small_edition["first"], **values),
    )

    assert response.status_code == 200
    assert message in text_of(response)
    assert sales_rows() == before


def test_staff_correct_a_day_on_its_page_and_the_day_stays(client, organiser, small_edition):
    sales = DailySales.objects.get(application=small_edition["sri"], day=small_edition["first"])

    response = client.post(
        reverse("admin:outcomes_dailysales_change", args=[sales.pk]),
        {"amount": "1.750.000", "transactions": "35", "non_cash_amount": "0"},
    )

    sales.refresh_from_db()
    assert response.status_code == 302
    assert (sales.day, sales.amount, sales.transactions) == (small_edition["first"], 1_750_000, 35)


def test_staff_who_may_only_read_see_the_day_and_change_nothing(client, small_edition):
    client.force_login(
        staff_of(small_edition["organisation"], username="kurator", codenames=["view_dailysales"])
    )
    sales = DailySales.objects.get(application=small_edition["sri"], day=small_edition["first"])
    url = reverse("admin:outcomes_dailysales_change", args=[sales.pk])
    before = sales_rows()

    page = text_of(client.get(url))
    changed = client.post(url, {"amount": "9", "transactions": "1", "non_cash_amount": "0"})
    added = client.post(
        reverse("admin:outcomes_dailysales_add"),
        sales_form(small_edition["dinas"], small_edition["first"]),
    )

    assert "Penjualan eceran (Rp): 1500000 Jumlah transaksi: 30" in page
    assert "Keripik Tempe Bu Sri" in page
    assert (changed.status_code, added.status_code) == (403, 403)
    assert sales_rows() == before


def test_a_participant_of_another_organisation_is_no_choice(client, other_office, small_edition):
    before = sales_rows()

    response = client.post(
        reverse("admin:outcomes_dailysales_add"),
        sales_form(small_edition["dinas"], small_edition["first"]),
    )

    assert "Pilih peserta yang diterima di edisi Anda." in text_of(response)
    assert sales_rows() == before


def test_the_participant_picker_offers_the_own_editions_alone(client, other_office, small_edition):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "outcomes",
            "model_name": "dailysales",
            "field_name": "application",
            "term": "Keripik",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_lists_show_the_own_organisations_rows_alone(client, other_office, small_edition):
    pages = [
        client.get(reverse(f"admin:outcomes_{name}_changelist")).content.decode()
        for name in ("dailysales", "order", "omzetreport", "gatecount")
    ]

    assert [page for page in pages if "Keripik Tempe" in page or "Kasmex" in page] == []


def test_an_order_from_abroad_with_a_regency_is_refused(client, organiser, small_edition):
    orders = list(Order.objects.values())

    response = client.post(
        reverse("admin:outcomes_order_add"),
        {
            "application": small_edition["sri"].pk,
            "buyer_name": "Toko Singapura",
            "buyer_kind": "distributor",
            "buyer_country": "sg",
            "buyer_region": "35.07",
            "value": "2.000.000",
            "status": "pesanan",
        },
    )

    assert (
        "Kabupaten/kota hanya untuk pembeli di Indonesia; kosongkan untuk pembeli dari luar negeri."
        in text_of(response)
    )
    assert list(Order.objects.values()) == orders


def test_an_order_entered_by_staff_is_marked(client, organiser, small_edition):
    response = client.post(
        reverse("admin:outcomes_order_add"),
        {
            "application": small_edition["sri"].pk,
            "buyer_name": "Toko Jepang",
            "buyer_kind": "eksportir",
            "buyer_country": "jp",
            "value": "3.000.000",
            "status": "kontrak",
        },
    )

    order = Order.objects.get(buyer_name="Toko Jepang")
    assert response.status_code == 302
    assert (order.buyer_country, order.value, order.entered_by_staff) == ("JP", 3_000_000, True)


def test_an_order_is_deleted_through_the_service(client, organiser, small_edition):
    order = Order.objects.get(buyer_name="Kedai Batik KL")

    client.post(reverse("admin:outcomes_order_delete", args=[order.pk]), {"post": "yes"})

    assert not Order.objects.filter(pk=order.pk).exists()


def test_a_gate_count_is_kept_with_who_entered_it(client, organiser, small_edition):
    edition = small_edition["edition"]
    GateCount.objects.filter(edition=edition).delete()

    response = client.post(
        reverse("admin:outcomes_gatecount_add"),
        {"edition": edition.pk, "day": small_edition["first"].isoformat(), "visitors": "1250"},
    )

    count = GateCount.objects.get(edition=edition)
    assert response.status_code == 302
    assert (count.visitors, count.entered_by) == (1_250, organiser)


@pytest.mark.parametrize(
    ("day", "visitors", "message"),
    [
        (datetime.date(2020, 1, 1), "100", "1 Januari 2020 bukan hari pameran Kasmex Minggu Lalu."),
        (None, "-3", "Jumlah pengunjung nol atau lebih."),
        (None, "1250", "Gerbang ini sudah punya hitungan pengunjung untuk hari ini."),
    ],
)
def test_a_bad_gate_count_gives_the_message_and_changes_nothing(
    client,
    organiser,
    small_edition,
    day,
    visitors,
    message,
):
    before = list(GateCount.objects.order_by("pk").values())

    response = client.post(
        reverse("admin:outcomes_gatecount_add"),
        {
            "edition": small_edition["edition"].pk,
            "day": (day or small_edition["first"]).isoformat(),
            "visitors": visitors,
        },
    )

    assert message in text_of(response)
    assert list(GateCount.objects.order_by("pk").values()) == before


def test_an_omzet_entered_by_staff_is_saved_through_the_service(client, organiser, small_edition):
    dinas = small_edition["dinas"]

    response = client.post(
        reverse("admin:outcomes_omzetreport_add"),
        {"application": dinas.pk, "moment": "after", "monthly_omzet": "Rp 55.000.000"},
        follow=True,
    )

    assert dinas.omzet_reports.get(moment="after").monthly_omzet == 55_000_000
    assert shown_messages(response) == ["Tersimpan: Dinas Koperasi · Sesudah pameran."]
