import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from exhibitors.models import Application
from exhibitors.selectors import own_applications
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.models import Edition, Region
from expo.tests.factories import EditionFactory
from outcomes import selectors, services
from outcomes.models import PLAUSIBLE_DAILY_SALES, DailySales, OmzetReport, Order

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def ended_edition(**kwargs):
    """Kasmex 2030, three days that ended yesterday: reports are open."""
    return EditionFactory(
        name="Kasmex 2030", starts_on=TODAY - 3 * DAY, ends_on=TODAY - DAY, **kwargs
    )


@pytest.fixture
def bu_sri():
    return UserFactory(username="bu.sri")


@pytest.fixture
def application(bu_sri):
    return ApplicationFactory(
        exhibitor=ExhibitorFactory(owner=bu_sri, name="Keripik Tempe Bu Sri"),
        edition=ended_edition(),
        accepted=True,
    )


@pytest.fixture
def staff():
    return UserFactory(username="panitia", is_staff=True)


def report(application, by, day=None, **figures):
    figures = {"amount": 1_500_000, "transactions": 25, "non_cash_amount": 400_000, **figures}
    return services.report_day(
        application=application, day=day or application.edition.starts_on, by=by, **figures
    )


def refusal(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.messages


def rows():
    return list(
        DailySales.objects.values_list(
            "day", "amount", "transactions", "non_cash_amount", "needs_check", "entered_by_staff"
        )
    )


MONTHS = dict(
    enumerate(
        [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ],
        start=1,
    )
)


def id_date(day):
    return f"{day.day} {MONTHS[day.month]} {day.year}"


# Reporting days


@pytest.mark.parametrize(
    ("mode", "online", "expected"),
    [
        ("booth", None, [10, 11, 12]),
        ("booth", (20, 21), [10, 11, 12]),
        ("virtual", (20, 21), [20, 21]),
        ("virtual", None, [10, 11, 12]),
        ("both", (12, 14), [10, 11, 12, 13, 14]),
    ],
)
def test_reporting_days_follow_the_mode_and_the_online_period(mode, online, expected):
    edition = EditionFactory(
        format=Edition.Format.HYBRID,
        starts_on=datetime.date(2030, 11, 10),
        ends_on=datetime.date(2030, 11, 12),
        online_starts_on=online and datetime.date(2030, 11, online[0]),
        online_ends_on=online and datetime.date(2030, 11, online[1]),
    )
    application = ApplicationFactory(edition=edition, mode=mode, accepted=True)

    days = selectors.reporting_days(application=application)

    assert days == [datetime.date(2030, 11, day) for day in expected]


# A day's sales


def test_an_owner_reports_a_day(application, bu_sri):
    sales = report(application, bu_sri)

    assert rows() == [(application.edition.starts_on, 1_500_000, 25, 400_000, False, False)]
    assert sales.application == application


def test_saving_a_day_again_replaces_it_in_one_row(application, bu_sri):
    report(application, bu_sri)
    report(application, bu_sri, amount=2_000_000, transactions=30, non_cash_amount=0)

    assert rows() == [(application.edition.starts_on, 2_000_000, 30, 0, False, False)]


def test_a_day_without_sales_needs_no_transaction(application, bu_sri):
    report(application, bu_sri, amount=0, transactions=0, non_cash_amount=0)

    assert rows() == [(application.edition.starts_on, 0, 0, 0, False, False)]


@pytest.mark.parametrize(
    ("status", "reports_sales", "message"),
    [
        ("submitted", True, "Hanya peserta yang diterima yang melaporkan penjualannya."),
        ("waitlisted", True, "Hanya peserta yang diterima yang melaporkan penjualannya."),
        ("accepted", False, "Stan ini tidak diminta laporan penjualan."),
    ],
)
def test_only_accepted_participants_that_report_sales_report(
    application, bu_sri, status, reports_sales, message
):
    Application.objects.filter(pk=application.pk).update(status=status, reports_sales=reports_sales)

    assert refusal(lambda: report(application, bu_sri)) == [message]
    assert rows() == []


def test_a_day_outside_the_edition_is_refused(application, bu_sri):
    day = application.edition.ends_on + DAY

    messages = refusal(lambda: report(application, bu_sri, day=day))

    assert messages == [f"{id_date(day)} bukan hari pameran Kasmex 2030."]
    assert rows() == []


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"amount": -1}, "Jumlah berupa rupiah bulat, nol atau lebih."),
        ({"amount": "1.500.000"}, "Jumlah berupa rupiah bulat, nol atau lebih."),
        ({"amount": 1.5}, "Jumlah berupa rupiah bulat, nol atau lebih."),
        ({"non_cash_amount": -5}, "Jumlah berupa rupiah bulat, nol atau lebih."),
        (
            {"transactions": -1},
            "Jumlah transaksi berupa bilangan bulat, nol atau lebih.",
        ),
        (
            {"amount": 100_000, "non_cash_amount": 100_001},
            "Bagian nontunai tidak boleh lebih besar dari totalnya.",
        ),
        (
            {"amount": 100_000, "transactions": 0, "non_cash_amount": 0},
            "Penjualan perlu sedikitnya satu transaksi.",
        ),
    ],
)
def test_bad_figures_are_refused_and_the_day_keeps_what_it_had(
    application, bu_sri, figures, message
):
    report(application, bu_sri)

    assert refusal(lambda: report(application, bu_sri, **figures)) == [message]
    assert rows() == [(application.edition.starts_on, 1_500_000, 25, 400_000, False, False)]


