"""Page views of an edition's public pages: counted per page and day, robots left out,
no query added to a page from the cache, written in one statement that adds up."""

import datetime
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import rival_transaction, text_of
from exhibitors.tests.factories import ApplicationFactory, ProductFactory
from expo.tests.factories import EditionFactory
from outcomes import page_views
from outcomes.models import PageViews
from outcomes.page_views import PageViewCounter

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def nothing_counted_before(db):
    """The views other tests counted are written first, into their rolled-back world:
    none of their pages exists in this test's database."""
    page_views.counter.flush()


@pytest.fixture
def participant():
    application = ApplicationFactory(accepted=True)
    return application, ProductFactory(exhibitor=application.exhibitor)


def pages(application, product):
    edition, exhibitor = application.edition.slug, application.exhibitor.slug
    return {
        "edition": reverse("edition_detail", kwargs={"slug": edition}),
        "participants": reverse("participant_list", kwargs={"edition_slug": edition}),
        "floor_plan": reverse("floor_plan", kwargs={"edition_slug": edition}),
        "participant": reverse(
            "participant_detail", kwargs={"edition_slug": edition, "slug": exhibitor}
        ),
        "product": reverse(
            "product_detail",
            kwargs={"edition_slug": edition, "slug": exhibitor, "pk": product.pk},
        ),
    }


def counted():
    """The page views written, as (edition slug, exhibitor slug or None, day) → views."""
    page_views.counter.flush()
    return {
        (row.edition.slug, row.exhibitor and row.exhibitor.slug, row.day): row.views
        for row in PageViews.objects.select_related("edition", "exhibitor")
    }


def test_views_are_counted_per_page_and_day(client, participant):
    application, product = participant
    edition, exhibitor = application.edition, application.exhibitor
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    PageViews.objects.create(edition=edition, exhibitor=None, day=yesterday, views=5)
    urls = pages(application, product)

    for name in ("edition", "edition", "participants", "floor_plan", "participant", "product"):
        assert client.get(urls[name], headers={"User-Agent": PHONE}).status_code == 200
    client.get(
        urls["participants"], {"q": "batik", "utm_source": "wa"}, headers={"User-Agent": PHONE}
    )

    assert counted() == {
        (edition.slug, None, yesterday): 5,
        (edition.slug, None, today): 5,
        (edition.slug, exhibitor.slug, today): 2,
    }


def test_a_signed_in_visitor_is_counted_too(client, owner, participant):
    application, product = participant

    client.get(pages(application, product)["participant"], headers={"User-Agent": PHONE})

    assert counted() == {
        (application.edition.slug, application.exhibitor.slug, timezone.localdate()): 1
    }


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0 A",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
    ],
)
def test_robots_and_link_previews_are_not_counted(client, participant, user_agent):
    application, product = participant
    url = pages(application, product)["edition"]

    assert client.get(url, headers={"User-Agent": user_agent}).status_code == 200
    client.get(url, headers={"User-Agent": PHONE})

    assert counted() == {(application.edition.slug, None, timezone.localdate()): 1}


def test_head_requests_missing_pages_and_htmx_requests_are_not_counted(client, participant):
    application, product = participant
    urls = pages(application, product)
    missing = reverse(
        "participant_detail",
        kwargs={"edition_slug": application.edition.slug, "slug": "tidak-ada"},
    )

    assert client.head(urls["edition"], headers={"User-Agent": PHONE}).status_code == 200
    assert client.get(missing, headers={"User-Agent": PHONE}).status_code == 404
    htmx = client.get(urls["participants"], headers={"User-Agent": PHONE, "HX-Request": "true"})
    assert htmx.status_code == 200
    client.get(urls["participants"], headers={"User-Agent": PHONE})

    assert counted() == {(application.edition.slug, None, timezone.localdate()): 1}


def test_a_page_from_the_cache_takes_no_query_and_is_still_counted(
    client, participant, django_assert_num_queries
):
    application, product = participant
    url = pages(application, product)["participant"]
    client.get(url, headers={"User-Agent": PHONE})

    with django_assert_num_queries(0):
        cached = client.get(url, headers={"User-Agent": PHONE})

    assert application.exhibitor.name in text_of(cached)
    assert counted() == {
        (application.edition.slug, application.exhibitor.slug, timezone.localdate()): 2
    }


def test_nothing_of_the_visitor_is_stored(client, participant):
    application, product = participant
    client.cookies["pilihan"] = "kuliner"
    client.get(
        pages(application, product)["product"],
        headers={"User-Agent": PHONE, "Referer": "https://wa.me/"},
        REMOTE_ADDR="203.0.113.7",
    )

    columns = {
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), PageViews._meta.db_table
        )
    }
    counted()
    assert columns == {"id", "edition_id", "exhibitor_id", "day", "views"}
    assert list(PageViews.objects.values("edition", "exhibitor", "day", "views")) == [
        {
            "edition": application.edition.pk,
            "exhibitor": application.exhibitor.pk,
            "day": timezone.localdate(),
            "views": 1,
        }
    ]


def test_a_batch_is_written_in_one_statement(django_assert_num_queries):
    first, second = EditionFactory(), EditionFactory()
    application = ApplicationFactory(edition=first, accepted=True)
    counter = PageViewCounter()
    for _ in range(3):
        counter.count(edition=first.slug)
    counter.count(edition=first.slug, exhibitor=application.exhibitor.slug)
    counter.count(edition=second.slug)
    counter.count(edition="dihapus")  # an edition gone meanwhile: dropped

    with django_assert_num_queries(1):
        counter.flush()
    with django_assert_num_queries(0):
        counter.flush()  # nothing left

    today = timezone.localdate()
    assert counted() == {
        (first.slug, None, today): 3,
        (first.slug, application.exhibitor.slug, today): 1,
        (second.slug, None, today): 1,
    }


def test_stopping_writes_what_is_left():
    """What the process does at exit (``atexit``)."""
    edition = EditionFactory()
    counter = PageViewCounter()
    counter.count(edition=edition.slug)
    counter.count(edition=edition.slug)

    counter.stop()

    assert counted() == {(edition.slug, None, timezone.localdate()): 2}


@pytest.mark.django_db(transaction=True)
def test_two_processes_writing_the_same_day_at_once_add_up():
    edition = EditionFactory()
    one, other = PageViewCounter(), PageViewCounter()
    for _ in range(300):
        one.count(edition=edition.slug)
    for _ in range(200):
        other.count(edition=edition.slug)

    # The first batch inserts the row in a transaction still open when the second comes:
    # the second waits for it, then adds to the row it committed.
    with rival_transaction(one.flush) as outcome:
        other.flush()

    assert outcome == {"blocked": True, "committed": True}
    assert PageViews.objects.get(edition=edition).views == 500


@pytest.mark.django_db(transaction=True)
def test_a_server_process_writes_a_full_batch_on_its_own(settings):
    settings.PUBLIC_CACHE_LISTENS = True  # as in a server process: the writer runs
    edition = EditionFactory()
    counter = PageViewCounter(flush_views=3)
    try:
        for _ in range(3):
            counter.count(edition=edition.slug)
        deadline = time.monotonic() + 10
        while not PageViews.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert PageViews.objects.get(edition=edition).views == 3
    finally:
        counter.stop()
