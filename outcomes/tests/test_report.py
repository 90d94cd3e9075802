"""The impact report of an edition, checked against figures worked out by hand for a
small edition: three participants over two days, an order from Malang and one from
abroad, an institution that has not reported, one day's sales flagged for a check."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exhibitors.models import Application, Category, Exhibitor
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.models import Organisation, Region
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG, EditionFactory
from outcomes import services
from outcomes.models import GateCount, Order, PageViews
from outcomes.report import impact_report

pytestmark = pytest.mark.django_db

KABUPATEN_MALANG = "35.07"


def participant(edition, *, name, slug, **options):
    exhibitor_options = {
        key: options.pop(key)
        for key in ("kind", "category", "scale", "region_id")
        if key in options
    }
    exhibitor = ExhibitorFactory(name=name, slug=slug, **exhibitor_options)
    return ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True, **options)


def build_small_edition():
    """Kasmex of last week, by hand:

    Keripik Tempe Bu Sri (kuliner, mikro, Kabupaten Semarang, booth): day 1 Rp1.500.000
    in 30 transactions (Rp500.000 non-cash), day 2 Rp2.000.000 in 40 (Rp800.000); an
    order of Rp5.000.000 from a reseller in Kabupaten Malang; omzet Rp10 → Rp11 juta.

    Batik Tulis Sekar (wastra, kecil, Kota Semarang: outside; booth and virtual): day 1
    Rp3.000.000 in 10, all non-cash; day 2 Rp1.200.000.000 in 2, all non-cash, confirmed
    and flagged; a contract of Rp20.000.000 with a distributor in Malaysia, an order of
    Rp7.000.000 still being explored; omzet Rp20 → Rp23 juta.

    Dinas Koperasi (an institution, jasa, virtual): asked for a report, has not given
    one; its omzet before alone (Rp50 juta), so it is no respondent.
    """
    organisation = Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")
    today = timezone.localdate()
    first, second = today - datetime.timedelta(days=3), today - datetime.timedelta(days=2)
    edition = EditionFactory(
        name="Kasmex Minggu Lalu",
        organisation=organisation,
        starts_on=first,
        ends_on=second,
        target_sales=1_000_000_000,
        target_visitors=3_000,
    )
    staff = UserFactory(username="panitia.kasmex", is_staff=True)
    sri = participant(
        edition,
        name="Keripik Tempe Bu Sri",
        slug="keripik-tempe-bu-sri",
        category=Category.CULINARY,
        scale=Exhibitor.Scale.MICRO,
        region_id=KABUPATEN_SEMARANG,
        mode=Application.Mode.BOOTH,
    )
    sekar = participant(
        edition,
        name="Batik Tulis Sekar",
        slug="batik-tulis-sekar",
        category=Category.BATIK,
        scale=Exhibitor.Scale.SMALL,
        region_id=KOTA_SEMARANG,
        mode=Application.Mode.BOOTH_AND_VIRTUAL,
    )
    dinas = participant(
        edition,
        name="Dinas Koperasi",
        slug="dinas-koperasi",
        kind=Exhibitor.Kind.INSTITUTION,
        category=Category.SERVICES,
        scale="",
        region_id=KABUPATEN_SEMARANG,
        mode=Application.Mode.VIRTUAL,
    )
    for application, day, amount, transactions, non_cash in [
        (sri, first, 1_500_000, 30, 500_000),
        (sri, second, 2_000_000, 40, 800_000),
        (sekar, first, 3_000_000, 10, 3_000_000),
        (sekar, second, 1_200_000_000, 2, 1_200_000_000),
    ]:
        services.report_day(
            application=application,
            day=day,
            amount=amount,
            transactions=transactions,
            non_cash_amount=non_cash,
            by=staff,
            confirm_large=True,
        )
    for application, buyer, kind, region, country, value, status in [
        (sri, "CV Oleh-Oleh Malang", "reseller", KABUPATEN_MALANG, "ID", 5_000_000, "pesanan"),
        (sekar, "Kedai Batik KL", "distributor", None, "MY", 20_000_000, "kontrak"),
        (sekar, "Toko Kain Solo", "reseller", None, "ID", 7_000_000, "penjajakan"),
    ]:
        services.record_order(
            application=application,
            by=staff,
            buyer_name=buyer,
            buyer_kind=kind,
            buyer_region=Region.objects.get(code=region) if region else None,
            buyer_country=country,
            value=value,
            status=status,
        )
    for application, moment, omzet in [
        (sri, "before", 10_000_000),
        (sri, "after", 11_000_000),
        (sekar, "before", 20_000_000),
        (sekar, "after", 23_000_000),
        (dinas, "before", 50_000_000),
    ]:
        services.report_omzet(application=application, moment=moment, monthly_omzet=omzet, by=staff)
    GateCount.objects.create(edition=edition, day=first, visitors=1_200)
    GateCount.objects.create(edition=edition, day=second, visitors=1_500)
    PageViews.objects.bulk_create(
        [
            PageViews(edition=edition, day=first, views=300),
            PageViews(edition=edition, day=second, views=400),
            PageViews(edition=edition, exhibitor=sri.exhibitor, day=first, views=120),
            PageViews(edition=edition, exhibitor=sekar.exhibitor, day=second, views=80),
            PageViews(edition=edition, exhibitor=dinas.exhibitor, day=second, views=500),
            # Read the day before the expo: counted, on a day of its own.
            PageViews(
                edition=edition,
                exhibitor=sri.exhibitor,
                day=first - datetime.timedelta(days=1),
                views=50,
            ),
        ]
    )
    return {
        "edition": edition,
        "organisation": organisation,
        "staff": staff,
        "sri": sri,
        "sekar": sekar,
        "dinas": dinas,
        "first": first,
        "second": second,
    }


@pytest.fixture
def small_edition():
    return build_small_edition()


def test_the_totals_are_those_worked_out_by_hand(small_edition):
    report = impact_report(edition=small_edition["edition"])
    totals = report.totals

    assert (totals.participants, totals.expected, totals.reported) == (3, 3, 2)
    assert totals.reporting_rate == Decimal("66.7")
    assert totals.retail == 1_206_500_000
    assert (totals.cash, totals.non_cash) == (2_200_000, 1_204_300_000)
    assert totals.transactions == 82
    assert (totals.orders, totals.order_count) == (25_000_000, 2)
    assert report.orders_explored == 7_000_000
    assert totals.total == 1_231_500_000
    assert (report.sales_target.target, report.sales_target.percent) == (
        1_000_000_000,
        Decimal("123.2"),
    )
    assert (report.gate_visitors, report.page_views, report.visitors) == (2_700, 1_450, 2_700)
    assert report.visitors_target.percent == Decimal("90.0")
    assert all(isinstance(value, int) for value in (totals.retail, totals.total, totals.orders))


def test_each_breakdown_is_the_one_worked_out_by_hand(small_edition):
    report = impact_report(edition=small_edition["edition"])

    assert [(r.key, r.figures.participants, r.figures.total) for r in report.by_category] == [
        ("kuliner", 1, 8_500_000),
        ("wastra", 1, 1_223_000_000),
        ("jasa", 1, 0),
    ]
    assert [(row.key, row.figures.participants, row.figures.total) for row in report.by_origin] == [
        ("True", 2, 8_500_000),
        ("False", 1, 1_223_000_000),
    ]
    assert [(row.key, row.label, row.figures.total) for row in report.by_region] == [
        ("33.22", "Kabupaten Semarang", 8_500_000),
        ("33.74", "Kota Semarang", 1_223_000_000),
    ]
    assert report.by_delegation == []  # no partner office brought anyone
    assert [(row.key, row.figures.total) for row in report.by_scale] == [
        ("mikro", 8_500_000),
        ("kecil", 1_223_000_000),
        ("", 0),
    ]
    assert [(row.key, row.figures.total) for row in report.by_mode] == [
        ("booth", 8_500_000),
        ("both", 1_223_000_000),
        ("virtual", 0),
    ]
    first, second = small_edition["first"], small_edition["second"]
    assert [
        (d.day, d.is_expo_day, d.retail, d.non_cash, d.transactions, d.gate_visitors, d.page_views)
        for d in report.days
    ] == [
        (first - datetime.timedelta(days=1), False, 0, 0, 0, 0, 50),
        (first, True, 4_500_000, 3_500_000, 40, 1_200, 420),
        (second, True, 1_202_000_000, 1_200_800_000, 42, 1_500, 980),
    ]
    assert [(row.status, row.count, row.value, row.counted) for row in report.orders_by_status] == [
        ("penjajakan", 1, 7_000_000, False),
        ("pesanan", 1, 5_000_000, True),
        ("kontrak", 1, 20_000_000, True),
        ("repeat", 0, 0, True),
    ]
    assert [(row.key, row.origin, row.value) for row in report.orders_by_buyer] == [
        (KABUPATEN_MALANG, "indonesia", 5_000_000),
        ("MY", "abroad", 20_000_000),
    ]


def test_every_breakdown_adds_up_to_the_totals(small_edition):
    report = impact_report(edition=small_edition["edition"])
    totals = report.totals

    for breakdown in (
        report.by_category,
        report.by_origin,
        report.by_region,
        report.by_scale,
        report.by_mode,
    ):
        added = sum((row.figures for row in breakdown), start=type(totals)())
        assert added == totals
    assert sum(day.retail for day in report.days) == totals.retail
    assert sum(day.non_cash for day in report.days) == totals.non_cash
    assert sum(day.transactions for day in report.days) == totals.transactions
    assert sum(row.value for row in report.orders_by_status if row.counted) == totals.orders
    assert sum(row.value for row in report.orders_by_buyer) == totals.orders


def test_the_top_ten_are_umkm_ranked_by_sales_and_by_page_views(small_edition):
    report = impact_report(edition=small_edition["edition"])

    # The institution's page was read most, but it is no UMKM.
    assert [(row.rank, row.name, row.value) for row in report.top_by_sales] == [
        (1, "Batik Tulis Sekar", 1_223_000_000),
        (2, "Keripik Tempe Bu Sri", 8_500_000),
    ]
    assert [(row.rank, row.name, row.value) for row in report.top_by_page_views] == [
        (1, "Keripik Tempe Bu Sri", 170),
        (2, "Batik Tulis Sekar", 80),
    ]


def test_the_omzet_is_averaged_over_those_who_gave_both_and_never_extrapolated(small_edition):
    omzet = impact_report(edition=small_edition["edition"]).omzet

    assert (omzet.respondents, omzet.gave_before, omzet.gave_after) == (2, 3, 2)
    assert (omzet.before, omzet.after) == (15_000_000, 17_000_000)
    assert omzet.rise_percent == Decimal("13.3")


def test_the_flagged_day_is_listed_for_the_organisers(small_edition):
    flagged = impact_report(edition=small_edition["edition"]).flagged

    assert [(entry.kind, entry.exhibitor, entry.amount) for entry in flagged] == [
        ("sales", "Batik Tulis Sekar", 1_200_000_000)
    ]


def test_earlier_editions_of_the_organisation_with_reports_are_compared(small_edition):
    edition, staff = small_edition["edition"], small_edition["staff"]
    earlier = EditionFactory(
        name="Kasmex Tahun Lalu",
        year=2029,
        organisation=small_edition["organisation"],
        starts_on=edition.starts_on - datetime.timedelta(days=365),
        ends_on=edition.ends_on - datetime.timedelta(days=365),
    )
    application = participant(earlier, name="Tenun Lama", slug="tenun-lama")
    services.report_day(
        application=application,
        day=earlier.starts_on,
        amount=4_000_000,
        transactions=8,
        non_cash_amount=0,
        by=staff,
    )
    GateCount.objects.create(edition=earlier, day=earlier.starts_on, visitors=900)
    # Without reports, or of another office: not compared.
    EditionFactory(
        name="Kasmex Tanpa Laporan",
        organisation=small_edition["organisation"],
        starts_on=edition.starts_on - datetime.timedelta(days=730),
        ends_on=edition.ends_on - datetime.timedelta(days=730),
    )
    other = EditionFactory(
        name="Expo Kabupaten Lain",
        organisation=Organisation.objects.create(name="Dinas Kabupaten Lain"),
        starts_on=earlier.starts_on,
        ends_on=earlier.ends_on,
    )
    services.report_day(
        application=participant(other, name="Lain", slug="lain"),
        day=other.starts_on,
        amount=9_000_000,
        transactions=9,
        non_cash_amount=0,
        by=staff,
    )

    editions = impact_report(edition=edition).editions

    assert [(e.name, e.participants, e.total, e.gate_visitors) for e in editions] == [
        ("Kasmex Tahun Lalu", 1, 4_000_000, 900),
        ("Kasmex Minggu Lalu", 3, 1_231_500_000, 2_700),
    ]


def test_an_edition_without_reports_has_zeros_and_no_rates():
    edition = EditionFactory()

    report = impact_report(edition=edition)

    assert report.totals.total == 0
    assert report.totals.reporting_rate is None
    assert report.sales_target is None
    assert (report.omzet.respondents, report.omzet.before, report.omzet.rise_percent) == (
        0,
        None,
        None,
    )
    assert [day.day for day in report.days] == [
        edition.starts_on + datetime.timedelta(days=n) for n in range(3)
    ]
    assert report.by_category == report.editions == report.flagged == []


def edition_with(count):
    """An edition with ``count`` participants, each with a day's sales, an order, its
    omzet before and after and page views."""
    staff = UserFactory(username="panitia", is_staff=True)
    today = timezone.localdate()
    edition = EditionFactory(
        organisation=Organisation.objects.create(name=f"Dinas {count}"),
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today - datetime.timedelta(days=1),
    )
    categories = list(Category)
    for number in range(count):
        application = participant(
            edition,
            name=f"UMKM {number}",
            slug=f"umkm-{count}-{number}",
            category=categories[number % len(categories)],
            region_id=[KABUPATEN_SEMARANG, KOTA_SEMARANG][number % 2],
            mode=list(Application.Mode)[number % 3],
        )
        services.report_day(
            application=application,
            day=edition.starts_on,
            amount=100_000 * (number + 1),
            transactions=number + 1,
            non_cash_amount=0,
            by=staff,
        )
        services.record_order(
            application=application,
            by=staff,
            buyer_name="Pembeli",
            buyer_kind=Order.BuyerKind.PERSON,
            value=50_000,
            status=Order.Status.ORDERED,
        )
        for moment in ("before", "after"):
            services.report_omzet(
                application=application, moment=moment, monthly_omzet=1_000_000, by=staff
            )
        PageViews.objects.create(
            edition=edition, exhibitor=application.exhibitor, day=edition.starts_on, views=number
        )
    return edition


def queries_of_report(edition):
    edition.refresh_from_db()  # no host regions read before
    with CaptureQueriesContext(connection) as queries:
        report = impact_report(edition=edition)
    return len(queries), report


def test_the_report_takes_as_many_queries_for_30_participants_as_for_3():
    few, few_report = queries_of_report(edition_with(3))
    many, many_report = queries_of_report(edition_with(30))

    assert few_report.totals.participants == 3
    assert many_report.totals.participants == 30
    assert many_report.totals.retail == sum(100_000 * n for n in range(1, 31))
    # 18, and 3 for the klaster (whose members may count in two): participants, sales, orders;
    # 3 for the guests and the gates: the guests, their check-ins, the gate counts; and one
    # for each part the apps above add: the buyers' inquiries, the business meetings.
    assert few == many == 26
