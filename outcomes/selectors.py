import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone

from core.db import total_per_row
from exhibitors.models import Application
from outcomes.models import DailySales, OmzetReport, Order, PageViews

# How long after ``Edition.omzet_followup_on`` participants give their omzet after the expo.
OMZET_AFTER_WINDOW = datetime.timedelta(days=60)
# Who may give the omzet before the expo: anyone who applied and still may take part.
OMZET_BEFORE_STATUSES = (
    Application.Status.SUBMITTED,
    Application.Status.WAITLISTED,
    Application.Status.ACCEPTED,
)


def _days(first, last):
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def reporting_days(*, application):
    """The days a participant reports its sales, in order: a booth the expo's days, a
    virtual participant the online period (the expo's days when the edition has none),
    a booth that is also virtual both."""
    edition = application.edition
    expo_days = _days(edition.starts_on, edition.ends_on)
    if edition.online_starts_on is None:
        online_days = expo_days
    else:
        online_days = _days(edition.online_starts_on, edition.online_ends_on)
    days = set()
    if application.takes_booth:
        days.update(expo_days)
    if application.mode != Application.Mode.BOOTH:
        days.update(online_days)
    return sorted(days)


def reports_open(*, edition, today=None):
    """Whether the participants may still write their own reports of ``edition``."""
    return (today or timezone.localdate()) <= edition.reporting_deadline


def omzet_window(*, edition, moment):
    """The first and last day an owner gives the omzet of ``moment``; the one before the
    expo has no first day (from the application on)."""
    if moment == OmzetReport.Moment.BEFORE:
        return None, edition.ends_on
    return edition.omzet_followup_on, edition.omzet_followup_on + OMZET_AFTER_WINDOW


def may_give_omzet(*, application, moment):
    """Whether the application's status lets it give the omzet of ``moment``."""
    if moment == OmzetReport.Moment.BEFORE:
        return application.status in OMZET_BEFORE_STATUSES and application.reports_sales
    return application.status == Application.Status.ACCEPTED and application.reports_sales


def open_omzet_moments(*, application, today=None):
    """The moments whose omzet the owner of ``application`` may give today."""
    today = today or timezone.localdate()
    moments = []
    for moment in OmzetReport.Moment:
        opens, closes = omzet_window(edition=application.edition, moment=moment)
        if may_give_omzet(application=application, moment=moment) and (
            (opens is None or opens <= today) and today <= closes
        ):
            moments.append(moment)
    return moments


def reportable_applications(*, exhibitor):
    """The owner's applications that report sales: accepted, not a service stand."""
    return (
        Application.objects.accepted()
        .filter(exhibitor=exhibitor, reports_sales=True)
        .select_related("edition")
        .order_by("-edition__starts_on", "pk")
    )


@dataclass(frozen=True)
class ReportDay:
    day: datetime.date
    sales: DailySales | None
    # False for a day reported once that is no longer one of the edition's (its dates
    # changed afterwards): shown and counted, no longer reported.
    is_reporting_day: bool = True


@dataclass(frozen=True)
class OwnerReport:
    application: Application
    days: list
    orders: list
    omzet: dict  # moment → OmzetReport
    total_amount: int
    total_non_cash: int
    total_transactions: int
    total_orders: int

    @property
    def total(self):
        """Retail sales and orders together: what the participant's report adds up to."""
        return self.total_amount + self.total_orders


def owner_report(*, application):
    """A participant's report as its owner reads and corrects it, in three queries."""
    sales = {
        row.day: row for row in DailySales.objects.filter(application=application).order_by("day")
    }
    days = [ReportDay(day, sales.pop(day, None)) for day in reporting_days(application=application)]
    days += [ReportDay(day, row, is_reporting_day=False) for day, row in sales.items()]
    days.sort(key=lambda report_day: report_day.day)
    rows = [report_day.sales for report_day in days if report_day.sales]
    orders = list(
        Order.objects.filter(application=application)
        .select_related("buyer_region")
        .order_by("created_at", "pk")
    )
    return OwnerReport(
        application=application,
        days=days,
        orders=orders,
        omzet={
            row.moment: row
            for row in OmzetReport.objects.filter(application=application).order_by("moment")
        },
        total_amount=sum(row.amount for row in rows),
        total_non_cash=sum(row.non_cash_amount for row in rows),
        total_transactions=sum(row.transactions for row in rows),
        total_orders=sum(order.value for order in orders if order.is_counted),
    )


def missing_reports(*, edition):
    """The participants of ``edition`` asked for a report that have not reported a day."""
    return (
        Application.objects.accepted()
        .filter(edition=edition, reports_sales=True)
        .exclude(Exists(DailySales.objects.filter(application=OuterRef("pk"))))
        .select_related("exhibitor")
        .order_by("exhibitor__name", "pk")
    )


def _per_application(queryset, aggregate):
    return total_per_row(queryset, aggregate, application="pk")


def days_reported():
    """How many days an application has reported: annotated on an owner's applications."""
    return _per_application(DailySales.objects.all(), Count("pk"))


def sales_reported():
    """An application's retail sales and orders reported, in rupiah: annotated likewise."""
    return _per_application(DailySales.objects.all(), Sum("amount")) + _per_application(
        Order.objects.counted(), Sum("value")
    )


def page_views():
    """How often the owner's exhibitor page and product pages of an application's edition
    were read: annotated likewise."""
    return total_per_row(
        PageViews.objects.all(), Sum("views"), edition="edition_id", exhibitor="exhibitor_id"
    )
