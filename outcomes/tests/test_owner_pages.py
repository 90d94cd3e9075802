import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.tests.helpers import shown_messages, text_of
from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.models import Edition
from expo.tests.factories import EditionFactory
from outcomes.models import DailySales, OmzetReport, Order

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
CLOSED = "Pelaporan ditutup pada"


def id_date(day, format_string="j F Y"):
    with translation.override("id"):
        return date_format(day, format_string)


@pytest.fixture
def application(owner):
    """Bu Sri's stand at Kasmex 2030, whose three days ended yesterday."""
    return ApplicationFactory(
        exhibitor=ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri"),
        edition=EditionFactory(
            name="Kasmex 2030",
            starts_on=TODAY - 3 * DAY,
            ends_on=TODAY - DAY,
            contact_email="panitia@semarangkab.go.id",
        ),
        accepted=True,
    )


def url(name, application, **kwargs):
    return reverse(name, kwargs={"application_id": application.pk, **kwargs})


def post_day(client, application, day=None, **data):
    data = {
        "day": (day or application.edition.starts_on).isoformat(),
        "amount": "1.500.000",
        "transactions": "25",
        "non_cash_amount": "400.000",
        **data,
    }
    return client.post(url("report_day", application), data)


def rows():
    return list(DailySales.objects.values_list("day", "amount", "transactions", "non_cash_amount"))


def test_the_report_page_has_a_row_per_day_and_the_deadline(client, application):
    page = text_of(client.get(url("report", application)))

    edition = application.edition
    assert "Laporan penjualan Kasmex 2030" in page
    assert (
        "Isi penjualan Anda setiap hari, serta pesanan atau kontrak yang Anda terima. Anda "
        f"dapat memperbaiki laporan sampai {id_date(edition.reporting_deadline)}."
    ) in page
    days = [id_date(edition.starts_on + n * DAY, "l, j F Y") for n in range(3)]
    assert [page.index(day) for day in days] == sorted(page.index(day) for day in days)
    assert page.count("Simpan hari ini") == 3
    assert "Belum ada pesanan." in page


@pytest.mark.parametrize("typed", ["1.500.000", "Rp 1.500.000", "1500000", "Rp1.500.000"])
def test_amounts_are_read_as_people_type_them(client, application, typed):
    response = post_day(client, application, amount=typed)

    assert response.status_code == 302
    assert rows() == [(application.edition.starts_on, 1_500_000, 25, 400_000)]
    page = client.get(response.url)
    day = id_date(application.edition.starts_on, "l, j F Y")
    assert shown_messages(page) == [f"Penjualan {day} tersimpan."]
    assert "Rp1.500.000 penjualan eceran Rp400.000 di antaranya nontunai 25 transaksi" in (
        text_of(page)
    )
    assert 'value="Rp1.500.000"' in page.content.decode()


def test_a_day_saved_again_is_corrected(client, application):
    post_day(client, application)
    post_day(client, application, amount="2.000.000", transactions="30", non_cash_amount="")
    post_day(
        client,
        application,
        day=application.edition.ends_on,
        amount="0",
        transactions="",
        non_cash_amount="",
    )

    assert rows() == [
        (application.edition.starts_on, 2_000_000, 30, 0),
        (application.edition.ends_on, 0, 0, 0),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "-5"}, "Masukkan jumlah dalam rupiah bulat, misalnya 1.500.000."),
        ({"amount": "satu juta"}, "Masukkan jumlah dalam rupiah bulat, misalnya 1.500.000."),
        ({"amount": ""}, "Bidang ini tidak boleh kosong."),
        ({"transactions": "banyak"}, "Masukkan jumlah transaksi, misalnya 25."),
        ({"transactions": "-1"}, "Jumlah transaksi berupa bilangan bulat, nol atau lebih."),
        (
            {"amount": "100.000", "non_cash_amount": "150.000"},
            "Bagian nontunai tidak boleh lebih besar dari totalnya.",
        ),
        (
            {"amount": "100.000", "transactions": "0", "non_cash_amount": "0"},
            "Penjualan perlu sedikitnya satu transaksi.",
        ),
    ],
)
def test_bad_figures_are_shown_at_the_day_and_change_nothing(client, application, data, message):
    post_day(client, application)

    response = post_day(client, application, **data)

    assert response.status_code == 200
    assert message in text_of(response)
    assert rows() == [(application.edition.starts_on, 1_500_000, 25, 400_000)]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("outside", "bukan hari pameran Kasmex 2030."),
        ("kemarin", "Masukkan tanggal yang valid."),
    ],
)
def test_a_day_posted_by_hand_outside_the_edition_is_refused(client, application, day, message):
    if day == "outside":
        day = (application.edition.ends_on + DAY).isoformat()

    response = client.post(
        url("report_day", application),
        {"day": day, "amount": "1.000", "transactions": "1", "non_cash_amount": ""},
    )

    assert [shown for shown in shown_messages(response) if message in shown]
    assert rows() == []


