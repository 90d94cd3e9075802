"""The impact report of an edition: what the Dinas hands to the Bupati after the expo.

Plain data, every rupiah an exact ``int``. Each figure is added up by PostgreSQL
(``GROUP BY``) in a fixed number of queries, whatever the number of participants; Python
only folds the groups (a category, a region, a day: a few hundred at most) into the
breakdowns, so every breakdown adds up to the same totals.

What counts as a transaction: the retail sales of the days, plus the orders a buyer
placed (an order, a contract or MoU, a repeat order). Orders still being explored
(penjajakan) are shown apart and counted in no total: nothing was bought yet.
"""

import datetime
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.db import total_per_row
from exhibitors.models import Application, Category, Exhibitor
from exhibitors.selectors import is_from_host_region
from expo.models import Edition
from guests import selectors as guest_selectors
from outcomes.forms import COUNTRY_NAMES
from outcomes.models import DailySales, GateCount, OmzetReport, Order, PageViews

TOP = 10
INDONESIA = "ID"
# A participant's figures are grouped by these, and every breakdown folds the groups.
DIMENSIONS = {
    "category": "exhibitor__category",
    "scale": "exhibitor__scale",
    "kind": "exhibitor__kind",
    "mode": "mode",
    "region": "exhibitor__region_id",
    "delegation": "delegation__organisation__name",
    "kecamatan": "exhibitor__kecamatan_id",
}


