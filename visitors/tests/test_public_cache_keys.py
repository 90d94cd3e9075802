"""The lists' pages in the shared cache: one per set of filters as the forms clean them."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from core import public_cache
from core.tests.helpers import card_names, product_card_names
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

BATIK, COFFEE = "Batik Ngesti Pandawa", "Kopi Gunung Kelir"
SHAWL, GROUND_COFFEE = "Selendang Batik Tulis", "Kopi Bubuk Robusta"


@pytest.fixture
def edition():
    """Hosted by Kabupaten Semarang (33.22): a batik maker there, a coffee roaster from
    Sukoharjo (33.11), each with a product."""
    edition = EditionFactory(host_regions=["33.22"])
    batik = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor=ExhibitorFactory(
            name="Batik Ngesti Pandawa", category="wastra", region_id="33.22"
        ),
    )
    coffee = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor=ExhibitorFactory(name="Kopi Gunung Kelir", category="kuliner", region_id="33.11"),
    )
    ProductFactory(exhibitor=batik.exhibitor, name="Selendang Batik Tulis", price=150000)
    ProductFactory(
        exhibitor=coffee.exhibitor, name="Kopi Bubuk Robusta", price=35000, is_halal=True
    )
    return edition


@pytest.fixture
def pages_kept(settings):
    """How many pages the shared cache keeps: rows of its table, as in production, where it
    holds at most 50,000."""
    settings.CACHES = {
        **settings.CACHES,
        "public": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "public_cache",
        },
    }
    call_command("createcachetable", verbosity=0)

    def count():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM public_cache WHERE cache_key LIKE %s", ["%:public:page:%"]
            )
            return cursor.fetchone()[0]

    yield count
    public_cache.cache.clear()


def directory(client, edition, params):
    return client.get(reverse("participant_list", kwargs={"edition_slug": edition.slug}), params)


def product_search(client, edition, params):
    return client.get(reverse("product_search", kwargs={"edition_slug": edition.slug}), params)


def names(response):
    """The names on the page's cards, exhibitors' or products', as the visitor reads them."""
    return card_names(response) + product_card_names(response)


@pytest.mark.parametrize(
    ("view", "first", "second", "expected"),
    [
        # The coffee roaster's description is the factory's, of batik.
        (directory, {"q": "Batik"}, {"q": "  Batik ", "utm_source": "wa"}, [BATIK, COFFEE]),
        (
            directory,
            {"kategori": "wastra", "urut": "nama"},
            {"urut": "nama", "kategori": "wastra"},
            [BATIK],
        ),
        (directory, {}, {"page": "1"}, [BATIK, COFFEE]),
        (directory, {"kategori": "wastra"}, {"kategori": ["kuliner", "wastra"]}, [BATIK]),  # last
        # A regency of another province than the one chosen is no choice.
        (directory, {"provinsi": "33"}, {"provinsi": "33", "wilayah": "35.07"}, [BATIK, COFFEE]),
        (product_search, {"harga_min": "50000"}, {"harga_min": "Rp 50.000"}, [SHAWL]),
        (product_search, {"halal": "on"}, {"halal": "true"}, [GROUND_COFFEE]),
        (
            product_search,
            {"q": "kopi", "halal": ""},
            {"q": "kopi\x00", "harga_max": "mahal"},
            [GROUND_COFFEE],
        ),
    ],
)
def test_a_query_written_two_ways_is_one_page(
    client, django_assert_num_queries, edition, pages_kept, view, first, second, expected
):
    shown = names(view(client, edition, first))
    assert shown == expected
    assert pages_kept() == 1

    with django_assert_num_queries(1):  # the shared cache's: the page of the first
        assert names(view(client, edition, second)) == expected

    assert pages_kept() == 1


def test_another_value_is_another_page_whatever_else_the_query_holds(client, edition, pages_kept):
    for params, shown in [
        ({"kategori": "wastra"}, ["Batik Ngesti Pandawa"]),
        ({"kategori": "kuliner"}, ["Kopi Gunung Kelir"]),
        ({"kategori": "kuliner", "utm_source": "wa"}, ["Kopi Gunung Kelir"]),
        ({"fbclid": "IwAR0", "kategori": "wastra"}, ["Batik Ngesti Pandawa"]),
    ]:
        assert names(directory(client, edition, params)) == shown

    assert pages_kept() == 2


@pytest.mark.parametrize(
    ("view", "params"),
    [
        (directory, {"kategori": "senjata"}),
        (directory, {"urut": "harga; DROP"}),
        (directory, {"provinsi": "3"}),
        (directory, {"wilayah": "<b>"}),
        (product_search, {"harga_min": "murah"}),
        (product_search, {"harga_max": "9" * 30}),
    ],
)
def test_a_value_the_form_refuses_gets_the_page_without_it(
    client, django_assert_num_queries, edition, pages_kept, view, params
):
    shown = names(view(client, edition, {}))
    assert shown == ([BATIK, COFFEE] if view is directory else [SHAWL, GROUND_COFFEE])

    with django_assert_num_queries(1):  # the shared cache's
        assert names(view(client, edition, params)) == shown

    assert pages_kept() == 1


@pytest.mark.parametrize(
    "params",
    [
        {"provinsi": "99"},  # no participant comes from there, as the database tells
        {"wilayah": "35.07"},
        {"provinsi": "33", "wilayah": "33.74"},
    ],
)
def test_a_value_refused_once_the_database_is_read_keeps_no_page(
    client, edition, pages_kept, params
):
    for _visit in range(2):
        assert names(directory(client, edition, params)) == [
            "Batik Ngesti Pandawa",
            "Kopi Gunung Kelir",
        ]

    assert pages_kept() == 0


@pytest.mark.parametrize("page", ["abc", "0", "2", "last2"])
def test_a_page_number_that_is_no_page_keeps_no_page(client, edition, pages_kept, page):
    assert directory(client, edition, {"page": page}).status_code == 404

    assert pages_kept() == 0
