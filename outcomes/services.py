from urllib.parse import quote

import lokal
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.db import violated_constraint
from exhibitors import notifications
from exhibitors.models import Application
from outcomes import selectors
from outcomes.models import (
    PLAUSIBLE_DAILY_SALES,
    TALLY_STEPS,
    DailySales,
    GateCount,
    OmzetReport,
    Order,
)


def _date(day):
    return formats.date_format(day, "j F Y")


def _lock(application):
    """The application's row, locked: one participant's report is written one save at a
    time, so two tabs saving the same day wait for each other and the last one wins."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("exhibitor", "edition")
        .get(pk=application.pk)
    )


def _check_reports(application):
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(
            _("Only accepted participants report their sales."), code="not_accepted"
        )
    if not application.reports_sales:
        raise ValidationError(
            _("This stand is not asked for a sales report."), code="not_reporting"
        )


def _entered_by_staff(*, application, by):
    """Whether ``by`` writes as the organisers (any time) or as the owner, who may write
    their own participant's report until the edition's reporting deadline."""
    if by.is_staff:
        return True
    if application.exhibitor.owner_id != by.pk:
        raise ValidationError(_("This report belongs to another business."), code="not_owner")
    edition = application.edition
    if not selectors.reports_open(edition=edition):
        raise ValidationError(
            _("Reports closed on %(date)s; ask the organisers to correct it."),
            code="closed",
            params={"date": _date(edition.reporting_deadline)},
        )
    return False


def _check_rupiah(value, message):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(message, code="invalid")


def _is_large(value, *, confirm_large):
    """Whether ``value`` is to be checked by the organisers: beyond what an UMKM plausibly
    sells, and confirmed. Unconfirmed, it is refused."""
    if value <= PLAUSIBLE_DAILY_SALES:
        return False
    if not confirm_large:
        raise ValidationError(
            _(
                "%(amount)s is far beyond what an UMKM usually sells in a day. If the figure "
                "is right, tick the box to confirm it."
            ),
            code="large",
            params={"amount": lokal.format_rupiah(value)},
        )
    return True


def _refusal(model, name):
    """The refusal of ``model``'s constraint ``name``, in its own words."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return ValidationError(constraint.violation_error_message, code=name)