def test_a_large_amount_is_kept_only_when_confirmed_and_then_flagged(application, bu_sri):
    large = PLAUSIBLE_DAILY_SALES + 1

    messages = refusal(lambda: report(application, bu_sri, amount=large))
    refused = rows()
    report(application, bu_sri, amount=large, confirm_large=True)

    assert messages == [
        "Rp1.000.000.001 jauh melebihi penjualan UMKM pada umumnya dalam sehari. Jika "
        "angkanya benar, centang kotak untuk mengonfirmasinya."
    ]
    assert refused == []
    assert rows() == [(application.edition.starts_on, large, 25, 400_000, True, False)]


def test_the_plausible_limit_itself_needs_no_confirmation(application, bu_sri):
    report(application, bu_sri, amount=PLAUSIBLE_DAILY_SALES)

    assert rows()[0][1:5] == (PLAUSIBLE_DAILY_SALES, 25, 400_000, False)


def test_another_owner_cannot_report_for_the_participant(application):
    pak_joko = UserFactory(username="pak.joko")
    ExhibitorFactory(owner=pak_joko)

    assert refusal(lambda: report(application, pak_joko)) == ["Laporan ini milik usaha lain."]
    assert rows() == []


def test_an_owner_reports_until_the_deadline_and_not_after(application, bu_sri):
    edition = application.edition
    edition.reports_close_on = TODAY
    edition.save()
    report(application, bu_sri)
    edition.reports_close_on = edition.ends_on
    edition.save()

    messages = refusal(lambda: report(application, bu_sri, amount=1))

    assert messages == [
        f"Pelaporan ditutup pada {id_date(edition.ends_on)}; mintalah penyelenggara untuk "
        "memperbaikinya."
    ]
    assert rows() == [(edition.starts_on, 1_500_000, 25, 400_000, False, False)]


def test_the_default_deadline_is_two_weeks_after_the_last_day(bu_sri):
    application = ApplicationFactory(
        exhibitor=ExhibitorFactory(owner=bu_sri),
        edition=EditionFactory(starts_on=TODAY - 16 * DAY, ends_on=TODAY - 15 * DAY),
        accepted=True,
    )

    messages = refusal(lambda: report(application, bu_sri))

    assert messages == [
        f"Pelaporan ditutup pada {id_date(TODAY - DAY)}; mintalah penyelenggara untuk "
        "memperbaikinya."
    ]


