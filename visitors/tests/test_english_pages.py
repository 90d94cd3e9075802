"""The English pages (``/en/…``): the owners' English names and descriptions where they
wrote them, the Indonesian ones marked so where they did not, and searches finding either."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.tests.helpers import PROFILE, card_names, product_card_names, text_of
from exhibitors.models import Exhibitor, Product
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db


def in_english(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def participant():
    exhibitor = ExhibitorFactory(
        name="Kopi Gunung Kelir",
        slug="kopi-gunung-kelir",
        description="Kopi robusta petik merah dari lereng Gunung Kelir.",
        name_en="Mount Kelir Coffee",
        description_en="Red-picked robusta coffee from the slopes of Mount Kelir.",
    )
    return ApplicationFactory(exhibitor=exhibitor, accepted=True, edition__slug="kasmex")


def test_the_english_page_shows_the_owners_english_name_and_description(client, participant):
    indonesian = text_of(
        client.get(
            reverse(
                "participant_detail", kwargs={"edition_slug": "kasmex", "slug": "kopi-gunung-kelir"}
            )
        )
    )
    english = text_of(
        client.get(
            in_english("participant_detail", edition_slug="kasmex", slug="kopi-gunung-kelir")
        )
    )

    assert "Mount Kelir Coffee" in english
    assert "Red-picked robusta coffee" in english
    assert "Kopi robusta petik merah" not in english
    assert "Described in Bahasa Indonesia only" not in english
    # The Indonesian page stays Indonesian.
    assert "Kopi Gunung Kelir" in indonesian
    assert "Kopi robusta petik merah" in indonesian
    assert "Mount Kelir Coffee" not in indonesian


def test_without_an_english_description_the_indonesian_one_is_shown_marked_so(client):
    product = ProductFactory(
        name="Keripik Tempe", description="Renyah dan gurih.", exhibitor__slug="tempe"
    )
    application = ApplicationFactory(exhibitor=product.exhibitor, accepted=True)
    url = in_english(
        "product_detail", edition_slug=application.edition.slug, slug="tempe", pk=product.pk
    )

    page = client.get(url).content.decode()

    assert "<h1>Keripik Tempe</h1>" in page  # no English name: the Indonesian one
    assert '<p class="meta">Described in Bahasa Indonesia only:</p>' in page
    assert '<div class="prose" lang="id"><p>Renyah dan gurih.</p></div>' in page


def test_a_search_on_either_language_finds_the_business_and_its_products(client, participant):
    ProductFactory(
        exhibitor=participant.exhibitor, name="Kopi Bubuk Robusta", name_en="Ground coffee"
    )
    edition = participant.edition.slug

    for url in (
        reverse("participant_list", kwargs={"edition_slug": edition}),
        in_english("participant_list", edition_slug=edition),
    ):
        assert card_names(client.get(url, {"q": "mount"})) != []
        assert card_names(client.get(url, {"q": "ground"})) != []  # by a product's words
    english = client.get(in_english("participant_list", edition_slug=edition), {"q": "mount"})
    assert card_names(english) == ["Mount Kelir Coffee"]
    products = client.get(in_english("product_search", edition_slug=edition), {"q": "ground"})
    assert product_card_names(products) == ["Ground coffee"]


def test_an_english_change_redraws_the_english_page(
    client, participant, django_capture_on_commit_callbacks
):
    url = in_english("participant_detail", edition_slug="kasmex", slug="kopi-gunung-kelir")
    client.get(url)  # kept

    with django_capture_on_commit_callbacks(execute=True):
        participant.exhibitor.name_en = "Kelir Mountain Coffee"
        participant.exhibitor.save()

    assert "Kelir Mountain Coffee" in text_of(client.get(url))


def test_the_owner_writes_the_english_name_and_description_on_the_profile(client, owner):
    client.post(
        reverse("profile_edit"),
        {**PROFILE, "name_en": "Bu Sri's Tempeh Chips", "description_en": "Crispy tempeh."},
    )

    exhibitor = Exhibitor.objects.get(owner=owner)
    assert (exhibitor.name_en, exhibitor.description_en) == (
        "Bu Sri's Tempeh Chips",
        "Crispy tempeh.",
    )


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name_en", "x" * 201, "Pastikan nilai ini mengandung paling banyak 200 karakter"),
        ("description_en", "x" * 5001, "Pastikan nilai ini mengandung paling banyak 5000 karakter"),
        ("name_en", "Chips \u202egnp.exe", "membalik atau mengubah urutan teks"),
    ],
)
def test_a_bad_english_product_text_is_refused_in_indonesian_and_nothing_is_kept(
    client, owner, field, value, error
):
    client.post(reverse("profile_edit"), PROFILE)
    page = client.post(
        reverse("product_create"),
        {"name": "Keripik Tempe", "category": "kuliner", "price": "12.000", field: value},
    )

    assert error in text_of(page)
    assert not Product.objects.exists()
