"""A virtual participant's page is its booth: the video first, the featured products with
their stock and minimum order, the shops as buttons that name the platform, and the hours
chats are answered. A participant with a booth at the venue alone keeps the page as it was."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from exhibitors.models import OnlineLink
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def booth(mode, edition_format):
    edition = EditionFactory(format=edition_format, slug=f"expo-{edition_format}")
    exhibitor = ExhibitorFactory(
        name="Sambel Pecel Mbok Sri",
        slug="sambel-pecel-mbok-sri",
        category="kuliner",
        video_url="https://youtu.be/dQw4w9WgXcQ",
        online_hours_start=datetime.time(8),
        online_hours_end=datetime.time(17),
        online_hours_zone="WIB",
    )
    ApplicationFactory(exhibitor=exhibitor, edition=edition, mode=mode, accepted=True)
    ProductFactory(
        exhibitor=exhibitor,
        name="Sambel Pecel Pedas",
        price=25000,
        stock="preorder",
        minimum_order=10,
        minimum_order_unit="pak",
        is_featured=True,
        position=1,
    )
    ProductFactory(exhibitor=exhibitor, name="Sambel Pecel Manis", price=22000, stock="habis")
    OnlineLink.objects.create(
        exhibitor=exhibitor, platform="shopee", url="https://shopee.co.id/mboksri"
    )
    OnlineLink.objects.create(
        exhibitor=exhibitor, platform="instagram", url="https://instagram.com/mboksri"
    )
    url = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": exhibitor.slug}
    )
    return url, exhibitor


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize(("mode", "edition_format"), [("virtual", "virtual"), ("both", "hybrid")])
def test_a_virtual_booth_shows_the_video_first_then_its_featured_products_and_shops(
    client, mode, edition_format
):
    url, _exhibitor = booth(mode, edition_format)

    page = client.get(url).content.decode()

    article = page[page.index('<article class="exhibitor">') :]
    order = [
        article.index(marker)
        for marker in (
            'data-youtube="dQw4w9WgXcQ"',
            '<h2 id="featured">Produk unggulan</h2>',
            "Chat lewat WhatsApp",
            '<h2 id="products">Produk lainnya</h2>',
        )
    ]
    assert order == sorted(order)
    [featured] = re.findall(r'<section aria-labelledby="featured">.*?</section>', page, re.S)
    assert text_of(featured) == (
        "Produk unggulan Sambel Pecel Pedas Rp25.000 Pre-order Minimal pesan 10 pak"
    )
    [others] = re.findall(r'<section aria-labelledby="products">.*?</section>', page, re.S)
    assert text_of(others) == "Produk lainnya Sambel Pecel Manis Rp22.000 Habis"
    [shops] = re.findall(r'<ul class="shops" aria-label="Beli daring">.*?</ul>', page, re.S)
    # The shops first, each a button naming its platform; then the other places online.
    assert re.findall(r'<a class="([^"]+)" href="([^"]+)"[^>]*>([^<]+)</a>', shops) == [
        ("button", "https://shopee.co.id/mboksri", "Beli di Shopee"),
        ("button secondary", "https://instagram.com/mboksri", "Instagram"),
    ]
    assert "Chat dibalas 08.00–17.00 WIB" in text_of(page)


def test_a_booth_at_the_venue_alone_keeps_its_page(client):
    url, _exhibitor = booth("booth", "offline")

    page = client.get(url).content.decode()

    assert 'id="featured"' not in page
    assert '<ul class="shops"' not in page
    assert '<h2 id="products">Produk</h2>' in page
    [products] = re.findall(r'<section aria-labelledby="products">.*?</section>', page, re.S)
    assert text_of(products) == (
        "Produk Sambel Pecel Manis Rp22.000 Habis "
        "Sambel Pecel Pedas Rp25.000 Pre-order Minimal pesan 10 pak"
    )


def test_the_product_page_shows_stock_and_minimum_order(client):
    _url, exhibitor = booth("virtual", "virtual")
    product = exhibitor.products.get(name="Sambel Pecel Pedas")

    page = client.get(
        reverse(
            "product_detail",
            kwargs={"edition_slug": "expo-virtual", "slug": exhibitor.slug, "pk": product.pk},
        )
    ).content.decode()

    [terms] = re.findall(r'<p class="terms">.*?</p>', page)
    assert text_of(terms) == "Pre-order Minimal pesan 10 pak"
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    offer = json.loads(data)["offers"]
    assert (offer["availability"], offer["eligibleQuantity"]) == (
        "https://schema.org/PreOrder",
        {"@type": "QuantitativeValue", "minValue": 10, "unitText": "pak"},
    )


def test_the_product_search_cards_show_stock(client):
    booth("virtual", "virtual")

    page = client.get(reverse("product_search", kwargs={"edition_slug": "expo-virtual"}))

    terms = [text_of(t) for t in re.findall(r'<p class="terms">.*?</p>', page.content.decode())]
    assert sorted(terms) == ["Habis", "Pre-order Minimal pesan 10 pak"]