def test_organisers_report_after_the_deadline_marked_as_theirs(application, staff):
    edition = application.edition
    edition.reports_close_on = edition.ends_on
    edition.save()

    report(application, staff, amount=300_000, non_cash_amount=300_000)

    assert rows() == [(edition.starts_on, 300_000, 25, 300_000, False, True)]


def test_an_owners_save_after_the_organisers_is_the_owners(application, bu_sri, staff):
    report(application, staff)
    report(application, bu_sri, amount=1_600_000)

    assert rows() == [(application.edition.starts_on, 1_600_000, 25, 400_000, False, False)]


# Orders


def order(application, by, **fields):
    fields = {
        "buyer_name": "CV Oleh-Oleh Malang",
        "buyer_kind": Order.BuyerKind.RESELLER,
        "buyer_region": Region.objects.get(code="35.73"),
        "value": 12_500_000,
        "status": Order.Status.ORDERED,
        **fields,
    }
    return services.record_order(application=application, by=by, **fields)


def orders():
    return list(
        Order.objects.values_list(
            "buyer_name",
            "buyer_kind",
            "buyer_region",
            "buyer_country",
            "value",
            "status",
            "needs_check",
            "entered_by_staff",
        )
    )


def test_an_owner_records_and_corrects_an_order(application, bu_sri):
    recorded = order(application, bu_sri)
    order(
        application,
        bu_sri,
        order=recorded,
        buyer_name="  Toko Singapura  ",
        buyer_kind=Order.BuyerKind.EXPORTER,
        buyer_region=None,
        buyer_country="SG",
        status=Order.Status.CONTRACT,
    )

    assert orders() == [
        ("Toko Singapura", "eksportir", None, "SG", 12_500_000, "kontrak", False, False)
    ]


def test_an_order_of_another_participant_is_not_changed(application, bu_sri):
    other = ApplicationFactory(edition=application.edition, accepted=True)
    theirs = Order.objects.create(
        application=other, buyer_name="Pak Budi", buyer_kind="perorangan", value=1, status="pesanan"
    )

    messages = refusal(lambda: order(application, bu_sri, order=theirs))

    assert messages == ["Pesanan ini milik peserta lain."]
    assert orders() == [("Pak Budi", "perorangan", None, "ID", 1, "pesanan", False, False)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"buyer_country": "MY"},
            "Kabupaten/kota hanya untuk pembeli di Indonesia; kosongkan untuk pembeli dari "
            "luar negeri.",
        ),
        ({"buyer_country": "malaysia", "buyer_region": None}, "Pilih negara pembeli."),
        ({"buyer_country": "my", "buyer_region": None}, "Pilih negara pembeli."),
        ({"buyer_name": "   "}, "Isi nama pembeli."),
        ({"buyer_kind": "teman"}, "Pilih jenis pembeli."),
        ({"status": "lunas"}, "Pilih status pesanan."),
        ({"value": -1}, "Nilai berupa rupiah bulat, nol atau lebih."),
    ],
)
def test_a_bad_order_is_refused_and_nothing_is_recorded(application, bu_sri, fields, message):
    assert refusal(lambda: order(application, bu_sri, **fields)) == [message]
    assert orders() == []


def test_a_large_order_is_recorded_only_when_confirmed_and_then_flagged(application, bu_sri):
    large = PLAUSIBLE_DAILY_SALES + 1

    messages = refusal(lambda: order(application, bu_sri, value=large))
    order(application, bu_sri, value=large, confirm_large=True)

    assert messages[0].startswith("Rp1.000.000.001 jauh melebihi")
    assert [row[4:7] for row in orders()] == [(large, "pesanan", True)]