def _saved(model, write):
    """``write()``'s result; a row the database refuses by one of ``model``'s named
    constraints gives that constraint's message, and changes nothing."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:
        name = violated_constraint(error)
        if name not in {constraint.name for constraint in model._meta.constraints}:
            raise
        raise _refusal(model, name) from None


@transaction.atomic
def report_day(*, application, day, amount, transactions, non_cash_amount, by, confirm_large=False):
    """Write a participant's sales of one of its reporting days, in place of what that
    day had: of two saves of the same day (two tabs), the last wins, in one row.

    An amount beyond ``PLAUSIBLE_DAILY_SALES`` is kept only when ``confirm_large``, and
    flagged for the organisers to check. Organisers' entries are marked as theirs.
    """
    application = _lock(application)
    _check_reports(application)
    entered_by_staff = _entered_by_staff(application=application, by=by)
    if day not in selectors.reporting_days(application=application):
        raise ValidationError(
            _("%(day)s is not a day of %(edition)s."),
            code="not_a_day",
            params={"day": _date(day), "edition": application.edition.name},
        )
    message = _("Amounts are whole rupiah, zero or more.")
    _check_rupiah(amount, message)
    _check_rupiah(non_cash_amount, message)
    _check_rupiah(transactions, _("The number of transactions is a whole number, zero or more."))
    needs_check = _is_large(amount, confirm_large=confirm_large)
    sales, _created = _saved(
        DailySales,
        lambda: DailySales.objects.update_or_create(
            application=application,
            day=day,
            defaults={
                "amount": amount,
                "transactions": transactions,
                "non_cash_amount": non_cash_amount,
                "needs_check": needs_check,
                "entered_by_staff": entered_by_staff,
            },
        ),
    )
    return sales


@transaction.atomic
def record_order(
    *,
    application,
    by,
    buyer_name,
    buyer_kind,
    buyer_region=None,
    buyer_country="ID",
    value,
    status,
    confirm_large=False,
    order=None,
):
    """Add an order or contract to a participant's report, or change ``order``, one of
    its own. A buyer in Indonesia may have a regency or city, one abroad has none."""
    application = _lock(application)
    _check_reports(application)
    entered_by_staff = _entered_by_staff(application=application, by=by)
    if order is None:
        order = Order(application=application)
    elif order.application_id != application.pk:
        raise ValidationError(_("This order belongs to another participant."), code="not_own")
    buyer_name = buyer_name.strip()
    if not buyer_name:
        raise ValidationError(_("Give the buyer's name."), code="no_buyer")
    if buyer_kind not in Order.BuyerKind.values:
        raise ValidationError(_("Choose the kind of buyer."), code="buyer_kind")
    if status not in Order.Status.values:
        raise ValidationError(_("Choose the order's status."), code="status")
    _check_rupiah(value, _("The value is whole rupiah, zero or more."))
    if not isinstance(buyer_country, str) or len(buyer_country) != 2:
        # Longer than its column; the constraint checks the two letters themselves.
        raise _refusal(Order, "order_country_code")
    order.buyer_name = buyer_name
    order.buyer_kind = buyer_kind
    order.buyer_region = buyer_region
    order.buyer_country = buyer_country
    order.value = value
    order.status = status
    order.needs_check = _is_large(value, confirm_large=confirm_large)
    order.entered_by_staff = entered_by_staff
    return _saved(Order, lambda: order.save() or order)


@transaction.atomic
def delete_order(*, order, by):
    """Take an order out of its participant's report, as its owner (until the reporting
    deadline) or as the organisers."""
    application = _lock(order.application)
    _check_reports(application)
    _entered_by_staff(application=application, by=by)
    Order.objects.filter(pk=order.pk, application=application).delete()


@transaction.atomic
def report_omzet(*, application, moment, monthly_omzet, by):
    """Write a participant's average monthly omzet before or after the expo, in place of
    what it gave before.

    Before: from the application until the expo's last day. After: from
    ``Edition.omzet_followup_on``, for ``selectors.OMZET_AFTER_WINDOW``. Organisers may
    write either at any time.
    """
    application = _lock(application)
    if moment not in OmzetReport.Moment.values:
        raise ValidationError(_("Choose before or after the expo."), code="moment")
    if not selectors.may_give_omzet(application=application, moment=moment):
        raise ValidationError(
            _("This application is not asked for its omzet."), code="not_reporting"
        )
    if not by.is_staff:
        if application.exhibitor.owner_id != by.pk:
            raise ValidationError(_("This report belongs to another business."), code="not_owner")
        _check_omzet_window(application.edition, moment)
    return _write_omzet(application, moment, monthly_omzet)


def omzet_when_applying(*, application, answer):
    """Write the average monthly omzet an owner gave in the application itself, as the
    omzet before the expo (``exhibitors.questions``); the application is being made in
    the same transaction."""
    moment = OmzetReport.Moment.BEFORE
    if not selectors.may_give_omzet(application=application, moment=moment):
        raise ValidationError(
            _("This application is not asked for its omzet."), code="not_reporting"
        )
    return _write_omzet(application, moment, answer)


def _write_omzet(application, moment, monthly_omzet):
    _check_rupiah(monthly_omzet, _("The omzet is whole rupiah, zero or more."))
    report, _created = _saved(
        OmzetReport,
        lambda: OmzetReport.objects.update_or_create(
            application=application, moment=moment, defaults={"monthly_omzet": monthly_omzet}
        ),
    )
    return report


def _check_omzet_window(edition, moment):
    opens, closes = selectors.omzet_window(edition=edition, moment=moment)
    today = timezone.localdate()
    if moment == OmzetReport.Moment.BEFORE and today > closes:
        raise ValidationError(
            _("The omzet before the expo was asked until its last day, %(date)s."),
            code="closed",
            params={"date": _date(closes)},
        )
    if moment == OmzetReport.Moment.AFTER and today < opens:
        raise ValidationError(
            _("The omzet after the expo is asked from %(date)s."),
            code="not_yet",
            params={"date": _date(opens)},
        )
    if moment == OmzetReport.Moment.AFTER and today > closes:
        raise ValidationError(
            _(
                "The omzet after the expo was asked until %(date)s; ask the organisers to "
                "correct it."
            ),
            code="closed",
            params={"date": _date(closes)},
        )


@transaction.atomic
def remind(*, application):
    """Ask a participant that reports sales for its report: an e-mail to the owner, in
    the owner's language, with the link to the report page; and the WhatsApp link with
    the same request written, for the organiser to send (None without a number)."""
    application = _lock(application)
    _check_reports(application)
    exhibitor, edition = application.exhibitor, application.edition
    report_url = notifications.absolute_url(
        reverse("report", kwargs={"application_id": application.pk})
    )
    notifications.mail_exhibitor(
        exhibitor=exhibitor,
        template="outcomes/email/reminder",
        context={
            "application": application,
            "edition": edition,
            "report_url": report_url,
            "deadline": edition.reporting_deadline,
        },
    )
    if not exhibitor.whatsapp:
        return None
    with translation.override(exhibitor.language):
        text = _(
            "Hello %(exhibitor)s, please report your sales at %(edition)s by %(date)s: %(url)s"
        ) % {
            "exhibitor": exhibitor.name,
            "edition": edition.name,
            "date": _date(edition.reporting_deadline),
            "url": report_url,
        }
    return f"https://wa.me/{exhibitor.whatsapp_digits}?text={quote(text)}"


def count_visitors(*, edition, day, gate, step, by):
    """Count ``step`` visitors more (or one fewer) at ``gate`` of ``edition`` on ``day``:
    the gate count the impact report reads. One statement, so that two phones tapping the
    same gate at once both count; the new total is returned."""
    if step not in TALLY_STEPS:
        raise ValidationError(_("Count one or ten visitors at a time."), code="step")
    if not edition.has_venue:
        raise ValidationError(_("A virtual edition has no gate to count visitors at."))
    if not edition.starts_on <= day <= edition.ends_on:
        raise ValidationError(
            _("%(day)s is not a day of %(edition)s.") % {"day": _date(day), "edition": edition},
            code="not_a_day",
        )
    gate = " ".join(gate.split())[: GateCount._meta.get_field("gate").max_length]
    if step < 0:
        rows = GateCount.objects.filter(edition=edition, day=day, gate=gate, visitors__gte=1)
        rows.update(visitors=F("visitors") + step, entered_by=by, updated_at=timezone.now())
        return (
            GateCount.objects.filter(edition=edition, day=day, gate=gate)
            .values_list("visitors", flat=True)
            .first()
            or 0
        )
    table = GateCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (edition_id, day, gate, visitors, entered_by_id, updated_at)
            VALUES (%s, %s, %s, %s, %s, %s)
            ON CONFLICT (edition_id, day, gate) DO UPDATE
            SET visitors = {table}.visitors + EXCLUDED.visitors,
                entered_by_id = EXCLUDED.entered_by_id,
                updated_at = EXCLUDED.updated_at
            RETURNING visitors
            """,  # noqa: S608 (the table name is the model's own)
            [edition.pk, day, gate, step, by.pk if by else None, timezone.now()],
        )
        return cursor.fetchone()[0]
