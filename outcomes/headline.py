"""The results an edition's public page shows once the expo is over, as its organisers
chose to publish them: "Transaksi Rp3,1 miliar · 7.297 kunjungan · 32 peserta"."""

from dataclasses import dataclass

import lokal
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.db import total_per_row
from exhibitors.models import Application
from expo.models import Edition
from outcomes.models import DailySales, GateCount, Order, PageViews

# lokal's short units, as words: "Rp3,1 M" → "Rp3,1 miliar".
SHORT_UNITS = {"rb": _("thousand"), "jt": _("million"), "M": _("billion"), "T": _("trillion")}


def rupiah_in_words(amount):
    """A large sum of rupiah the way a headline says it: ``Rp3,1 miliar``, ``Rp650 juta``."""
    number, _space, unit = lokal.format_rupiah_short(amount).partition(" ")
    return f"{number} {SHORT_UNITS[unit]}" if unit else number


@dataclass(frozen=True)
class Headline:
    """The published figures; a figure the organisers keep to themselves is None."""

    sales: int | None
    visits: int | None
    participants: int | None

    @property
    def sales_text(self):
        return None if self.sales is None else rupiah_in_words(self.sales)

    @property
    def visits_text(self):
        return None if self.visits is None else number_format(self.visits, force_grouping=True)

    @property
    def participants_text(self):
        if self.participants is None:
            return None
        return number_format(self.participants, force_grouping=True)


def _total(queryset, aggregate, *, per):
    """``aggregate`` over the rows of ``queryset`` that belong to the edition of the outer
    query (``per``: the path from them to it), 0 where there are none."""
    return total_per_row(queryset, aggregate, **{per: "pk"})


def edition_headline(*, edition, today=None):
    """The results of ``edition`` its public page shows: None before the expo is over or
    when the organisers publish none. One query, whatever the number of participants."""
    last_day = max(edition.ends_on, edition.online_ends_on or edition.ends_on)
    if (today or timezone.localdate()) <= last_day or not (
        edition.publish_sales or edition.publish_visits or edition.publish_participants
    ):
        return None
    accepted_sales = DailySales.objects.filter(application__status=Application.Status.ACCEPTED)
    figures = (
        Edition.objects.filter(pk=edition.pk)
        .annotate(
            retail=_total(accepted_sales, Sum("amount"), per="application__edition"),
            orders=_total(
                Order.objects.filter(application__status=Application.Status.ACCEPTED).counted(),
                Sum("value"),
                per="application__edition",
            ),
            gate=_total(GateCount.objects.all(), Sum("visitors"), per="edition"),
            page_views=_total(PageViews.objects.all(), Sum("views"), per="edition"),
            participants=_total(Application.objects.accepted(), Count("pk"), per="edition"),
        )
        .values("retail", "orders", "gate", "page_views", "participants")
        .get()
    )
    return Headline(
        sales=figures["retail"] + figures["orders"] if edition.publish_sales else None,
        visits=figures["gate"] + figures["page_views"] if edition.publish_visits else None,
        participants=figures["participants"] if edition.publish_participants else None,
    )
