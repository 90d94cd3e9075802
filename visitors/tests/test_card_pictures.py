"""The pictures on the visitor's cards: a directory card shows the exhibitor's logo, a
product card the product's first photo; sized, fetched at once for the first two cards of
a list (the first view) and lazily after."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tests.helpers import jpeg, png
from exhibitors import services
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

EAGER = {}
LAZY = {"loading": "lazy", "decoding": "async"}


class Cards(HTMLParser):
    """A page's cards, in order, each as the attributes of its picture (None without one)."""

    def __init__(self, page):
        super().__init__()
        self.cards, self.in_card = [], False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "li" and "card" in (dict(attrs).get("class") or "").split():
            self.cards.append(None)
            self.in_card = True
        elif tag == "img" and self.in_card:
            self.cards[-1] = dict(attrs)

    def handle_endtag(self, tag):
        if tag == "li":
            self.in_card = False


def card_pictures(response):
    return Cards(response.content.decode()).cards


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def edition():
    return EditionFactory(host_regions=["33.22"])


def participant(edition, name, *, logo_size=None):
    exhibitor = ExhibitorFactory(name=name, region_id="33.22")
    if logo_size:
        upload = SimpleUploadedFile("logo.png", png(logo_size), content_type="image/png")
        exhibitor = services.set_logo(exhibitor=exhibitor, upload=upload)
    ApplicationFactory(edition=edition, exhibitor=exhibitor, accepted=True)
    return exhibitor


def product_with_photos(exhibitor, name, *sizes):
    product = ProductFactory(exhibitor=exhibitor, name=name)
    photos = [
        services.add_product_photo(
            product=product,
            upload=SimpleUploadedFile("foto.jpg", jpeg(size), content_type="image/jpeg"),
        )
        for size in sizes
    ]
    return photos[0] if photos else None


def directory(client, edition):
    return client.get(reverse("participant_list", kwargs={"edition_slug": edition.slug}))


def product_search(client, edition):
    return client.get(reverse("product_search", kwargs={"edition_slug": edition.slug}))


def logo_picture(exhibitor, fetch):
    return {
        "class": "card-logo",
        "src": exhibitor.logo.url,
        "width": str(exhibitor.logo_width),
        "height": str(exhibitor.logo_height),
        # The name is the card's link right beside it.
        "alt": "",
        **fetch,
    }


def photo_picture(photo, fetch):
    return {
        "src": photo.small.url,
        "srcset": f"{photo.small.url} 320w, {photo.medium.url} 800w",
        "sizes": "(min-width: 40rem) 14rem, 100vw",
        "width": str(photo.small_width),
        "height": str(photo.small_height),
        "alt": "",
        **fetch,
    }


def test_directory_cards_show_the_logos_sized_the_first_two_eager(client, media, edition):
    wide = participant(edition, "Anyaman Bambu Pring Sewu", logo_size=(640, 320))
    participant(edition, "Batik Lukis Ambarawa")
    square = participant(edition, "Kopi Gunung Kelir", logo_size=(400, 400))
    tall = participant(edition, "Serabi Ngampin", logo_size=(300, 600))

    pictures = card_pictures(directory(client, edition))

    assert pictures == [
        logo_picture(wide, EAGER),
        None,
        logo_picture(square, LAZY),
        logo_picture(tall, LAZY),
    ]
    assert [(p["width"], p["height"]) for p in (pictures[0], pictures[2], pictures[3])] == [
        ("320", "160"),
        ("320", "320"),
        ("160", "320"),
    ]


def test_a_directory_card_without_a_logo_shows_the_first_product_photo(client, media, edition):
    with_logo = participant(edition, "Anyaman Bambu Pring Sewu", logo_size=(400, 400))
    product_with_photos(with_logo, "Tas Anyaman", (1200, 900))
    without = participant(edition, "Batik Lukis Ambarawa")
    hidden = ProductFactory(exhibitor=without, name="Belum Tampil", position=0, is_published=False)
    services.add_product_photo(
        product=hidden,
        upload=SimpleUploadedFile("foto.jpg", jpeg((900, 1200)), content_type="image/jpeg"),
    )
    first = product_with_photos(without, "Selendang Batik", (1200, 900), (1200, 900))
    participant(edition, "Kopi Gunung Kelir")  # nothing to show

    pictures = card_pictures(directory(client, edition))

    assert pictures == [
        logo_picture(with_logo, EAGER),
        {  # of the first product visitors see, its first photo
            "class": "card-logo cover",
            "src": first.small.url,
            "width": str(first.small_width),
            "height": str(first.small_height),
            "alt": "",
        },
        None,
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_directory_logos_cost_no_query(client, django_assert_num_queries, media, edition, count):
    for number in range(count):
        participant(edition, f"Keripik Tempe {number}", logo_size=(200, 200))
        # and a card without a logo, which shows a product photo
        product_with_photos(participant(edition, f"Kopi {number}"), "Kopi Bubuk", (400, 300))

    # edition, origins to filter by, count, the page's ids, its rows: each logo comes with
    # its exhibitor's row
    with django_assert_num_queries(5):
        response = directory(client, edition)

    assert sum(picture is not None for picture in card_pictures(response)) == 2 * count


def test_product_cards_show_the_first_photo_with_srcset_the_first_two_eager(client, media, edition):
    exhibitor = participant(edition, "Kopi Gunung Kelir")
    arabika = product_with_photos(exhibitor, "Kopi Arabika 200 g", (1200, 900), (900, 1200))
    robusta = product_with_photos(exhibitor, "Kopi Robusta 200 g", (900, 1200))
    product_with_photos(exhibitor, "Kopi Tubruk (cup)")
    wine = product_with_photos(exhibitor, "Kopi Wine 200 g", (1600, 1200))

    pictures = card_pictures(product_search(client, edition))

    assert pictures == [
        photo_picture(arabika, EAGER),
        photo_picture(robusta, EAGER),
        None,
        photo_picture(wine, LAZY),
    ]
    assert (pictures[0]["width"], pictures[0]["height"]) == ("320", "240")
    assert (pictures[1]["width"], pictures[1]["height"]) == ("320", "427")


def test_product_card_of_a_photo_too_small_for_a_larger_rendition_has_no_srcset(
    client, media, edition
):
    exhibitor = participant(edition, "Kopi Gunung Kelir")
    photo = product_with_photos(exhibitor, "Kopi Arabika 200 g", (200, 150))

    pictures = card_pictures(product_search(client, edition))

    # A srcset naming two files of one width would be invalid HTML.
    assert pictures == [{"src": photo.small.url, "width": "200", "height": "150", "alt": ""}]


def test_exhibitor_page_product_cards_but_the_first_are_lazy(client, media, edition):
    # The first may be in the first view (an exhibitor with no description); the others
    # are below it.
    exhibitor = participant(edition, "Kopi Gunung Kelir")
    photos = [product_with_photos(exhibitor, f"Kopi {number}", (1200, 900)) for number in range(3)]

    response = client.get(
        reverse("participant_detail", kwargs={"edition_slug": edition.slug, "slug": exhibitor.slug})
    )

    first, *others = photos
    assert card_pictures(response) == [
        photo_picture(first, EAGER),
        *(photo_picture(photo, LAZY) for photo in others),
    ]