def percent(part, whole):
    """``part`` of ``whole`` in percent, to one decimal; None without a whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def average(total, count):
    """The average of ``count`` amounts adding up to ``total``, in whole rupiah."""
    return (2 * total + count) // (2 * count) if count else None


@dataclass(frozen=True)
class Figures:
    """What a group of participants (or all of them) brought."""

    participants: int = 0
    expected: int = 0  # asked for a sales report (not an office's service stand)
    reported: int = 0  # of those, how many reported at least one day
    retail: int = 0
    non_cash: int = 0
    transactions: int = 0  # the number of retail transactions
    orders: int = 0  # the value of the orders counted
    order_count: int = 0

    def __add__(self, other):
        # Field by field, not ``astuple``: it deep-copies, and a report adds thousands.
        return Figures(*(getattr(self, name) + getattr(other, name) for name in FIGURES))

    @property
    def total(self):
        """The transactions in rupiah: retail sales and orders."""
        return self.retail + self.orders

    @property
    def cash(self):
        return self.retail - self.non_cash

    @property
    def reporting_rate(self):
        return percent(self.reported, self.expected)


FIGURES = [field.name for field in fields(Figures)]


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class Target:
    target: int
    achieved: int

    @property
    def percent(self):
        return percent(self.achieved, self.target)


@dataclass(frozen=True)
class Day:
    day: datetime.date
    is_expo_day: bool
    retail: int = 0
    non_cash: int = 0
    transactions: int = 0
    gate_visitors: int = 0
    page_views: int = 0


@dataclass(frozen=True)
class OrderStatusRow:
    status: str
    label: str
    count: int
    value: int
    counted: bool  # in the transactions, or only being explored


@dataclass(frozen=True)
class BuyerRow:
    """Orders counted, by where the buyer is: a regency or city, or a country abroad."""

    key: str
    label: str
    origin: str  # "host", "indonesia" or "abroad"
    count: int
    value: int


@dataclass(frozen=True)
class TopRow:
    rank: int
    name: str
    region: str
    value: int


@dataclass(frozen=True)
class Omzet:
    """The average monthly omzet before and after the expo, among the respondents who
    gave both: a figure with its number of respondents, never extrapolated."""

    respondents: int
    before: int | None
    after: int | None
    gave_before: int
    gave_after: int

    @property
    def rise_percent(self):
        if self.before is None:
            return None
        return percent(self.after - self.before, self.before)


@dataclass(frozen=True)
class Flagged:
    """An entry far beyond what an UMKM usually sells, for the organisers to check."""

    kind: str  # "sales" or "order"
    pk: int
    exhibitor: str
    what: str
    amount: int


@dataclass(frozen=True)
class EditionResult:
    name: str
    year: int
    participants: int
    retail: int
    orders: int
    gate_visitors: int
    is_this_edition: bool = False

    @property
    def total(self):
        return self.retail + self.orders


@dataclass(frozen=True)
class ImpactReport:
    edition: Edition
    totals: Figures
    orders_explored: int  # value of the orders still being explored, in no total
    sales_target: Target | None
    visitors: int  # at the gate, or for a virtual edition the page views
    visitors_target: Target | None
    gate_visitors: int
    page_views: int
    days: list
    by_category: list
    by_origin: list
    by_region: list
    by_delegation: list  # empty for an edition without partner delegations
    by_kecamatan: list
    by_klaster: list
    by_scale: list
    by_mode: list
    orders_by_status: list
    orders_by_buyer: list
    top_by_sales: list
    top_by_page_views: list
    omzet: Omzet
    flagged: list
    editions: list  # the earlier editions of the organisation with reports, then this one
    guests: list  # guests.selectors.AttendanceDay per day at the venue
    gates: list  # (day, gate, visitors), a row per gate counted
    sections: list  # the ``Section`` of each app that registered one and has rows


@dataclass(frozen=True)
class Section:
    """A part of the report an app above this one adds (``register_section``): a title
    and its rows of a label and a count."""

    key: str
    title: str
    rows: list


_sections = []


def register_section(compute):
    """Add ``compute(edition)`` (a ``Section``, or None when it has nothing to tell) to
    every impact report, after its own parts: the apps above ``outcomes`` (buyers'
    inquiries, business meetings) count what came of them here without the report
    naming them. Registered from their ``AppConfig.ready``."""
    if compute not in _sections:
        _sections.append(compute)


def impact_report(*, edition):
    participants = Application.objects.accepted().filter(edition=edition)
    sales = DailySales.objects.filter(application__in=participants)
    orders = Order.objects.filter(application__in=participants)
    counted_orders = orders.counted()

    totals = _totals(participants, sales, counted_orders)
    groups = _groups(participants, sales, counted_orders)
    days = _days(edition, sales)
    gate_visitors = sum(day.gate_visitors for day in days)
    page_views = sum(day.page_views for day in days)
    visitors = gate_visitors if edition.has_venue else page_views
    orders_by_status = _orders_by_status(orders)
    return ImpactReport(
        edition=edition,
        totals=totals,
        orders_explored=sum(row.value for row in orders_by_status if not row.counted),
        sales_target=_target(edition.target_sales, totals.total),
        visitors=visitors,
        visitors_target=_target(edition.target_visitors, visitors),
        gate_visitors=gate_visitors,
        page_views=page_views,
        days=days,
        by_category=_fold(groups, "category", _category_label, order=list(Category)),
        by_origin=_fold(
            groups,
            "inside",
            lambda inside: (
                _("Inside the host regions") if inside else _("Outside the host regions")
            ),
            order=[True, False],
        ),
        by_region=_fold(groups, "region", lambda code: groups.region_names[code], order=None),
        by_delegation=_by_delegation(groups),
        by_kecamatan=_fold(
            groups, "kecamatan", lambda code: groups.kecamatan_names[code], order=None
        ),
        by_klaster=_by_klaster(participants, sales, counted_orders),
        by_scale=_fold(groups, "scale", _scale_label, order=[*Exhibitor.Scale, ""]),
        by_mode=_fold(
            groups, "mode", lambda mode: Application.Mode(mode).label, order=list(Application.Mode)
        ),
        orders_by_status=orders_by_status,
        orders_by_buyer=_orders_by_buyer(edition, counted_orders),
        top_by_sales=_top_by_sales(participants),
        top_by_page_views=_top_by_page_views(edition),
        omzet=_omzet(participants),
        flagged=_flagged(sales, orders),
        editions=_editions(edition, totals, gate_visitors),
        guests=guest_selectors.attendance(edition=edition) if edition.has_venue else [],
        gates=list(
            GateCount.objects.filter(edition=edition)
            .order_by("day", "gate")
            .values_list("day", "gate", "visitors")
        ),
        sections=[section for compute in _sections if (section := compute(edition))],
    )


def _target(target, achieved):
    return Target(target=target, achieved=achieved) if target else None


def _reported():
    return Exists(DailySales.objects.filter(application=OuterRef("pk")))


def _participant_counts():
    return {
        "participants": Count("pk"),
        "expected": Count("pk", filter=Q(reports_sales=True)),
        "reported": Count("pk", filter=Q(reports_sales=True) & Q(_reported())),
    }


def _sales_sums():
    return {
        "retail": Coalesce(Sum("amount"), 0),
        "non_cash": Coalesce(Sum("non_cash_amount"), 0),
        "transactions": Coalesce(Sum("transactions"), 0),
    }


def _order_sums():
    return {"orders": Coalesce(Sum("value"), 0), "order_count": Count("pk")}


def _totals(participants, sales, counted_orders):
    return Figures(
        **participants.aggregate(**_participant_counts()),
        **sales.aggregate(**_sales_sums()),
        **counted_orders.aggregate(**_order_sums()),
    )


@dataclass
class _Groups:
    """Figures by (category, scale, kind, mode, region, kecamatan), with each region's
    name and whether it is one of the hosts, and each kecamatan's name (with its
    regency's: names repeat)."""

    figures: dict
    region_names: dict
    inside: dict
    kecamatan_names: dict