def test_a_large_amount_asks_to_be_confirmed_then_is_saved_for_checking(client, application):
    first = post_day(client, application, amount="Rp 2.000.000.000")
    saved_first = rows()
    second = post_day(client, application, amount="Rp 2.000.000.000", confirm_large="on")

    page = text_of(first)
    assert (
        "Rp2.000.000.000 jauh melebihi penjualan UMKM pada umumnya dalam sehari. Jika angkanya "
        "benar, centang kotak untuk mengonfirmasinya."
    ) in page
    assert "Jumlah ini sudah benar." in page
    assert saved_first == []
    assert second.status_code == 302
    assert list(DailySales.objects.values_list("amount", "needs_check")) == [(2_000_000_000, True)]
    assert "Akan diperiksa penyelenggara" in text_of(client.get(second.url))


def test_after_the_deadline_the_report_is_read_only_and_says_whom_to_ask(client, application):
    post_day(client, application)
    Edition.objects.filter(pk=application.edition_id).update(
        reports_close_on=application.edition.ends_on
    )

    page = text_of(client.get(url("report", application)))
    refused = post_day(client, application, amount="1")

    deadline = id_date(application.edition.ends_on)
    assert (
        f"{CLOSED} {deadline}. Untuk memperbaiki laporan, hubungi penyelenggara: Dinas Koperasi "
        "UKM Perindag Kabupaten Semarang. panitia@semarangkab.go.id"
    ) in page
    assert "Simpan hari ini" not in page
    assert "Simpan perubahan" not in page
    assert "Tambah pesanan" not in page
    assert "Rp1.500.000" in page
    assert shown_messages(refused) == [
        f"{CLOSED} {deadline}; mintalah penyelenggara untuk memperbaikinya."
    ]
    assert rows() == [(application.edition.starts_on, 1_500_000, 25, 400_000)]


def test_an_application_not_accepted_reports_nothing(client, application):
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WAITLISTED)

    page = text_of(client.get(url("report", application)))
    refused = post_day(client, application)

    assert "Hanya peserta yang diterima yang melaporkan penjualannya." in page
    assert "Simpan hari ini" not in page
    assert shown_messages(refused) == ["Hanya peserta yang diterima yang melaporkan penjualannya."]
    assert rows() == []


# Orders

ORDER = {
    "buyer_name": "CV Oleh-Oleh Malang",
    "buyer_kind": "reseller",
    "buyer_country": "ID",
    "province": "35",
    "buyer_region": "35.73",
    "value": "Rp 12.500.000",
    "status": "pesanan",
}


def orders():
    return list(
        Order.objects.values_list("buyer_name", "buyer_region", "buyer_country", "value", "status")
    )


def test_an_owner_adds_corrects_and_deletes_an_order(client, application):
    form = text_of(client.get(url("order_create", application)))
    added = client.post(url("order_create", application), ORDER)
    listed = text_of(client.get(url("report", application)))
    order = Order.objects.get()
    edit = client.get(url("order_update", application, order_id=order.pk)).content.decode()
    changed = client.post(
        url("order_update", application, order_id=order.pk),
        {
            **ORDER,
            "buyer_name": "Toko Jurong",
            "buyer_country": "SG",
            "province": "",
            "buyer_region": "",
        },
    )
    after_change = orders()
    client.post(url("order_delete", application, order_id=order.pk))

    assert "Tambah pesanan" in form
    assert "Singapura" in form
    assert added.status_code == 302
    assert "CV Oleh-Oleh Malang Reseller · Kota Malang Rp12.500.000 · Pesanan" in listed
    assert "Rp12.500.000 dalam pesanan dan kontrak (tanpa yang masih penjajakan)" in listed
    assert 'value="CV Oleh-Oleh Malang"' in edit
    assert '<option value="35.73" selected>' in edit
    assert changed.status_code == 302
    assert after_change == [("Toko Jurong", None, "SG", 12_500_000, "pesanan")]
    assert orders() == []


