"""Sales reports for the demo editions (``manage.py load_demo``, console).

Kasmex 2021 gets what its participants might have reported over its three days: most
stands reported, a few did not, the Dinas's service stand sells nothing; a handful of
orders, one from Kota Malang and one from Malaysia; the omzet before and after of some;
the visitors at the gate and the page views. The figures are made up, from a seed per
participant, so every run writes the same ones; every row is keyed (a day's sales by
participant and day, an order by participant and buyer), so loading again updates it.

The rows are written directly rather than through the reporting services, as the booths
demo creates its applications: a 2021 edition's reporting deadline has long passed.

The generated scale edition gets three days of reports for each of its participants
that has none yet (``load_demo --with-reports``), written in bulk, for the bench.
"""

import datetime
import random
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from core import public_cache
from exhibitors.models import Application, Category
from expo.models import Region
from outcomes.models import DailySales, GateCount, OmzetReport, Order, PageViews

BATCH_SIZE = 2000
KASMEX_RESULTS = {
    "target_sales": 300_000_000,
    "target_visitors": 8_000,
    "reports_close_on": datetime.date(2021, 11, 28),
    "publish_sales": True,
    "publish_visits": True,
    "publish_participants": True,
}
# Kasmex's stands by exhibitor slug (booths.demo.kasmex names them).
SERVICE_STAND = "dinas-koperasi-ukm-perindag-kabupaten-semarang"  # a clinic: sells nothing
NOT_REPORTED = (
    "bank-jateng-cabang-ungaran",
    "sayur-organik-tani-makmur",
    "manik-kaca-ayu",
    "rumah-kemasan-ungaran",
)
TWO_DAYS_REPORTED = ("serabi-ngampin-mbok-darmi", "krisan-bandungan-asri")
# What a stand of each kind sells in a day, in rupiah, and what one purchase costs.
DAY_SALES = {
    Category.CULINARY: (1_200_000, 4_500_000, 25_000),
    Category.FARM: (600_000, 3_000_000, 40_000),
    Category.BATIK: (2_000_000, 9_000_000, 300_000),
    Category.FASHION: (900_000, 4_500_000, 120_000),
    Category.CRAFT: (700_000, 4_000_000, 90_000),
    Category.ACCESSORIES: (400_000, 2_000_000, 35_000),
    Category.FURNITURE: (3_000_000, 14_000_000, 1_500_000),
    Category.BEAUTY: (500_000, 2_500_000, 30_000),
    Category.SERVICES: (300_000, 1_500_000, 50_000),
    Category.OTHER: (300_000, 1_500_000, 50_000),
}
GATE_VISITORS = (2_150, 2_730, 3_410)  # Friday to Sunday
EDITION_PAGE_VIEWS = (410, 1_320, 1_650, 1_480, 390)  # the day before to the day after


@dataclass(frozen=True)
class DemoOrder:
    exhibitor: str
    buyer_name: str
    buyer_kind: str
    value: int
    status: str
    region: str | None = None
    country: str = "ID"


KASMEX_ORDERS = (
    DemoOrder(
        "topeng-malangan-panji-laras",
        "Toko Oleh-Oleh Arema",
        Order.BuyerKind.RESELLER,
        4_500_000,
        Order.Status.ORDERED,
        region="35.73",  # Kota Malang
    ),
    DemoOrder(
        "mebel-jati-karya-mandiri",
        "Syarikat Perabot Jati Johor",
        Order.BuyerKind.EXPORTER,
        38_000_000,
        Order.Status.CONTRACT,
        country="MY",
    ),
    DemoOrder(
        "batik-sekar-gemawang",
        "Dinas Pendidikan Kabupaten Semarang",
        Order.BuyerKind.INSTITUTION,
        27_500_000,
        Order.Status.CONTRACT,
        region="33.22",
    ),
    DemoOrder(
        "kopi-gunung-kelir",
        "Kafe Tepi Rawa",
        Order.BuyerKind.RESELLER,
        6_000_000,
        Order.Status.REPEAT,
        region="33.22",
    ),
    DemoOrder(
        "kerajinan-eceng-gondok-sumber-kreasi",
        "CV Griya Kriya Semarang",
        Order.BuyerKind.DISTRIBUTOR,
        12_000_000,
        Order.Status.EXPLORING,
        region="33.74",
    ),
)
OMZET_REPORTED = (
    "kopi-gunung-kelir",
    "tahu-bakso-ungaran-bu-rini",
    "keripik-pisang-sari-arum",
    "sambal-bawang-mbak-nyah",
    "gula-semut-aren-lereng-ungaran",
    "batik-sekar-gemawang",
    "batik-pewarna-alam-sekar-polokarto",
    "kaos-sepur-ambarawa",
    "anyaman-bambu-pring-sewu",
    "jamu-seger-waras",
)


@dataclass(frozen=True)
class Loaded:
    participants: int  # participants given reports
    days: int  # days of sales reported
    orders: int


