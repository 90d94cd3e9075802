"""The owner's dashboard shows the catalogue a page of 24 products at a time, with links
to the other pages; the rest of the dashboard still sees the whole catalogue."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext, override

from core.tests.helpers import jpeg, text_of
from exhibitors import services
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


def indonesian(message, **values):
    """A message of the pagination as the dashboard shows it: new strings are read from
    the catalogue, so the tests hold before and after their translation is compiled."""
    with override("id"):
        return gettext(message) % values


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add_products(exhibitor, count):
    """Products named by their place in the catalogue: "Produk 01", "Produk 02"…"""
    return [
        ProductFactory(exhibitor=exhibitor, name=f"Produk {number:02d}", position=number - 1)
        for number in range(1, count + 1)
    ]


def shown_products(response):
    return re.findall(r"<h3>(Produk \d+)</h3>", response.content.decode())


def page_links(response):
    """The catalogue's page links as read: the text, where it goes, its label, and whether
    it is the current page."""
    nav = re.search(
        r'<nav class="pagination[^"]*" aria-label="([^"]*)">(.*?)</nav>',
        response.content.decode(),
        re.S,
    )
    if nav is None:
        return None, []
    links = re.findall(r"<a ([^>]*)>(.*?)</a>", nav[2], re.S)

    def attribute(attributes, name):
        found = re.search(rf'{name}="([^"]*)"', attributes)
        return found[1] if found else None

    return nav[1], [
        (
            text_of(text),
            attribute(attributes, "href"),
            attribute(attributes, "aria-label"),
            attribute(attributes, "aria-current"),
        )
        for attributes, text in links
    ]


def test_the_first_page_shows_the_first_24_products_in_the_owners_order(client, exhibitor):
    add_products(exhibitor, 30)

    response = client.get(DASHBOARD)

    assert shown_products(response) == [f"Produk {number:02d}" for number in range(1, 25)]


def test_page_two_shows_the_25th_product_onwards(client, exhibitor):
    add_products(exhibitor, 30)

    response = client.get(DASHBOARD, {"produk": "2"})

    assert shown_products(response) == [f"Produk {number:02d}" for number in range(25, 31)]


def test_the_pages_are_linked_each_to_the_catalogue_with_the_current_one_marked(client, exhibitor):
    add_products(exhibitor, 50)  # three pages

    label, links = page_links(client.get(DASHBOARD, {"produk": "2"}))

    assert label == indonesian("Pages of my products")
    assert links == [
        ("Sebelumnya", "?produk=1#products", None, None),
        *[
            (
                str(number),
                f"?produk={number}#products",
                indonesian("Page %(number)s", number=number),
                "page" if number == 2 else None,
            )
            for number in (1, 2, 3)
        ],
        ("Berikutnya", "?produk=3#products", None, None),
    ]


def test_many_pages_are_linked_by_the_first_last_and_nearest(client, exhibitor):
    add_products(exhibitor, 24 * 20)

    _label, links = page_links(client.get(DASHBOARD, {"produk": "10"}))

    assert [text for text, _href, _label, _current in links] == [
        "Sebelumnya", "1", "8", "9", "10", "11", "12", "20", "Berikutnya",
    ]  # fmt: skip
    page = client.get(DASHBOARD, {"produk": "10"}).content.decode()
    assert page.count('<span aria-hidden="true">…</span>') == 2


def test_an_institution_pages_its_services(client, owner):
    exhibitor = ExhibitorFactory(
        owner=owner, kind=Exhibitor.Kind.INSTITUTION, scale="", category="jasa"
    )
    add_products(exhibitor, 25)

    label, _links = page_links(client.get(DASHBOARD))

    assert label == indonesian("Pages of my services")


def test_a_catalogue_of_one_page_has_no_page_links(client, exhibitor):
    add_products(exhibitor, 24)

    response = client.get(DASHBOARD)

    assert page_links(response) == (None, [])
    assert len(shown_products(response)) == 24


@pytest.mark.parametrize(
    ("number", "first_shown"),
    [
        ("kedua", "Produk 01"),  # a word: the first page
        ("2.5", "Produk 01"),
        ("", "Produk 01"),
        ("0", "Produk 49"),  # a number that is no page: the last
        ("-1", "Produk 49"),
        ("99", "Produk 49"),
    ],
)
def test_a_page_number_that_is_no_page_shows_the_first_or_the_last(
    client, exhibitor, number, first_shown
):
    add_products(exhibitor, 50)

    response = client.get(DASHBOARD, {"produk": number})

    assert response.status_code == 200
    assert shown_products(response)[0] == first_shown


def test_moving_is_offered_across_pages_but_not_past_either_end(client, exhibitor):
    add_products(exhibitor, 30)

    def moves(response, name):
        page = response.content.decode()
        return (
            f'aria-label="Pindahkan {name} ke atas"' in page,
            f'aria-label="Pindahkan {name} ke bawah"' in page,
        )

    first = client.get(DASHBOARD)
    second = client.get(DASHBOARD, {"produk": "2"})

    # The last of page 1 goes down onto page 2, the first of page 2 up onto page 1.
    assert [moves(first, "Produk 01"), moves(first, "Produk 24")] == [(False, True), (True, True)]
    assert [moves(second, "Produk 25"), moves(second, "Produk 30")] == [(True, True), (True, False)]


def test_the_online_checklist_counts_the_products_of_every_page(client, exhibitor, media):
    ApplicationFactory(exhibitor=exhibitor, accepted=True, mode="virtual")
    products = add_products(exhibitor, 27)
    for product in products[24:]:  # the three on page 2
        services.add_product_photo(
            product=product, upload=SimpleUploadedFile(f"{product.pk}.jpg", jpeg())
        )

    page = text_of(client.get(DASHBOARD))

    assert (
        "Minimal 3 produk yang ditampilkan kepada pengunjung, masing-masing dengan foto "
        "(saat ini 3): sudah"
    ) in page


@pytest.mark.parametrize("goes_online", [False, True])
def test_dashboard_queries_do_not_grow_with_the_products(client, exhibitor, goes_online):
    if goes_online:  # the online checklist reads the catalogue too
        ApplicationFactory(exhibitor=exhibitor, accepted=True, mode="virtual")
    add_products(exhibitor, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(DASHBOARD)
    queries_for_one = len(one)  # at once: the next request's start empties the log
    ProductFactory.create_batch(60, exhibitor=exhibitor, position=1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(DASHBOARD, {"produk": "2"})

    assert len(re.findall(r'<li class="card product', response.content.decode())) == 24
    assert len(many) == queries_for_one


@pytest.mark.parametrize(
    ("url_name", "data"),
    [("product_move", {"direction": "down"}), ("product_visibility", {"is_published": "0"})],
)
def test_moving_or_hiding_a_product_keeps_the_page_of_the_catalogue(
    client, exhibitor, url_name, data
):
    add_products(exhibitor, 30)
    product = exhibitor.products.order_by("position")[25]  # on page 2

    response = client.post(reverse(url_name, args=[product.pk]), {**data, "produk": "2"})

    assert response.url == f"{DASHBOARD}?produk=2#products"
    assert product.name in shown_products(client.get(response.url))
    # A page that is no number is dropped, not passed on.
    response = client.post(reverse(url_name, args=[product.pk]), {**data, "produk": "2&x=1"})
    assert response.url == f"{DASHBOARD}#products"