def test_orders_follow_the_deadline_and_the_organisers_are_marked(application, bu_sri, staff):
    recorded = order(application, bu_sri)
    edition = application.edition
    edition.reports_close_on = edition.ends_on
    edition.save()

    change = refusal(lambda: order(application, bu_sri, order=recorded, value=1))
    removal = refusal(lambda: services.delete_order(order=recorded, by=bu_sri))
    order(application, staff, order=recorded, value=2)

    closed = (
        f"Pelaporan ditutup pada {id_date(edition.ends_on)}; mintalah penyelenggara untuk "
        "memperbaikinya."
    )
    assert (change, removal) == ([closed], [closed])
    assert [row[4:] for row in orders()] == [(2, "pesanan", False, True)]


def test_an_owner_deletes_an_order(application, bu_sri):
    recorded = order(application, bu_sri)

    services.delete_order(order=recorded, by=bu_sri)

    assert orders() == []


def test_another_owner_cannot_delete_an_order(application, bu_sri):
    recorded = order(application, bu_sri)
    pak_joko = UserFactory(username="pak.joko")

    messages = refusal(lambda: services.delete_order(order=recorded, by=pak_joko))

    assert messages == ["Laporan ini milik usaha lain."]
    assert len(orders()) == 1


# Omzet


def omzets():
    return list(OmzetReport.objects.values_list("moment", "monthly_omzet"))


def test_the_omzet_before_is_given_from_the_application_and_replaced(bu_sri):
    application = ApplicationFactory(exhibitor=ExhibitorFactory(owner=bu_sri))

    services.report_omzet(
        application=application, moment="before", monthly_omzet=9_000_000, by=bu_sri
    )
    services.report_omzet(
        application=application, moment="before", monthly_omzet=8_000_000, by=bu_sri
    )

    assert omzets() == [("before", 8_000_000)]


def test_the_omzet_before_closes_after_the_last_day(application, bu_sri):
    Edition.objects.filter(pk=application.edition_id).update(
        starts_on=TODAY - 3 * DAY, ends_on=TODAY - DAY
    )

    messages = refusal(
        lambda: services.report_omzet(
            application=application, moment="before", monthly_omzet=1, by=bu_sri
        )
    )

    assert messages == [
        f"Omzet sebelum pameran diminta sampai hari terakhir pameran, {id_date(TODAY - DAY)}."
    ]
    assert omzets() == []


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_a_rejected_or_withdrawn_application_gives_no_omzet(bu_sri, status):
    application = ApplicationFactory(
        exhibitor=ExhibitorFactory(owner=bu_sri),
        status=status,
        decision_reason="Kuota penuh",
        decided_at=timezone.now(),
    )

    messages = refusal(
        lambda: services.report_omzet(
            application=application, moment="before", monthly_omzet=1, by=bu_sri
        )
    )

    assert messages == ["Pendaftaran ini tidak diminta omzetnya."]
    assert omzets() == []


@pytest.mark.parametrize(
    ("days_since_end", "given"),
    [(29, False), (30, True), (90, True), (91, False)],
)
def test_the_omzet_after_is_given_from_the_followup_day_for_sixty_days(
    bu_sri, days_since_end, given
):
    ends_on = TODAY - days_since_end * DAY
    application = ApplicationFactory(
        exhibitor=ExhibitorFactory(owner=bu_sri),
        edition=EditionFactory(starts_on=ends_on - DAY, ends_on=ends_on, omzet_followup_days=30),
        accepted=True,
    )

    def give():
        services.report_omzet(
            application=application, moment="after", monthly_omzet=11_000_000, by=bu_sri
        )

    if given:
        give()
    else:
        messages = refusal(give)
        if days_since_end < 30:
            assert messages == [
                f"Omzet sesudah pameran diminta mulai {id_date(ends_on + 30 * DAY)}."
            ]
        else:
            assert messages == [
                f"Omzet sesudah pameran diminta sampai {id_date(ends_on + 90 * DAY)}; mintalah "
                "penyelenggara untuk memperbaikinya."
            ]
    assert omzets() == ([("after", 11_000_000)] if given else [])


def test_organisers_give_the_omzet_outside_its_window(application, staff):
    services.report_omzet(application=application, moment="after", monthly_omzet=5, by=staff)

    assert omzets() == [("after", 5)]