def _key(row, paths):
    # A profile without a kecamatan yet is a group of its own, keyed "".
    return tuple("" if row[path] is None else row[path] for path in paths)


def _groups(participants, sales, counted_orders):
    groups = _Groups(
        figures={}, region_names={}, inside={}, kecamatan_names={"": _("Kecamatan not given")}
    )
    rows = (
        participants.annotate(inside=is_from_host_region())
        .values(
            *DIMENSIONS.values(),
            "exhibitor__region__name",
            "exhibitor__kecamatan__name",
            "inside",
        )
        .annotate(**_participant_counts())
        .order_by()
    )
    counts = list(_participant_counts())
    for row in rows:
        key = _key(row, DIMENSIONS.values())
        groups.figures[key] = Figures(**{name: row[name] for name in counts})
        region = row["exhibitor__region_id"]
        groups.region_names[region] = row["exhibitor__region__name"]
        groups.inside[region] = row["inside"]
        if row["exhibitor__kecamatan_id"]:
            groups.kecamatan_names[row["exhibitor__kecamatan_id"]] = (
                f"{row['exhibitor__kecamatan__name']}, {row['exhibitor__region__name']}"
            )
    of_application = [f"application__{path}" for path in DIMENSIONS.values()]
    for queryset, sums in ((sales, _sales_sums()), (counted_orders, _order_sums())):
        for row in queryset.values(*of_application).annotate(**sums).order_by():
            key = _key(row, of_application)
            added = Figures(**{name: row[name] for name in sums})
            groups.figures[key] = groups.figures[key] + added
    return groups


def _fold(groups, dimension, label, *, order):
    """The groups added up by one dimension, in ``order`` (None: by label)."""
    folded = {}
    for key, figures in groups.figures.items():
        values = dict(zip(DIMENSIONS, key, strict=True))
        if dimension == "inside":
            value = groups.inside[values["region"]]
        elif dimension == "scale":
            # An institution has no business scale: it is a row of its own.
            value = values["scale"] if values["kind"] == Exhibitor.Kind.UMKM else ""
        else:
            value = values[dimension]
        folded[value] = folded.get(value, Figures()) + figures
    rows = [Row(key=str(value), label=label(value), figures=f) for value, f in folded.items()]
    if order is None:
        return sorted(rows, key=lambda row: (row.label, row.key))
    position = {str(value): index for index, value in enumerate(order)}
    return sorted(rows, key=lambda row: position[row.key])


def _by_delegation(groups):
    """Each partner office's delegation, after the host's own participants."""
    rows = _fold(
        groups, "delegation", lambda office: office or _("The host's own participants"), order=None
    )
    if all(row.key == "" for row in rows):
        return []
    return sorted(rows, key=lambda row: row.key != "")


def _by_klaster(participants, sales, counted_orders):
    """Figures by the klaster the participants are members of, then those in none. A
    member of two klaster counts in both, so these rows, unlike the others, may add up to
    more than the totals."""
    path = "exhibitor__klaster"
    figures, names = {}, {}
    rows = participants.values(path, f"{path}__name").annotate(**_participant_counts())
    for row in rows.order_by():
        figures[row[path]] = Figures(**{name: row[name] for name in _participant_counts()})
        names[row[path]] = row[f"{path}__name"]
    for queryset, sums in ((sales, _sales_sums()), (counted_orders, _order_sums())):
        of_application = f"application__{path}"
        for row in queryset.values(of_application).annotate(**sums).order_by():
            added = Figures(**{name: row[name] for name in sums})
            figures[row[of_application]] = figures[row[of_application]] + added
    rows = [
        Row(key="" if pk is None else str(pk), label=names[pk] or _("In no klaster"), figures=f)
        for pk, f in figures.items()
    ]
    return sorted(rows, key=lambda row: (row.key == "", row.label, row.key))


