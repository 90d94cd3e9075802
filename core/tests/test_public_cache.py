"""Public pages come from the shared cache and change as soon as content does."""

import gzip
import time
import uuid

import psycopg
import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from booths.models import Assignment
from booths.services import vacate_booth
from booths.tests.factories import BoothFactory
from core import public_cache
from exhibitors.tests.factories import ApplicationFactory, ProductFactory
from expo import public_scopes
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    application = ApplicationFactory(accepted=True, exhibitor__name="Kopi Gunung Kelir")
    ProductFactory(exhibitor=application.exhibitor, name="Kopi Bubuk Robusta", price=35000)
    return application


def participant_url(application):
    return reverse(
        "participant_detail",
        kwargs={"edition_slug": application.edition.slug, "slug": application.exhibitor.slug},
    )


def test_a_second_visit_makes_no_query(client, django_assert_num_queries, participant):
    client.get(participant_url(participant))

    with django_assert_num_queries(0):
        page = client.get(participant_url(participant)).content.decode()

    assert "Kopi Bubuk Robusta" in page


def test_an_owners_change_shows_at_once(client, django_capture_on_commit_callbacks, participant):
    client.get(participant_url(participant))
    product = participant.exhibitor.products.get()

    with django_capture_on_commit_callbacks(execute=True):  # committed, as a request would
        product.price = 40000
        product.save()

    assert "Rp40.000" in client.get(participant_url(participant)).content.decode()


def test_a_change_starts_a_new_generation_once_committed(
    client, django_capture_on_commit_callbacks, participant
):
    client.get(participant_url(participant))
    key = public_cache.generation_key(public_scopes.exhibitor(participant.exhibitor.slug))
    generation = public_cache.cache.get(key)
    assert generation

    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(exhibitor=participant.exhibitor, price=36000)
        # Not yet committed: a page rendered now from the old rows keeps the old generation.
        assert public_cache.cache.get(key) == generation

    assert public_cache.cache.get(key) != generation


def test_an_organisers_change_shows_at_once(
    client, django_capture_on_commit_callbacks, participant, organiser
):
    # Signed in, the organiser gets the pages from the shared cache too.
    edition = participant.edition
    directory = reverse("participant_list", kwargs={"edition_slug": edition.slug})
    booth = BoothFactory(edition=edition, code="C-03")
    Assignment.objects.create(booth=booth, application=participant, assigned_by=organiser)
    assert "C-03" in client.get(directory).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        vacate_booth(booth=booth)

    assert "C-03" not in client.get(directory).content.decode()


def test_a_page_for_anyone_sets_no_cookie_and_a_shared_cache_may_keep_it(client, participant):
    for _visit in range(2):  # drawn, then from the cache
        page = client.get(participant_url(participant))

        assert not page.cookies
        assert "csrfmiddlewaretoken" not in page.content.decode()
        assert set(page["Cache-Control"].split(", ")) == {
            "public",
            "max-age=10",
            "stale-while-revalidate=30",
        }
        assert "Cookie" in page["Vary"].split(", ")
        assert "Accept-Language" not in page["Vary"]  # the language is in the address


def test_the_language_switch_is_a_link_to_the_page_in_the_other_language(client, participant):
    url = participant_url(participant)
    with translation.override("en"):
        english = participant_url(participant)
    assert english == f"/en{url}"

    page = client.get(url).content.decode()
    assert f'<a href="{english}" hreflang="en" lang="en">English</a>' in page
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in page
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{url}">' in page
    in_english = client.get(english).content.decode()
    assert '<html lang="en"' in in_english
    assert f'<a href="{url}" hreflang="id" lang="id">Bahasa Indonesia</a>' in in_english


def test_the_addresses_without_a_language_are_indonesian_whatever_the_browser_asks(
    client, participant
):
    client.cookies["django_language"] = "en"
    page = client.get(participant_url(participant), headers={"Accept-Language": "en"})

    assert '<html lang="id"' in page.content.decode()


def test_a_page_with_a_visitors_own_links_is_for_their_browser_only(client, participant, owner):
    for _visit in range(2):  # drawn for them, then from the cache
        page = client.get(participant_url(participant))

        assert "Keluar" in page.content.decode()
        assert page["Cache-Control"] == "private"


def test_a_cached_page_keeps_the_headers_of_a_rendered_one(client, participant):
    rendered = client.get(participant_url(participant))

    cached = client.get(participant_url(participant))

    assert cached.content == rendered.content
    for header in ("X-Frame-Options", "Content-Security-Policy", "Content-Type", "Vary"):
        assert cached[header] == rendered[header], header


def test_pages_come_compressed_to_browsers_that_accept_it_cached_or_not(client, participant):
    for _visit in range(2):  # rendered, then from the cache
        response = client.get(participant_url(participant), headers={"Accept-Encoding": "gzip"})

        assert response["Content-Encoding"] == "gzip"
        assert "Kopi Bubuk Robusta" in gzip.decompress(response.content).decode()
        assert "Accept-Encoding" in response["Vary"]