def test_an_unknown_moment_is_refused(application, bu_sri):
    messages = refusal(
        lambda: services.report_omzet(
            application=application, moment="during", monthly_omzet=1, by=bu_sri
        )
    )

    assert messages == ["Pilih sebelum atau sesudah pameran."]


# Reminders


def test_a_reminder_mails_the_owner_in_their_language_and_writes_the_whatsapp_message(
    application, settings
):
    settings.PORTAL_URL = "https://expo.example.go.id"
    url = f"https://expo.example.go.id/dasbor/laporan/{application.pk}/"
    deadline = id_date(application.edition.reporting_deadline)

    link = services.remind(application=application)

    assert [message.subject for message in mail.outbox] == [
        "Laporan penjualan Anda untuk Kasmex 2030"
    ]
    body = mail.outbox[0].body
    assert "Halo Keripik Tempe Bu Sri," in body
    assert f"Anda dapat mengisi dan memperbaiki laporan sampai {deadline}:\n{url}" in body
    assert mail.outbox[0].to == ["bu.sri@example.com"]
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("wa.me", "/6281234567890")
    assert parse_qs(parts.query) == {
        "text": [
            f"Halo Keripik Tempe Bu Sri, mohon laporkan penjualan Anda di Kasmex 2030 paling "
            f"lambat {deadline}: {url}"
        ]
    }


def test_a_reminder_in_english_for_an_owner_who_reads_english(application):
    exhibitor = application.exhibitor
    exhibitor.language = "en"
    exhibitor.whatsapp = ""
    exhibitor.save()

    link = services.remind(application=application)

    assert link is None
    assert [message.subject for message in mail.outbox] == ["Your sales report for Kasmex 2030"]
    assert "Please report your sales of each day" in mail.outbox[0].body


def test_a_stand_that_does_not_report_gets_no_reminder(application):
    Application.objects.filter(pk=application.pk).update(reports_sales=False)

    messages = refusal(lambda: services.remind(application=application))

    assert messages == ["Stan ini tidak diminta laporan penjualan."]
    assert mail.outbox == []


# Selectors


def test_missing_reports_are_the_participants_asked_that_reported_no_day(application, bu_sri):
    edition = application.edition
    silent = ApplicationFactory(edition=edition, accepted=True, exhibitor__name="Batik Sekar")
    ApplicationFactory(edition=edition, accepted=True, reports_sales=False)
    ApplicationFactory(edition=edition)
    report(application, bu_sri)

    assert list(selectors.missing_reports(edition=edition)) == [silent]


def test_the_owner_report_adds_up_its_days_and_orders(application, bu_sri):
    edition = application.edition
    report(application, bu_sri)
    report(application, bu_sri, day=edition.ends_on, amount=500_001, transactions=3)
    order(application, bu_sri, value=2_000_000)
    order(application, bu_sri, value=3_000_000)

    owner_report = selectors.owner_report(application=application)

    assert [(row.day, row.sales and row.sales.amount) for row in owner_report.days] == [
        (edition.starts_on, 1_500_000),
        (edition.starts_on + DAY, None),
        (edition.ends_on, 500_001),
    ]
    assert (
        owner_report.total_amount,
        owner_report.total_non_cash,
        owner_report.total_transactions,
        owner_report.total_orders,
        owner_report.total,
    ) == (2_000_001, 800_000, 28, 5_000_000, 7_000_001)


def test_the_dashboard_reads_the_days_and_the_sales_reported(application, bu_sri):
    report(application, bu_sri)
    report(application, bu_sri, day=application.edition.ends_on, amount=1, non_cash_amount=0)
    order(application, bu_sri, value=2_000_000)
    other = ApplicationFactory(exhibitor=application.exhibitor, edition=ended_edition())

    figures = {
        row.pk: (row.days_reported, row.sales_reported)
        for row in own_applications(exhibitor=application.exhibitor)
    }

    assert figures == {application.pk: (2, 3_500_001), other.pk: (0, 0)}