def test_choosing_the_province_shows_its_regencies_and_saves_nothing(client, application):
    response = client.post(
        url("order_create", application), {**ORDER, "buyer_region": "", "choose_province": "1"}
    )

    page = response.content.decode()
    assert '<option value="35.73">Kota Malang</option>' in page
    assert "errorlist" not in page
    assert orders() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"buyer_country": "MY"},
            "Kabupaten/kota hanya untuk pembeli di Indonesia; kosongkan untuk pembeli dari luar "
            "negeri.",
        ),
        ({"value": "-1"}, "Masukkan jumlah dalam rupiah bulat, misalnya 1.500.000."),
        ({"buyer_name": ""}, "Bidang ini tidak boleh kosong."),
        (
            {"buyer_country": "XX"},
            "Masukkan pilihan yang valid. XX bukan salah satu dari pilihan yang tersedia.",
        ),
    ],
)
def test_a_bad_order_is_explained_and_saves_nothing(client, application, data, message):
    response = client.post(url("order_create", application), {**ORDER, **data})

    assert message in text_of(response)
    assert orders() == []


def test_a_large_order_asks_to_be_confirmed(client, application):
    large = {**ORDER, "value": "Rp 5.000.000.000"}

    first = client.post(url("order_create", application), large)
    saved_first = orders()
    client.post(url("order_create", application), {**large, "confirm_large": "on"})

    assert "Jumlah ini sudah benar." in text_of(first)
    assert saved_first == []
    assert list(Order.objects.values_list("value", "needs_check")) == [(5_000_000_000, True)]


# Omzet


def test_the_omzet_before_is_asked_until_the_last_day(client, application):
    Edition.objects.filter(pk=application.edition_id).update(
        starts_on=TODAY + 10 * DAY, ends_on=TODAY + 12 * DAY
    )

    page = text_of(client.get(url("report", application)))
    bad = client.post(url("omzet", application), {"moment": "before", "monthly_omzet": "banyak"})
    saved = client.post(url("omzet", application), {"moment": "before", "monthly_omzet": "9 juta"})

    assert "Omzet Anda sebelum pameran" in page
    assert "Omzet Anda sesudah pameran" not in page
    assert "Masukkan jumlah dalam rupiah bulat, misalnya 1.500.000." in text_of(bad)
    assert saved.status_code == 302
    assert list(OmzetReport.objects.values_list("moment", "monthly_omzet")) == [
        ("before", 9_000_000)
    ]
    assert "Sebelum pameran Rp9.000.000" in text_of(client.get(saved.url))


def test_the_omzet_after_is_asked_from_the_followup_day(client, application):
    Edition.objects.filter(pk=application.edition_id).update(
        starts_on=TODAY - 32 * DAY, ends_on=TODAY - 30 * DAY, reports_close_on=TODAY - 20 * DAY
    )

    page = text_of(client.get(url("report", application)))
    early = client.post(url("omzet", application), {"moment": "before", "monthly_omzet": "1"})
    client.post(url("omzet", application), {"moment": "after", "monthly_omzet": "11.000.000"})

    assert "Omzet Anda sesudah pameran" in page
    assert "Omzet Anda sebelum pameran" not in page
    assert shown_messages(early) == [
        f"Omzet sebelum pameran diminta sampai hari terakhir pameran, {id_date(TODAY - 30 * DAY)}."
    ]
    assert list(OmzetReport.objects.values_list("moment", "monthly_omzet")) == [
        ("after", 11_000_000)
    ]


# Who may see what


def test_another_owners_ids_give_404_and_change_nothing(client, application):
    theirs = ApplicationFactory(
        exhibitor=ExhibitorFactory(owner=UserFactory(username="pak.joko")),
        edition=application.edition,
        accepted=True,
    )
    their_order = Order.objects.create(
        application=theirs,
        buyer_name="Pak Budi",
        buyer_kind="perorangan",
        value=1,
        status="pesanan",
    )
    own_url = {"application_id": application.pk, "order_id": their_order.pk}
    their_url = {"application_id": theirs.pk, "order_id": their_order.pk}
    day = {"day": theirs.edition.starts_on.isoformat(), "amount": "1", "transactions": "1"}
    requests = [
        ("get", reverse("report", kwargs={"application_id": theirs.pk}), {}),
        ("post", reverse("report_day", kwargs={"application_id": theirs.pk}), day),
        (
            "post",
            reverse("omzet", kwargs={"application_id": theirs.pk}),
            {"moment": "before", "monthly_omzet": "1"},
        ),
        ("get", reverse("order_create", kwargs={"application_id": theirs.pk}), {}),
        ("post", reverse("order_create", kwargs={"application_id": theirs.pk}), ORDER),
        ("get", reverse("order_update", kwargs=their_url), {}),
        ("post", reverse("order_update", kwargs=their_url), ORDER),
        ("post", reverse("order_delete", kwargs=their_url), {}),
        # Their order under Bu Sri's own application.
        ("get", reverse("order_update", kwargs=own_url), {}),
        ("post", reverse("order_update", kwargs=own_url), ORDER),
        ("post", reverse("order_delete", kwargs=own_url), {}),
    ]

    statuses = [
        (path, getattr(client, method)(path, data).status_code) for method, path, data in requests
    ]

    assert statuses == [(path, 404) for _method, path, _data in requests]
    assert rows() == []
    assert orders() == [("Pak Budi", None, "ID", 1, "pesanan")]
    assert not OmzetReport.objects.exists()