def _category_label(category):
    return Category(category).label


def _scale_label(scale):
    return Exhibitor.Scale(scale).label if scale else _("Institutions (instansi)")


def _days(edition, sales):
    """Every day of the expo (at the venue and online), and any other day that has
    sales, a gate count or page views, in order."""
    expo_days = _expo_days(edition)
    by_day = {day: {} for day in expo_days}
    for row in sales.values("day").annotate(**_sales_sums()).order_by():
        by_day.setdefault(row.pop("day"), {}).update(row)
    gates = (
        GateCount.objects.filter(edition=edition)
        .values("day")
        .annotate(visitors=Sum("visitors"))
        .order_by()
    )
    for row in gates:
        by_day.setdefault(row["day"], {})["gate_visitors"] = row["visitors"]
    page_views = (
        PageViews.objects.filter(edition=edition)
        .values("day")
        .annotate(views=Sum("views"))
        .order_by()
    )
    for row in page_views:
        by_day.setdefault(row["day"], {})["page_views"] = row["views"]
    return [Day(day=day, is_expo_day=day in expo_days, **by_day[day]) for day in sorted(by_day)]


def _expo_days(edition):
    periods = [(edition.starts_on, edition.ends_on)]
    if edition.online_starts_on:
        periods.append((edition.online_starts_on, edition.online_ends_on))
    return {
        first + datetime.timedelta(days=offset)
        for first, last in periods
        for offset in range((last - first).days + 1)
    }


def _orders_by_status(orders):
    found = {
        row["status"]: row
        for row in orders.values("status")
        .annotate(count=Count("pk"), value=Sum("value"))
        .order_by()
    }
    return [
        OrderStatusRow(
            status=status,
            label=status.label,
            count=found.get(status, {}).get("count", 0),
            value=found.get(status, {}).get("value", 0),
            counted=status != Order.Status.EXPLORING,
        )
        for status in Order.Status
    ]


def _orders_by_buyer(edition, counted_orders):
    host_codes = edition.host_region_codes
    rows = (
        counted_orders.values("buyer_country", "buyer_region_id", "buyer_region__name")
        .annotate(count=Count("pk"), value=Sum("value"))
        .order_by()
    )
    buyers = []
    for row in rows:
        region, country = row["buyer_region_id"], row["buyer_country"]
        if country != INDONESIA:
            key, label, origin = country, str(COUNTRY_NAMES.get(country, country)), "abroad"
        elif region is None:
            key, label, origin = INDONESIA, _("Indonesia, regency or city not given"), "indonesia"
        else:
            key, label = region, row["buyer_region__name"]
            origin = "host" if region in host_codes else "indonesia"
        buyers.append(BuyerRow(key, label, origin, row["count"], row["value"]))
    origins = {"host": 0, "indonesia": 1, "abroad": 2}
    return sorted(buyers, key=lambda buyer: (origins[buyer.origin], -buyer.value, buyer.key))


def _per(queryset, aggregate, *, per):
    """``aggregate`` over the rows of ``queryset`` that belong to each row of the outer
    query (``per``: the path from them to it), 0 where there are none."""
    return total_per_row(queryset, aggregate, **{per: "pk"})


def _top_by_sales(participants):
    rows = (
        participants.filter(exhibitor__kind=Exhibitor.Kind.UMKM)
        .annotate(
            retail=_per(DailySales.objects, Sum("amount"), per="application"),
            order_value=_per(Order.objects.counted(), Sum("value"), per="application"),
        )
        .annotate(total=F("retail") + F("order_value"))
        .filter(total__gt=0)
        .order_by("-total", "exhibitor__name", "pk")
        .values("exhibitor__name", "exhibitor__region__name", "total")[:TOP]
    )
    return [
        TopRow(rank, row["exhibitor__name"], row["exhibitor__region__name"], row["total"])
        for rank, row in enumerate(rows, start=1)
    ]


