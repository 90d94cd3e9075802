import datetime
import importlib

import pytest
from django.db import connections
from django.urls import clear_url_caches, reverse
from django.utils import timezone

import expo.urls
from exhibitors.tests.factories import ApplicationFactory, ProductFactory
from expo.models import Edition
from expo.tests.factories import EditionFactory
from expo.views import server_error

pytestmark = pytest.mark.django_db


def test_home_lists_upcoming_before_past_and_hides_drafts(client):
    today = timezone.localdate()
    EditionFactory(
        name="Kasmex 2021",
        starts_on=datetime.date(2021, 11, 12),
        ends_on=datetime.date(2021, 11, 14),
    )
    EditionFactory(name="Kasmex Depan", starts_on=today + datetime.timedelta(days=10))
    EditionFactory(name="Rahasia Panitia", status=Edition.Status.DRAFT)

    page = client.get(reverse("home")).content.decode()

    assert page.index("Kasmex Depan") < page.index("Kasmex 2021")
    assert "Rahasia Panitia" not in page
    assert "12–14 November 2021" in page


def test_edition_page_counts_participants_inside_and_outside(client):
    edition = EditionFactory(name="Kasmex 2021", host_regions=["33.22"])
    inside = ApplicationFactory(edition=edition, exhibitor__region_id="33.22", accepted=True)
    ApplicationFactory(edition=edition, exhibitor__region_id="33.74", accepted=True)
    ApplicationFactory(edition=edition, exhibitor__region_id="33.22")  # not decided yet
    ProductFactory.create_batch(2, exhibitor=inside.exhibitor)

    response = client.get(edition.get_absolute_url())

    assert response.context["figures"] == {
        "participants": 2,
        "inside": 1,
        "outside": 1,
        "regions": 2,
        "products": 2,
    }
    assert "Kabupaten Semarang" in response.content.decode()


def test_draft_edition_is_a_styled_404(client):
    edition = EditionFactory(status=Edition.Status.DRAFT)

    response = client.get(edition.get_absolute_url())

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_unknown_edition_is_a_styled_404_in_english_too(client):
    response = client.get("/en/pameran/tidak-ada/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_healthz_checks_the_database(client):
    response = client.get(reverse("healthz"))

    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-cache" in response["Cache-Control"]


def test_pages_carry_the_content_security_policy(client):
    response = client.get(reverse("home"))

    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_sitemap_lists_public_editions_and_accepted_participants_only(client):
    edition = EditionFactory(slug="kasmex-2031")
    EditionFactory(slug="rahasia", status=Edition.Status.DRAFT)
    ApplicationFactory(edition=edition, exhibitor__slug="batik-sekar", accepted=True)
    ApplicationFactory(edition=edition, exhibitor__slug="masih-menunggu")

    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/pameran/kasmex-2031/</loc>" in sitemap
    assert "/pameran/kasmex-2031/peserta/batik-sekar/</loc>" in sitemap
    # each page in both languages, naming the other
    assert "<loc>http://testserver/en/pameran/kasmex-2031/</loc>" in sitemap
    assert (
        '<xhtml:link rel="alternate" hreflang="en" '
        'href="http://testserver/en/pameran/kasmex-2031/"/>' in sitemap
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/pameran/kasmex-2031/"/>' in sitemap
    )
    assert "rahasia" not in sitemap
    assert "masih-menunggu" not in sitemap


def test_robots_txt_points_to_the_sitemap_and_keeps_private_pages_out(client):
    robots = client.get("/robots.txt").content.decode()

    assert "Disallow: /dasbor/" in robots
    assert "Disallow: /en/dasbor/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_edition_page_has_a_link_preview_and_a_canonical_url(client):
    edition = EditionFactory(name="Kasmex 2031", slug="kasmex-2031")

    page = client.get(edition.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="Kasmex 2031">' in page
    assert '<link rel="canonical" href="http://testserver/pameran/kasmex-2031/">' in page
    assert 'content="http://testserver/static/img/og-default.png"' in page


@pytest.fixture
def bench_urls(settings):
    """The URLs as the server `make bench` starts has them (``BENCH=1``)."""
    settings.BENCH = True
    importlib.reload(expo.urls)
    clear_url_caches()
    yield
    settings.BENCH = False
    importlib.reload(expo.urls)
    clear_url_caches()


@pytest.mark.usefixtures("bench_urls")
def test_bench_baseline_says_hello_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("bench_hello"))

    assert response.content == b"hello\n"
    # It passes through the same middleware as every page: the security headers are there.
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_while_the_database_is_away_cached_pages_are_served_and_others_answer_503(client):
    edition = EditionFactory(slug="kasmex-2030")
    client.raise_request_exception = False
    assert edition.name in client.get("/").content.decode()
    database = connections["default"]
    reachable = database.settings_dict["HOST"]
    database.close()
    database.settings_dict["HOST"] = "/nonexistent-socket-directory"
    try:
        home = client.get("/")
        edition_page = client.get(reverse("edition_detail", kwargs={"slug": edition.slug}))
    finally:
        database.close()
        database.settings_dict["HOST"] = reachable

    assert home.status_code == 200
    assert edition.name in home.content.decode()
    assert edition_page.status_code == 503
    assert edition_page["Retry-After"] == "5"
    assert "Portal sedang sibuk sebentar" in edition_page.content.decode()


def test_any_other_server_error_gets_the_500_page(rf):
    try:
        raise ValueError("a defect, not the database")
    except ValueError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Terjadi kesalahan" in response.content.decode()