def load_kasmex_reports(*, edition, by):
    """Give Kasmex 2021 (``edition``) its reports; ``by`` counted the visitors at the gate."""
    for field, value in KASMEX_RESULTS.items():
        setattr(edition, field, value)
    edition.save(update_fields=list(KASMEX_RESULTS))
    applications = {
        application.exhibitor.slug: application
        for application in Application.objects.accepted()
        .filter(edition=edition)
        .select_related("exhibitor")
    }
    service_stand = applications[SERVICE_STAND]
    if service_stand.reports_sales:
        service_stand.reports_sales = False
        service_stand.save(update_fields=["reports_sales"])

    days = [edition.starts_on + datetime.timedelta(days=n) for n in range(3)]
    reported = [
        application
        for slug, application in applications.items()
        if slug not in (*NOT_REPORTED, SERVICE_STAND)
    ]
    day_count = 0
    for application in reported:
        slug = application.exhibitor.slug
        rng = random.Random(f"{edition.slug}:{slug}")
        for day in days[:2] if slug in TWO_DAYS_REPORTED else days:
            amount, transactions, non_cash = _day_sales(rng, application.exhibitor.category)
            DailySales.objects.update_or_create(
                application=application,
                day=day,
                defaults={
                    "amount": amount,
                    "transactions": transactions,
                    "non_cash_amount": non_cash,
                },
            )
            day_count += 1
        if slug in OMZET_REPORTED:
            before = rng.randrange(8, 45) * 1_000_000
            after = before * rng.randrange(98, 125) // 100 // 500_000 * 500_000
            for moment, omzet in (
                (OmzetReport.Moment.BEFORE, before),
                (OmzetReport.Moment.AFTER, after),
            ):
                OmzetReport.objects.update_or_create(
                    application=application, moment=moment, defaults={"monthly_omzet": omzet}
                )
        for page_day in days:
            PageViews.objects.update_or_create(
                edition=edition,
                exhibitor=application.exhibitor,
                day=page_day,
                defaults={"views": rng.randrange(8, 90)},
            )
    for order in KASMEX_ORDERS:
        Order.objects.update_or_create(
            application=applications[order.exhibitor],
            buyer_name=order.buyer_name,
            defaults={
                "buyer_kind": order.buyer_kind,
                "buyer_region_id": order.region,
                "buyer_country": order.country,
                "value": order.value,
                "status": order.status,
            },
        )
    for day, visitors in zip(days, GATE_VISITORS, strict=True):
        GateCount.objects.update_or_create(
            edition=edition, day=day, defaults={"visitors": visitors, "entered_by": by}
        )
    first_page_day = edition.starts_on - datetime.timedelta(days=1)
    for offset, views in enumerate(EDITION_PAGE_VIEWS):
        PageViews.objects.update_or_create(
            edition=edition,
            exhibitor=None,
            day=first_page_day + datetime.timedelta(days=offset),
            defaults={"views": views},
        )
    return Loaded(participants=len(reported), days=day_count, orders=len(KASMEX_ORDERS))


def _day_sales(rng, category):
    """A day's takings at a stand of ``category``: amount, transactions, the non-cash part."""
    low, high, ticket = DAY_SALES[category]
    amount = rng.randrange(low, high) // 5_000 * 5_000
    transactions = max(1, round(amount / ticket * rng.uniform(0.7, 1.3)))
    non_cash = amount * rng.randrange(15, 55) // 100 // 1_000 * 1_000
    return amount, transactions, non_cash


def add_generated_reports(*, edition):
    """Three days of reports for each participant of ``edition`` that has none: sales every
    day (some days none at all), an order for one in ten, the omzet of some, page views.
    Written in bulk: the scale edition has 10,000 participants."""
    applications = list(
        Application.objects.accepted()
        .filter(edition=edition)
        .exclude(Exists(DailySales.objects.filter(application=OuterRef("pk"))))
        .select_related("exhibitor")
        .order_by("pk")
    )
    if not applications:
        return Loaded(participants=0, days=0, orders=0)
    rng = random.Random(applications[0].pk)
    regions = list(Region.objects.values_list("code", flat=True))
    days = [edition.starts_on + datetime.timedelta(days=n) for n in range(3)]
    sales, orders, omzet, views = [], [], [], []
    for application in applications:
        for day in days:
            if rng.random() < 0.1:  # a day without a sale, reported as such
                amount, transactions, non_cash = 0, 0, 0
            else:
                amount, transactions, non_cash = _day_sales(rng, application.exhibitor.category)
            sales.append(
                DailySales(
                    application=application,
                    day=day,
                    amount=amount,
                    transactions=transactions,
                    non_cash_amount=non_cash,
                )
            )
            views.append(
                PageViews(
                    edition=edition,
                    exhibitor=application.exhibitor,
                    day=day,
                    views=rng.randrange(0, 60),
                )
            )
        if rng.random() < 0.1:
            abroad = rng.random() < 0.1
            orders.append(
                Order(
                    application=application,
                    buyer_name=f"Pembeli {application.pk}",
                    buyer_kind=rng.choice(Order.BuyerKind.values),
                    buyer_region_id=None if abroad else rng.choice(regions),
                    buyer_country=rng.choice(("MY", "SG", "JP")) if abroad else "ID",
                    value=rng.randrange(1, 60) * 500_000,
                    status=rng.choice(Order.Status.values),
                )
            )
        if rng.random() < 0.4:
            before = rng.randrange(3, 60) * 1_000_000
            omzet.append(
                OmzetReport(
                    application=application, moment=OmzetReport.Moment.BEFORE, monthly_omzet=before
                )
            )
            if rng.random() < 0.6:
                omzet.append(
                    OmzetReport(
                        application=application,
                        moment=OmzetReport.Moment.AFTER,
                        monthly_omzet=before * rng.randrange(95, 130) // 100,
                    )
                )
    for model, rows in ((DailySales, sales), (Order, orders), (OmzetReport, omzet)):
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    PageViews.objects.bulk_create(
        [
            *views,
            *(
                PageViews(edition=edition, day=day, views=rng.randrange(2_000, 6_000))
                for day in days
            ),
        ],
        batch_size=BATCH_SIZE,
        # The edition's own pages may have their days already, from an earlier run.
        ignore_conflicts=True,
    )
    public_cache.changed()  # written in bulk, without the signals that would say so
    return Loaded(participants=len(applications), days=len(sales), orders=len(orders))