def _top_by_page_views(edition):
    rows = (
        PageViews.objects.filter(edition=edition, exhibitor__kind=Exhibitor.Kind.UMKM)
        .values("exhibitor_id", "exhibitor__name", "exhibitor__region__name")
        .annotate(views=Sum("views"))
        .filter(views__gt=0)
        .order_by("-views", "exhibitor__name", "exhibitor_id")[:TOP]
    )
    return [
        TopRow(rank, row["exhibitor__name"], row["exhibitor__region__name"], row["views"])
        for rank, row in enumerate(rows, start=1)
    ]


def _omzet(participants):
    Moment = OmzetReport.Moment
    both = participants.filter(
        Exists(OmzetReport.objects.filter(application=OuterRef("pk"), moment=Moment.BEFORE)),
        Exists(OmzetReport.objects.filter(application=OuterRef("pk"), moment=Moment.AFTER)),
    )
    of_both = Q(application__in=both)
    rows = {
        row["moment"]: row
        for row in OmzetReport.objects.filter(application__in=participants)
        .values("moment")
        .annotate(
            gave=Count("pk"),
            respondents=Count("pk", filter=of_both),
            total=Coalesce(Sum("monthly_omzet", filter=of_both), 0),
        )
        .order_by()
    }
    before = rows.get(Moment.BEFORE, {"gave": 0, "respondents": 0, "total": 0})
    after = rows.get(Moment.AFTER, {"gave": 0, "respondents": 0, "total": 0})
    respondents = before["respondents"]
    return Omzet(
        respondents=respondents,
        before=average(before["total"], respondents),
        after=average(after["total"], respondents),
        gave_before=before["gave"],
        gave_after=after["gave"],
    )


def _flagged(sales, orders):
    days = (
        sales.filter(needs_check=True)
        .order_by("day", "application__exhibitor__name")
        .values_list("pk", "application__exhibitor__name", "day", "amount")
    )
    placed = (
        orders.filter(needs_check=True)
        .order_by("created_at", "pk")
        .values_list("pk", "application__exhibitor__name", "buyer_name", "value")
    )
    return [
        Flagged(
            "sales", pk, name, _("sales of %(day)s") % {"day": date_format(day, "j F Y")}, amount
        )
        for pk, name, day, amount in days
    ] + [
        Flagged("order", pk, name, _("order of %(buyer)s") % {"buyer": buyer}, value)
        for pk, name, buyer, value in placed
    ]


def _editions(edition, totals, gate_visitors):
    """The organisation's earlier editions that have reports, then this one, to compare."""
    if edition.organisation_id is None:
        return []
    accepted = Q(application__status=Application.Status.ACCEPTED)
    per_edition = "application__edition"
    earlier = (
        Edition.objects.filter(
            organisation_id=edition.organisation_id, starts_on__lt=edition.starts_on
        )
        .annotate(
            retail=_per(DailySales.objects.filter(accepted), Sum("amount"), per=per_edition),
            orders=_per(Order.objects.filter(accepted).counted(), Sum("value"), per=per_edition),
            participants=_per(Application.objects.accepted(), Count("pk"), per="edition"),
            gate_visitors=_per(GateCount.objects, Sum("visitors"), per="edition"),
        )
        .filter(Q(retail__gt=0) | Q(orders__gt=0))
        .order_by("starts_on", "pk")
        .values("name", "year", "participants", "retail", "orders", "gate_visitors")
    )
    results = [EditionResult(**row) for row in earlier]
    if not results:
        return []
    this = EditionResult(
        name=edition.name,
        year=edition.year,
        participants=totals.participants,
        retail=totals.retail,
        orders=totals.orders,
        gate_visitors=gate_visitors,
        is_this_edition=True,
    )
    return [*results, this]