def test_signed_in_visitors_get_cached_pages_with_their_own_account_links(
    client, django_assert_num_queries, participant, owner
):
    client.get(participant_url(participant))  # drawn for them, stored as anyone sees it

    with django_assert_num_queries(2):  # their session and their user, nothing of the page's
        page = client.get(participant_url(participant)).content.decode()

    assert "Kopi Bubuk Robusta" in page
    assert "Keluar" in page and "Usaha saya" in page  # their account links
    assert "Daftar" not in page
    anonymous = client.__class__().get(participant_url(participant)).content.decode()
    assert "Kopi Bubuk Robusta" in anonymous
    assert "Keluar" not in anonymous and "Daftar" in anonymous
    assert 'name="csrfmiddlewaretoken"' not in anonymous  # their logout form's is theirs


def test_a_waiting_message_shows_once_on_a_cached_page(client, participant, owner):
    client.get("/")

    home = client.post(reverse("account_logout"), follow=True)

    assert home.redirect_chain == [("/", 302)]
    assert "Anda telah keluar." in home.content.decode()
    page = client.get("/").content.decode()
    assert "Anda telah keluar." not in page
    assert "Masuk" in page


def test_htmx_and_full_pages_are_cached_apart(client, participant):
    directory = reverse("participant_list", kwargs={"edition_slug": participant.edition.slug})
    client.get(directory)

    fragment = client.get(directory, headers={"HX-Request": "true"}).content.decode()

    assert "<html" not in fragment


def test_a_history_restore_gets_the_whole_page_after_a_fragment_was_cached(client, participant):
    directory = reverse("participant_list", kwargs={"edition_slug": participant.edition.slug})
    client.get(directory, headers={"HX-Request": "true"})
    client.get(directory, headers={"HX-Request": "true"})  # the fragment, now cached

    restored = client.get(
        directory, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    ).content.decode()

    assert "<html" in restored


def test_each_host_gets_its_own_absolute_links(client, participant):
    for _visit in range(2):  # the second is cached, if anything is
        assert client.get(participant_url(participant), HTTP_HOST="localhost").status_code == 200

    page = client.get(participant_url(participant), HTTP_HOST="testserver").content.decode()

    assert "http://testserver/" in page
    assert "http://localhost/" not in page


