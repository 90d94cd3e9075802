import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buyers import selectors
from buyers.models import KEEP_CONTACT_DAYS, Inquiry
from core.audit import forget_history
from core.db import violated_constraint
from exhibitors import notifications
from exhibitors.models import Application
from outcomes import services as outcome_services


def _saved(inquiry, write):
    """``write()`` under the inquiry's constraints: a row the database refuses gives the
    constraint's message and changes nothing."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:
        name = violated_constraint(error)
        constraint = next((c for c in Inquiry._meta.constraints if c.name == name), None)
        if constraint is None:
            raise
        raise ValidationError(constraint.violation_error_message, code=name) from None


@transaction.atomic
def send_inquiry(
    *,
    exhibitor,
    edition=None,
    name,
    whatsapp="",
    email="",
    buyer_kind,
    country="ID",
    place="",
    products=(),
    quantity=None,
    unit="",
    message,
):
    """Store a buyer's inquiry to ``exhibitor`` (sent from ``edition``'s pages) and mail
    the owner at once. ``products`` are ids, each one the exhibitor shows visitors.

    Raises ``ValidationError`` (by field where there is one) and stores nothing when
    the input breaks a rule.
    """
    product_ids = set(products)
    shown = selectors.shown_products(exhibitor=exhibitor).filter(pk__in=product_ids)
    found = list(shown)
    if len(found) != len(product_ids):
        raise ValidationError(
            {"products": _("Choose among the products of this seller.")}, code="not_shown"
        )
    inquiry = Inquiry(
        exhibitor=exhibitor,
        edition=edition,
        name=name.strip(),
        whatsapp=whatsapp,
        email=email,
        buyer_kind=buyer_kind,
        country=country,
        place=place.strip(),
        quantity=quantity,
        unit=unit.strip(),
        message=message.strip(),
    )
    inquiry.full_clean()
    _saved(inquiry, inquiry.save)
    inquiry.products.set(found)
    transaction.on_commit(lambda: _mail_owner(inquiry, found))
    return inquiry


def _mail_owner(inquiry, products):
    notifications.mail_exhibitor(
        exhibitor=inquiry.exhibitor,
        template="buyers/email/inquiry",
        context={
            "inquiry": inquiry,
            "products": products,
            "inbox_url": notifications.absolute_url(inquiry.get_absolute_url()),
        },
    )


@transaction.atomic
def update_inquiry(*, inquiry, status, note):
    """The owner's status and note of an inquiry. Leaving "new" marks it answered, once."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if status not in Inquiry.Status.values:
        raise ValidationError({"status": _("Choose the inquiry's status.")}, code="status")
    if status != Inquiry.Status.NEW and inquiry.answered_at is None:
        inquiry.answered_at = timezone.now()
    inquiry.status = status
    inquiry.note = note.strip()
    _saved(inquiry, inquiry.save)
    return inquiry


@transaction.atomic
def turn_into_order(*, inquiry, value, status, by, confirm_large=False):
    """Add the order an inquiry became to the owner's sales report of its edition, linked
    to it, so that it is counted once: in the report, as an order. An inquiry becomes
    one order at most (the ``inquiry_one_order`` constraint keeps it so)."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.order_id is not None:
        raise ValidationError(
            _("This inquiry is already an order of your sales report."), code="ordered"
        )
    application = Application.objects.filter(
        exhibitor_id=inquiry.exhibitor_id, edition_id=inquiry.edition_id
    ).first()
    if application is None:
        raise ValidationError(
            _("This inquiry came from no expo you take part in: it has no sales report."),
            code="no_report",
        )
    order = outcome_services.record_order(
        application=application,
        by=by,
        buyer_name=inquiry.name or _("Buyer (contact removed)"),
        buyer_kind=inquiry.buyer_kind,
        buyer_country=inquiry.country,
        value=value,
        status=status,
        confirm_large=confirm_large,
    )
    inquiry.order = order
    inquiry.status = Inquiry.Status.ORDERED
    if inquiry.answered_at is None:
        inquiry.answered_at = timezone.now()
    _saved(inquiry, inquiry.save)
    return inquiry


@transaction.atomic
def anonymise_old_inquiries(*, now=None):
    """Remove the buyer's name, contact and words from the inquiries sent more than
    ``KEEP_CONTACT_DAYS`` ago (a year); what is counted (kind, country, products, status, the
    order) stays. Returns how many were anonymised."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=KEEP_CONTACT_DAYS)
    old = Inquiry.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True)
    forget_history(old)  # the audit log kept the buyer's words when the inquiry came
    return old.update(name="", whatsapp="", email="", message="", place="", anonymised_at=now)
