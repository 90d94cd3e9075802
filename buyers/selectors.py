import datetime
from urllib.parse import quote

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from buyers.models import ANSWER_WITHIN_DAYS, Inquiry
from exhibitors import notifications
from exhibitors.models import Application, Product
from expo.models import Edition
from outcomes.forms import COUNTRY_NAMES
from outcomes.report import Section


def participant_or_404(*, edition_slug, slug):
    """The accepted participant ``slug`` of the public edition ``edition_slug``."""
    return get_object_or_404(
        Application.objects.accepted().select_related("exhibitor", "edition"),
        edition__in=Edition.objects.public(),
        edition__slug=edition_slug,
        exhibitor__slug=slug,
    )


def shown_products(*, exhibitor):
    """The products of ``exhibitor`` that visitors see: the ones a buyer may ask about."""
    return Product.objects.filter(exhibitor=exhibitor, is_published=True)


def inbox(*, exhibitor):
    """The owner's inquiries, newest first, with their products and edition."""
    return (
        Inquiry.objects.filter(exhibitor=exhibitor)
        .select_related("edition", "exhibitor")
        .prefetch_related(Prefetch("products", queryset=Product.objects.order_by("name")))
    )


def new_count(*, exhibitor):
    return Inquiry.objects.new().filter(exhibitor=exhibitor).count()


def inbox_panel(exhibitor):
    """The inbox's part of the owner's dashboard: the link, with the new inquiries counted."""
    return "buyers/dashboard_panel.html", {"new": new_count(exhibitor=exhibitor)}


def quoted(message):
    """The buyer's words as a reply quotes them: each line after "> "."""
    return "\n".join(f"> {line}" for line in message.splitlines())


def whatsapp_reply(inquiry):
    """A ``wa.me`` link to the buyer's WhatsApp with a reply begun, their words quoted."""
    if not inquiry.whatsapp:
        return ""
    text = _('Hello %(name)s, thank you for your message to %(business)s: "%(message)s"') % {
        "name": inquiry.name,
        "business": inquiry.exhibitor.name,
        "message": " ".join(inquiry.message.split()),
    }
    return notifications.whatsapp_link(inquiry.whatsapp_digits, text)


def email_reply(inquiry):
    """A ``mailto:`` link to the buyer with the subject and their words quoted."""
    if not inquiry.email:
        return ""
    subject = _("Your message to %(business)s") % {"business": inquiry.exhibitor.name}
    body = _("Hello %(name)s,\n\nthank you for your message:\n\n%(quoted)s\n\n") % {
        "name": inquiry.name,
        "quoted": quoted(inquiry.message),
    }
    return f"mailto:{quote(inquiry.email, safe='@')}?subject={quote(subject)}&body={quote(body)}"


def unanswered(queryset, *, now=None):
    """The inquiries of ``queryset`` still new ``ANSWER_WITHIN_DAYS`` days after they came."""
    now = now or timezone.now()
    return queryset.new().filter(created_at__lt=now - datetime.timedelta(days=ANSWER_WITHIN_DAYS))


def counts(queryset):
    """How many inquiries ``queryset`` holds per edition, exhibitor, kind of buyer and
    country, each as ``[(label, count)]``, the most first."""

    def per(field, label, *by):
        # Grouped by ``by`` too (an id), so two exhibitors of one name are counted apart.
        rows = (
            queryset.order_by()
            .values(field, *by)
            .annotate(n=Count("pk"))
            .order_by("-n", field, *by)
        )
        return [(label(row[field]), row["n"]) for row in rows]

    kinds = dict(Inquiry.BuyerKind.choices)
    return {
        "edition": per("edition__name", lambda name: name or _("No edition"), "edition_id"),
        "exhibitor": per("exhibitor__name", str, "exhibitor_id"),
        "buyer_kind": per("buyer_kind", lambda kind: kinds.get(kind, kind)),
        "country": per("country", lambda code: COUNTRY_NAMES.get(code, code)),
    }


def report_section(edition):
    """What came of the buyers' inquiries sent from ``edition``'s pages, for its impact
    report (``outcomes.report.register_section``): None when there were none."""
    inquiries = Inquiry.objects.filter(edition=edition)
    late = Q(
        status=Inquiry.Status.NEW,
        created_at__lt=timezone.now() - datetime.timedelta(days=ANSWER_WITHIN_DAYS),
    )
    figures = inquiries.aggregate(
        sent=Count("pk"),
        answered=Count("pk", filter=~Q(status=Inquiry.Status.NEW)),
        ordered=Count("pk", filter=Q(status=Inquiry.Status.ORDERED)),
        late=Count("pk", filter=late),
    )
    if not figures["sent"]:
        return None
    return Section(
        key="inquiries",
        title=_("Buyers' inquiries"),
        rows=[
            (_("Inquiries sent to the participants"), figures["sent"]),
            (_("Answered"), figures["answered"]),
            (_("Became an order"), figures["ordered"]),
            (
                _("Not answered within %(days)s days") % {"days": ANSWER_WITHIN_DAYS},
                figures["late"],
            ),
            *(
                (_("Inquiries from: %(kind)s") % {"kind": kind}, count)
                for kind, count in counts(inquiries)["buyer_kind"]
            ),
        ],
    )