def tables(report):
    """The report as (title, headers, rows) tables, numbers as numbers, for the exports:
    one table per breakdown."""
    totals = report.totals
    sales_target, visitors_target = report.sales_target, report.visitors_target
    omzet = report.omzet
    summary = [
        (_("Participants"), totals.participants),
        (_("Participants asked for a sales report"), totals.expected),
        (_("Participants who reported"), totals.reported),
        (_("Reporting rate (%)"), totals.reporting_rate),
        (_("Transactions (Rp)"), totals.total),
        (_("Target: transactions (Rp)"), sales_target and sales_target.target),
        (_("Target reached (%)"), sales_target and sales_target.percent),
        (_("Retail sales (Rp)"), totals.retail),
        (_("of which cash (Rp)"), totals.cash),
        (_("of which non-cash (Rp)"), totals.non_cash),
        (_("Number of retail transactions"), totals.transactions),
        (_("Orders (Rp)"), totals.orders),
        (_("Number of orders"), totals.order_count),
        (_("Orders being explored, not counted (Rp)"), report.orders_explored),
        (_("Visitors at the gate"), report.gate_visitors),
        (_("Page views"), report.page_views),
        (_("Target: visitors"), visitors_target and visitors_target.target),
        (_("Target reached (%)"), visitors_target and visitors_target.percent),
        (_("Omzet respondents (before and after)"), omzet.respondents),
        (_("Average monthly omzet before (Rp)"), omzet.before),
        (_("Average monthly omzet after (Rp)"), omzet.after),
        (_("Rise in omzet (%)"), omzet.rise_percent),
    ]
    figures_headers = [
        _("Participants"),
        _("Asked for a report"),
        _("Reported"),
        _("Retail sales (Rp)"),
        _("Non-cash (Rp)"),
        _("Orders (Rp)"),
        _("Transactions (Rp)"),
    ]

    def breakdown(title, rows, *, with_key=False):
        headers = [_("Code")] * with_key + [title, *figures_headers]
        return (
            title,
            headers,
            [
                [row.key] * with_key
                + [
                    row.label,
                    row.figures.participants,
                    row.figures.expected,
                    row.figures.reported,
                    row.figures.retail,
                    row.figures.non_cash,
                    row.figures.orders,
                    row.figures.total,
                ]
                for row in rows
            ],
        )

    def top(title, heading, rows):
        return (
            title,
            ["#", _("UMKM"), _("Regency or city"), heading],
            [[row.rank, row.name, row.region, row.value] for row in rows],
        )

    def value(number):
        return "" if number is None else number

    return [
        (_("Summary"), [_("Figure"), _("Value")], [[k, value(v)] for k, v in summary]),
        (
            _("By day"),
            [
                _("Day"),
                _("Expo day"),
                _("Retail sales (Rp)"),
                _("Non-cash (Rp)"),
                _("Number of retail transactions"),
                _("Visitors at the gate"),
                _("Page views"),
            ],
            [
                [
                    day.day,
                    _("yes") if day.is_expo_day else _("no"),
                    day.retail,
                    day.non_cash,
                    day.transactions,
                    day.gate_visitors,
                    day.page_views,
                ]
                for day in report.days
            ],
        ),
        breakdown(_("By category"), report.by_category),
        breakdown(_("By origin"), report.by_origin),
        breakdown(_("By regency or city"), report.by_region, with_key=True),
        *([breakdown(_("By delegation"), report.by_delegation)] if report.by_delegation else []),
        breakdown(_("By kecamatan"), report.by_kecamatan, with_key=True),
        breakdown(_("By klaster"), report.by_klaster),
        breakdown(_("By business scale"), report.by_scale),
        breakdown(_("By mode"), report.by_mode),
        (
            _("Orders by status"),
            [_("Status"), _("Counted in the transactions"), _("Number"), _("Value (Rp)")],
            [
                [row.label, _("yes") if row.counted else _("no"), row.count, row.value]
                for row in report.orders_by_status
            ],
        ),
        (
            _("Orders by buyer"),
            [_("Code"), _("Buyer from"), _("Number"), _("Value (Rp)")],
            [[row.key, row.label, row.count, row.value] for row in report.orders_by_buyer],
        ),
        top(_("Top 10 by sales"), _("Transactions (Rp)"), report.top_by_sales),
        top(_("Top 10 by page views"), _("Page views"), report.top_by_page_views),
        (
            _("Earlier editions"),
            [
                _("Edition"),
                _("Year"),
                _("Participants"),
                _("Retail sales (Rp)"),
                _("Orders (Rp)"),
                _("Transactions (Rp)"),
                _("Visitors at the gate"),
            ],
            [
                [e.name, e.year, e.participants, e.retail, e.orders, e.total, e.gate_visitors]
                for e in report.editions
            ],
        ),
        (
            _("To be checked"),
            [_("Participant"), _("Entry"), _("Amount (Rp)")],
            [[row.exhibitor, row.what, row.amount] for row in report.flagged],
        ),
    ]