@override_settings(
    CACHES={
        alias: {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
        for alias, table in (("default", "django_cache"), ("public", "public_cache"))
    }
)
def test_on_the_database_cache_a_cached_page_is_one_query(
    client, django_assert_num_queries, participant
):
    call_command("createcachetable", verbosity=0)
    client.get(participant_url(participant))

    with django_assert_num_queries(1):
        page = client.get(participant_url(participant)).content.decode()

    assert "Kopi Bubuk Robusta" in page


def test_draft_editions_are_never_cached_as_pages(client):
    edition = EditionFactory(status="draft")

    assert client.get(edition.get_absolute_url()).status_code == 404
    edition.status = "published"
    edition.save()

    assert client.get(edition.get_absolute_url()).status_code == 200


def test_lists_are_drawn_once_per_generation_in_each_language(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, participant, owner
):
    directory = reverse("participant_list", kwargs={"edition_slug": participant.edition.slug})
    products = reverse("product_search", kwargs={"edition_slug": participant.edition.slug})
    participant.exhibitor.region_id = "33.11"  # Sukoharjo, outside the host region
    participant.exhibitor.save()
    client.get(directory)
    client.get(products)

    # signed in: the session and the user, then the page from the cache
    for url, seen in ((directory, "Kopi Gunung Kelir"), (products, "Rp35.000")):
        with django_assert_num_queries(2):
            assert seen in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        participant.exhibitor.products.update(price=36000)  # in bulk: no signal
        public_cache.changed()
        participant.exhibitor.name = "Kopi Kelir Jaya"
        participant.exhibitor.save()
    assert "Kopi Kelir Jaya" in client.get(directory).content.decode()
    assert "Rp36.000" in client.get(products).content.decode()

    assert "di luar daerah tuan rumah" in client.get(directory).content.decode()
    page = client.get(f"/en{directory}").content.decode()
    assert "outside the host region" in page
    assert "di luar daerah tuan rumah" not in page


def public_pages(application):
    edition = application.edition
    return {
        "home": "/",
        "edition": edition.get_absolute_url(),
        "participant": participant_url(application),
        "directory": reverse("participant_list", kwargs={"edition_slug": edition.slug}),
        "floor plan": reverse("floor_plan", kwargs={"edition_slug": edition.slug}),
    }


def pages_kept():
    """The pages in the shared cache: rows of its table, which holds at most 50,000."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM public_cache WHERE cache_key LIKE %s", ["%:public:page:%"]
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize("page", ["home", "edition", "participant", "directory", "floor plan"])
@pytest.mark.usefixtures("database_cache")
def test_query_strings_of_the_visitors_own_keep_no_page_of_their_own(
    client, django_assert_num_queries, participant, page
):
    url = public_pages(participant)[page]
    first = client.get(url)
    assert pages_kept() == 1

    with django_assert_num_queries(100):  # each the shared cache's one: the page is kept
        for _visit in range(100):
            noise = uuid.uuid4().hex
            visit = client.get(url, {"utm_source": noise[:8], f"x{noise[8:16]}": noise})
            assert visit.content == first.content

    assert pages_kept() == 1


def test_a_parameter_of_the_visitors_own_shares_the_page_without_showing_in_it(
    client, django_assert_num_queries, participant
):
    url = participant_url(participant)
    client.get(url, {"utm_source": "kabar-umkm"})  # the first visit draws the page

    with django_assert_num_queries(0):  # from the cache
        page = client.__class__().get(url).content.decode()

    assert f'<a href="/en{url}" hreflang="en" lang="en">English</a>' in page  # the switch's
    assert "kabar-umkm" not in page


def test_visitors_pages_are_kept_apart_from_the_rate_limits(client, participant):
    # Visitors asking for ever new URLs fill the public cache only: the database cache
    # culls its oldest keys when full, and allauth's failed-login counts live in "default".
    client.get(participant_url(participant))

    key = public_cache.generation_key(public_cache.SITE)
    assert public_cache.cache.get(key)
    assert caches["default"].get(key) is None


# Each server process serves visitors without a session its own copy of a page, and drops
# it as soon as PostgreSQL announces a change (public_cache.ScopeListener). These
# tests commit for real, as a server does: only committed changes are announced.


@pytest.fixture
def database_cache(settings):
    # The shared cache in PostgreSQL, as by default: asking it is a query, and counted.
    settings.CACHES = {
        **settings.CACHES,
        "public": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "public_cache",
        },
    }
    call_command("createcachetable", verbosity=0)
    yield
    public_cache.cache.clear()  # the table outlives the test: later ones start empty


@pytest.fixture
def listener(listening, database_cache):
    return listening


def eventually(condition):
    """Wait for the listener's thread to hear of what happened; fail if it never does."""
    for _attempt in range(500):
        if condition():
            return
        time.sleep(0.01)
    pytest.fail("the listener did not hear of it")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_page_comes_from_the_process_until_a_change_is_announced(
    client, django_assert_num_queries, listener, participant
):
    client.get(participant_url(participant))  # drawn, and the listener started
    eventually(lambda: listener.known(()) is not None)
    client.get(participant_url(participant))  # from the shared cache, copied into the process

    with django_assert_num_queries(0):
        assert "Rp35.000" in client.get(participant_url(participant)).content.decode()

    heard = listener.epoch
    product = participant.exhibitor.products.get()
    product.price = 40000
    product.save()
    eventually(lambda: listener.epoch != heard)

    assert "Rp40.000" in client.get(participant_url(participant)).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_visitors_with_a_session_always_ask_the_shared_cache(
    client, django_assert_num_queries, listener, participant, owner
):
    client.get(participant_url(participant))
    eventually(lambda: listener.known(()) is not None)
    client.get(participant_url(participant))

    # the session, the user and the shared cache: what they see is never a process's copy
    with django_assert_num_queries(3):
        page = client.get(participant_url(participant)).content.decode()

    assert "Kopi Bubuk Robusta" in page
    assert "Keluar" in page  # their own account links, not an anonymous copy's


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_the_listener_listens_again_after_losing_its_connection(
    client, listener, participant, caplog
):
    client.get(participant_url(participant))
    eventually(lambda: listener.known(()) is not None)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [public_cache.LISTENER_NAME],
        )
    eventually(lambda: not listener.listening)  # meanwhile, the shared cache is asked
    assert "Not hearing of new generations" in caplog.text
    eventually(lambda: listener.known(()) is not None)

    heard = listener.epoch
    participant.exhibitor.name = "Kopi Kelir Jaya"
    participant.exhibitor.save()
    eventually(lambda: listener.epoch != heard)
    assert "Kopi Kelir Jaya" in client.get(participant_url(participant)).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_committed_change_is_announced_to_every_listener(participant):
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as listening:
        listening.execute(f"LISTEN {public_cache.CHANNEL}")
        participant.exhibitor.name = "Kopi Kelir Jaya"
        participant.exhibitor.save()

        (notify,) = listening.notifies(timeout=5, stop_after=1)
    # The scopes that changed: the exhibitor's pages and its edition's lists.
    assert set(notify.payload.split()) == {
        public_scopes.exhibitor(participant.exhibitor.slug),
        public_scopes.listing(participant.edition.slug),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_without_its_announcement_a_change_shows_within_a_second_or_two(
    client, listener, participant
):
    client.get(participant_url(participant))
    eventually(lambda: listener.known(()) is not None)
    client.get(participant_url(participant))  # the process's own copy from now on

    # A change whose announcement never arrives (as behind a pooler in transaction mode):
    # written without signals, its generation started by hand.
    participant.exhibitor.products.update(price=40000)
    scope = public_scopes.exhibitor(participant.exhibitor.slug)
    public_cache.cache.set(public_cache.generation_key(scope), uuid.uuid4().hex, None)

    eventually(lambda: "Rp40.000" in client.get(participant_url(participant)).content.decode())
