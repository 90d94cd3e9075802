"""The results an edition's public page shows after the expo, as its organisers publish
them, checked against sums worked out by hand."""

import datetime

import pytest
from django.utils import timezone, translation

from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory
from expo.tests.factories import EditionFactory
from outcomes.headline import Headline, edition_headline, rupiah_in_words
from outcomes.models import DailySales, GateCount, Order, PageViews

pytestmark = pytest.mark.django_db

EVERYTHING = {"publish_sales": True, "publish_visits": True, "publish_participants": True}


def ended_edition(**fields):
    today = timezone.localdate()
    return EditionFactory(
        starts_on=today - datetime.timedelta(days=4),
        ends_on=today - datetime.timedelta(days=2),
        **fields,
    )


def sales(application, day, amount):
    return DailySales.objects.create(
        application=application, day=day, amount=amount, transactions=10
    )


def order(application, value, status):
    return Order.objects.create(
        application=application,
        buyer_name="CV Mitra Niaga",
        buyer_kind=Order.BuyerKind.RESELLER,
        value=value,
        status=status,
    )


def build_results(edition):
    """Two participants: Rp1.500.000 + Rp2.000.000 of retail sales, an order of
    Rp5.000.000 and a contract of Rp20.000.000; an order of Rp7.000.000 still being
    explored and the sales of a participant that withdrew are in no total. Visits: 7.000
    at the gate, 250 + 47 page views."""
    first, second = (ApplicationFactory(edition=edition, accepted=True) for _ in range(2))
    withdrawn = ApplicationFactory(edition=edition, status=Application.Status.WITHDRAWN)
    day = edition.starts_on
    sales(first, day, 1_500_000)
    sales(first, day + datetime.timedelta(days=1), 2_000_000)
    sales(withdrawn, day, 9_000_000)
    order(first, 5_000_000, Order.Status.ORDERED)
    order(second, 20_000_000, Order.Status.CONTRACT)
    order(second, 7_000_000, Order.Status.EXPLORING)
    GateCount.objects.create(edition=edition, day=day, visitors=3_000)
    GateCount.objects.create(edition=edition, day=edition.ends_on, visitors=4_000)
    PageViews.objects.create(edition=edition, exhibitor=None, day=day, views=250)
    PageViews.objects.create(edition=edition, exhibitor=first.exhibitor, day=day, views=47)
    other = ended_edition(**EVERYTHING)  # another edition's figures stay its own
    GateCount.objects.create(edition=other, day=other.starts_on, visitors=99)
    sales(ApplicationFactory(edition=other, accepted=True), other.starts_on, 1_000)


def test_headline_adds_up_sales_orders_and_visits():
    edition = ended_edition(**EVERYTHING)
    build_results(edition)

    assert edition_headline(edition=edition) == Headline(
        sales=1_500_000 + 2_000_000 + 5_000_000 + 20_000_000,
        visits=3_000 + 4_000 + 250 + 47,
        participants=2,
    )


def test_headline_shows_only_what_the_organisers_publish():
    edition = ended_edition(publish_visits=True)
    build_results(edition)

    headline = edition_headline(edition=edition)

    assert headline == Headline(sales=None, visits=7_297, participants=None)
    assert (headline.sales_text, headline.visits_text) == (None, "7.297")


def test_no_headline_until_the_expo_is_over_or_when_nothing_is_published():
    today = timezone.localdate()
    ending_today = EditionFactory(starts_on=today, ends_on=today, **EVERYTHING)
    online_until_today = ended_edition(
        online_starts_on=today - datetime.timedelta(days=4), online_ends_on=today, **EVERYTHING
    )
    nothing_published = ended_edition()

    assert edition_headline(edition=ending_today) is None
    assert edition_headline(edition=online_until_today) is None
    assert edition_headline(edition=nothing_published) is None
    assert edition_headline(
        edition=ending_today, today=today + datetime.timedelta(days=1)
    ) == Headline(sales=0, visits=0, participants=0)


@pytest.mark.parametrize("participants", [1, 4])
def test_headline_takes_one_query_whatever_the_participants(
    participants, django_assert_num_queries
):
    edition = ended_edition(**EVERYTHING)
    for _ in range(participants):
        application = ApplicationFactory(edition=edition, accepted=True)
        sales(application, edition.starts_on, 100_000)
        order(application, 50_000, Order.Status.REPEAT)

    with django_assert_num_queries(1):
        headline = edition_headline(edition=edition)

    assert headline.sales == participants * 150_000


@pytest.mark.parametrize(
    ("amount", "indonesian", "english"),
    [
        (3_100_000_000, "Rp3,1 miliar", "Rp3,1 billion"),
        (5_676_911_946, "Rp5,7 miliar", "Rp5,7 billion"),
        (650_000_000, "Rp650 juta", "Rp650 million"),
        (999_960_000, "Rp1 miliar", "Rp1 billion"),
        (750_000, "Rp750 ribu", "Rp750 thousand"),
        (900, "Rp900", "Rp900"),
        (0, "Rp0", "Rp0"),
    ],
)
def test_rupiah_in_words_as_a_headline_says_them(amount, indonesian, english):
    with translation.override("id"):
        assert rupiah_in_words(amount) == indonesian
    with translation.override("en"):
        assert rupiah_in_words(amount) == english