def test_the_report_pages_ask_to_log_in(client):
    response = client.get(reverse("report", kwargs={"application_id": 1}))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_report_page_lists_the_owners_other_reports_only(client, application):
    earlier = ApplicationFactory(
        exhibitor=application.exhibitor,
        edition=EditionFactory(name="Kasmex 2029", starts_on=TODAY - 400 * DAY),
        accepted=True,
    )
    ApplicationFactory(exhibitor=application.exhibitor, edition=EditionFactory(name="Kasmex 2031"))
    ApplicationFactory(edition=EditionFactory(name="Pekalongan Expo"), accepted=True)

    page = client.get(url("report", application)).content.decode()

    assert f'<a href="{url("report", earlier)}">Kasmex 2029</a>' in page
    assert "Kasmex 2031" not in page
    assert "Pekalongan Expo" not in page


# Speed


def fill(application, *, days, orders):
    edition = application.edition
    for n in range(days):
        DailySales.objects.create(
            application=application, day=edition.starts_on + n * DAY, amount=1000, transactions=1
        )
    for n in range(orders):
        Order.objects.create(
            application=application,
            buyer_name=f"Pembeli {n}",
            buyer_kind="reseller",
            buyer_region_id="35.73",
            value=1000,
            status="pesanan",
        )


@pytest.mark.parametrize(("days", "count"), [(1, 1), (3, 3)])
def test_the_report_page_reads_a_fixed_number_of_queries(
    client, application, django_assert_num_queries, days, count
):
    fill(application, days=days, orders=count)
    client.get(url("report", application))  # the session, read once

    with django_assert_num_queries(7):
        page = client.get(url("report", application))

    # Each order: its heading, and the buyer in the names of its edit and delete links.
    assert page.content.decode().count("Pembeli ") == 3 * count


def test_the_dashboard_says_what_the_report_adds_up_to(client, application):
    dashboard = reverse("dashboard")
    assert "Anda belum melaporkan penjualan. Laporan penjualan" in text_of(client.get(dashboard))

    post_day(client, application)
    post_day(
        client,
        application,
        day=application.edition.starts_on + DAY,
        amount="250.000",
        non_cash_amount="0",
    )

    text = text_of(client.get(dashboard))
    assert "Laporan penjualan: 2 hari dilaporkan, seluruhnya Rp1.750.000." in text
    assert url("report", application) in client.get(dashboard).content.decode()


def test_a_stand_that_sells_nothing_is_not_asked_for_a_report(client, application):
    Application.objects.filter(pk=application.pk).update(reports_sales=False)

    assert "Laporan penjualan" not in text_of(client.get(reverse("dashboard")))


def test_an_order_still_being_explored_is_listed_but_not_counted(client, application):
    for status, value in [("pesanan", 2_000_000), ("penjajakan", 9_000_000)]:
        Order.objects.create(
            application=application,
            buyer_name=f"Pembeli {status}",
            buyer_kind="reseller",
            value=value,
            status=status,
        )

    text = text_of(client.get(url("report", application)))

    assert "Pembeli penjajakan" in text
    assert "Rp2.000.000 dalam pesanan dan kontrak" in text


def test_the_dashboard_says_how_often_the_business_pages_were_read(client, application):
    from outcomes.models import PageViews

    edition, exhibitor = application.edition, application.exhibitor
    PageViews.objects.create(edition=edition, exhibitor=exhibitor, day=edition.starts_on, views=40)
    PageViews.objects.create(edition=edition, exhibitor=exhibitor, day=edition.ends_on, views=2)
    PageViews.objects.create(edition=edition, day=edition.ends_on, views=900)  # the edition's

    assert "Halaman usaha dan produk Anda dibuka 42 kali selama edisi ini." in text_of(
        client.get(reverse("dashboard"))
    )
