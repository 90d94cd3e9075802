"""The visitor's directory and product search: full-text search, filters, sorting, paging."""

import json
import re

import pytest
from django.db import connection
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from core.tests.helpers import card_names, product_card_names, text_of
from exhibitors.models import Catalogue, Product
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory
from expo.tests.factories import EditionFactory
from visitors.views import IdsFirstPaginator

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "'",
    '"batik',
    "&|!:*",
    "kopi & | ! : * ( ) <->",
    "x" * 2000,
    "🍵☕ kopi 🌶️",
    "'; DROP TABLE exhibitors_exhibitor; --",
    "1 OR 1=1",
    "\x00batik",
    "-",
    "!!!",
    "<script>alert(1)</script>",
    "%_%",
    "\\",
]


def directory(client, edition, **params):
    return client.get(reverse("participant_list", kwargs={"edition_slug": edition.slug}), params)


def product_search(client, edition, **params):
    return client.get(reverse("product_search", kwargs={"edition_slug": edition.slug}), params)


@pytest.fixture
def edition():
    """Kasmex-like: hosted by Kabupaten Semarang (33.22), one participant from Sukoharjo."""
    edition = EditionFactory(host_regions=["33.22"])
    batik = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor=ExhibitorFactory(
            name="Batik Ngesti Pandawa",
            description="Batik tulis pewarna alami dari Bawen.",
            category="wastra",
            region_id="33.22",
            halal_number="",
        ),
    )
    coffee = ApplicationFactory(
        edition=edition,
        accepted=True,
        mode="virtual",
        exhibitor=ExhibitorFactory(
            name="Kopi Gunung Kelir",
            description="Kopi robusta petani lereng Kelir.",
            category="kuliner",
            region_id="33.22",
            halal_number="ID33110000123456",
        ),
    )
    outside = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor=ExhibitorFactory(
            name="Sekar Polokarto",
            description="Kain jumputan dari Sukoharjo.",
            category="wastra",
            region_id="33.11",
        ),
    )
    ProductFactory(exhibitor=coffee.exhibitor, name="Kopi Bubuk Robusta 200 g", price=35000)
    ProductFactory(
        exhibitor=outside.exhibitor,
        name="Selendang Sutra Ecoprint",
        price=150000,
        price_max=300000,
    )
    ProductFactory(exhibitor=batik.exhibitor, name="Kain Rahasia", is_published=False)
    Assignment.objects.create(booth=BoothFactory(edition=edition, code="A-02"), application=batik)
    Assignment.objects.create(booth=BoothFactory(edition=edition, code="A-01"), application=outside)
    return edition


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("batik", ["Batik Ngesti Pandawa"]),  # a word of the name
        ("pewarna alami", ["Batik Ngesti Pandawa"]),  # words of the description
        ("selendang", ["Sekar Polokarto"]),  # a product's name
        ("kopi bub", ["Kopi Gunung Kelir"]),  # still typing: the last word as a prefix
        ("pandwa", ["Batik Ngesti Pandawa"]),  # a typo in the name
        ("rahasia", []),  # a hidden product is not searched
    ],
)
def test_search_finds_names_descriptions_products_prefixes_and_typos(
    client, edition, query, expected
):
    assert card_names(directory(client, edition, q=query)) == expected


def test_search_follows_the_products_as_owners_change_them(
    client, django_capture_on_commit_callbacks, edition
):
    product = Product.objects.get(name="Selendang Sutra Ecoprint")
    assert card_names(directory(client, edition, q="selendang")) == ["Sekar Polokarto"]

    with django_capture_on_commit_callbacks(execute=True):  # committed, as a request would
        product.is_published = False
        product.save()
    assert card_names(directory(client, edition, q="selendang")) == []

    with django_capture_on_commit_callbacks(execute=True):
        product.is_published = True
        product.name = "Syal Sutra Ecoprint"
        product.save()
    assert card_names(directory(client, edition, q="syal")) == ["Sekar Polokarto"]
    assert card_names(directory(client, edition, q="selendang")) == []

    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert card_names(directory(client, edition, q="syal")) == []


def test_the_catalogue_is_rewritten_only_when_a_products_words_change():
    product = ProductFactory(name="Kopi Bubuk")

    def version():  # where PostgreSQL keeps the row: an update writes a new one
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ctid::text FROM exhibitors_catalogue WHERE exhibitor_id = %s",
                [product.exhibitor_id],
            )
            return cursor.fetchone()[0]

    before = version()
    Product.objects.filter(pk=product.pk).update(price=40000, position=3)
    assert version() == before

    Product.objects.filter(pk=product.pk).update(name="Kopi Luwak")
    assert version() != before


def test_an_exhibitor_goes_with_its_catalogue_words():
    exhibitor = ExhibitorFactory()
    ProductFactory.create_batch(2, exhibitor=exhibitor)
    assert Catalogue.objects.filter(exhibitor=exhibitor).exists()

    exhibitor.delete()

    assert not Catalogue.objects.filter(exhibitor_id=exhibitor.pk).exists()


def test_search_ranks_name_matches_first(client, edition):
    ProductFactory(
        exhibitor=edition.applications.get(exhibitor__name="Sekar Polokarto").exhibitor,
        name="Kopi susu gula aren",
    )

    assert card_names(directory(client, edition, q="kopi")) == [
        "Kopi Gunung Kelir",
        "Sekar Polokarto",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kategori": "wastra"}, ["Batik Ngesti Pandawa", "Sekar Polokarto"]),
        ({"asal": "luar"}, ["Sekar Polokarto"]),
        ({"asal": "dalam"}, ["Batik Ngesti Pandawa", "Kopi Gunung Kelir"]),
        ({"wilayah": "33.11"}, ["Sekar Polokarto"]),
        ({"mode": "virtual"}, ["Kopi Gunung Kelir"]),
        ({"legalitas": "halal"}, ["Kopi Gunung Kelir"]),
        ({"urut": "stan"}, ["Sekar Polokarto", "Batik Ngesti Pandawa", "Kopi Gunung Kelir"]),
        ({"urut": "asal", "kategori": "wastra"}, ["Batik Ngesti Pandawa", "Sekar Polokarto"]),
        ({"q": "kain", "kategori": "wastra", "asal": "luar"}, ["Sekar Polokarto"]),
    ],
)
def test_filters_and_sorting(client, edition, params, expected):
    assert card_names(directory(client, edition, **params)) == expected


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("booth", ["Batik Ngesti Pandawa", "Kripik Dua Cara", "Sekar Polokarto"]),
        ("virtual", ["Kopi Gunung Kelir", "Kripik Dua Cara"]),
    ],
)
def test_a_booth_and_virtual_participant_is_found_both_ways(client, edition, mode, expected):
    both = ApplicationFactory(
        edition=edition, accepted=True, mode="both", exhibitor__name="Kripik Dua Cara"
    )
    Assignment.objects.create(booth=BoothFactory(edition=edition, code="A-03"), application=both)

    response = directory(client, edition, mode=mode)

    assert card_names(response) == expected
    assert "Stan A-03 · juga daring" in text_of(response)


def choices(form, field):
    return [code for code, _name in form.fields[field].choices if code]


def test_origin_filters_offer_only_provinces_and_regencies_of_participants(client, edition):
    ApplicationFactory(edition=edition, accepted=True, exhibitor__region_id="35.07")
    ApplicationFactory(edition=edition, exhibitor__region_id="11.01")  # not accepted

    form = directory(client, edition).context["filter"].form
    assert choices(form, "provinsi") == ["33", "35"]  # Jawa Tengah, Jawa Timur
    assert choices(form, "wilayah") == []  # a province first: there may be hundreds

    form = directory(client, edition, provinsi="33").context["filter"].form
    assert choices(form, "wilayah") == ["33.22", "33.11"]  # by name: Semarang, Sukoharjo


def test_a_province_narrows_to_its_participants(client, edition):
    ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor__name="Keripik Malang",
        exhibitor__region_id="35.07",
    )

    assert card_names(directory(client, edition, provinsi="35")) == ["Keripik Malang"]
    # A regency of another province than the one chosen is dropped, the province kept.
    assert card_names(directory(client, edition, provinsi="35", wilayah="33.11")) == [
        "Keripik Malang"
    ]


def test_without_a_province_the_regency_select_says_what_to_do_first(client, edition):
    page = directory(client, edition).content.decode()

    assert "Pilih provinsi dulu" in page
    assert "Kabupaten Sukoharjo</option>" not in page


def test_htmx_results_bring_the_regencies_of_the_province_chosen(client, edition):
    response = client.get(
        reverse("participant_list", kwargs={"edition_slug": edition.slug}),
        {"provinsi": "33"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    field = re.search(r'<p id="field-wilayah" data-hx-swap-oob="true">.*?</p>', page, re.S).group(0)
    assert '<option value="33.11">Kabupaten Sukoharjo</option>' in field


@pytest.mark.parametrize(
    "params",
    [
        {"kategori": "senjata"},
        {"asal": "mars"},
        {"wilayah": "99.99"},
        {"provinsi": "99"},
        {"provinsi": "33", "wilayah": "33.99"},
        {"mode": "<b>"},
        {"legalitas": "sni"},
        {"urut": "harga; DROP"},
        {"tidak_dikenal": "1"},
    ],
)
def test_unknown_filter_values_are_ignored(client, edition, params):
    response = directory(client, edition, **params)

    assert response.status_code == 200
    assert len(card_names(response)) == 3


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_search_text_gives_results_or_an_empty_state(client, edition, query):
    for response in (directory(client, edition, q=query), product_search(client, edition, q=query)):
        assert response.status_code == 200
        page = response.content.decode()
        assert "<script>alert(1)</script>" not in page
        if not response.context["cards"]:
            assert "Coba kata yang lebih sedikit atau saringan lain." in page


@pytest.mark.parametrize(("page", "status"), [("2", 404), ("999999", 404), ("abc", 404)])
def test_page_numbers_past_the_end_or_not_numbers_are_404(client, edition, page, status):
    assert directory(client, edition, page=page).status_code == status


def test_last_page_by_name(client, edition):
    response = directory(client, edition, page="last")

    assert response.context["page_obj"].number == 1


def test_pagination_links_keep_the_filters(client, edition):
    for number in range(30):
        ApplicationFactory(
            edition=edition,
            accepted=True,
            exhibitor__name=f"Batik {number:02}",
            exhibitor__category="wastra",
        )

    page = directory(client, edition, kategori="wastra").content.decode()

    assert 'href="?kategori=wastra&amp;page=2"' in page


@pytest.mark.parametrize(
    ("params", "first"),
    [
        ({}, "Batik 24"),  # by name: "Batik 00" … "Batik 29", "Batik Ngesti Pandawa", …
        ({"q": "batik", "urut": "nama"}, "Batik 24"),
        ({"urut": "stan"}, "Batik 22"),  # the two with a booth first, then by name
    ],
)
def test_later_pages_continue_in_order_with_their_booths_and_origins(
    client, django_assert_num_queries, edition, params, first
):
    for number in range(30):
        ApplicationFactory(edition=edition, accepted=True, exhibitor__name=f"Batik {number:02}")

    # edition, origins to filter by, count, the page's ids, its cards' rows
    with django_assert_num_queries(5):
        response = directory(client, edition, page=2, **params)

    shown = card_names(response)
    assert shown[0] == first
    assert shown == sorted(shown)
    badge = '<span class="badge outside">di luar daerah tuan rumah</span>'
    assert response.content.decode().count(badge) == shown.count("Sekar Polokarto")


def test_htmx_gets_only_the_results(client, edition):
    response = client.get(
        reverse("participant_list", kwargs={"edition_slug": edition.slug}),
        {"q": "kopi"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results"')
    assert "<html" not in page
    assert "Kopi Gunung Kelir" in page
    assert "HX-Request" in response["Vary"]


def test_search_form_works_without_javascript(client, edition):
    page = directory(client, edition).content.decode()

    form = re.search(r'<form method="get"[^>]*>', page).group(0)
    assert 'data-hx-get="' in form
    assert "action=" not in form  # the form submits to the page itself, as a plain GET
    assert 'name="q"' in page


@pytest.mark.parametrize("count", [1, 12])
def test_directory_search_queries_do_not_grow_with_rows(
    client, django_assert_num_queries, edition, count
):
    for number in range(count):
        application = ApplicationFactory(
            edition=edition, accepted=True, exhibitor__name=f"Kopi Luwak {number}"
        )
        ProductFactory.create_batch(2, exhibitor=application.exhibitor)

    # edition, origins to filter by, count, the page's ids, its rows
    with django_assert_num_queries(5):
        response = directory(client, edition, q="kopi", kategori="wastra", urut="nama")

    # By name as the database sorts them: "Kopi Luwak 1" before "Kopi Luwak 10".
    assert card_names(response) == sorted(f"Kopi Luwak {number}" for number in range(count))


# Product search


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "kopi"}, ["Kopi Bubuk Robusta 200 g"]),
        ({"q": "selendang sutra"}, ["Selendang Sutra Ecoprint"]),
        ({"harga_max": "Rp 50.000"}, ["Kopi Bubuk Robusta 200 g"]),
        ({"harga_min": "200.000"}, ["Selendang Sutra Ecoprint"]),  # inside its range
        ({"harga_min": "400000"}, []),
        ({"kategori": "kuliner"}, ["Kopi Bubuk Robusta 200 g"]),
        ({"urut": "termahal"}, ["Selendang Sutra Ecoprint", "Kopi Bubuk Robusta 200 g"]),
        ({"urut": "termurah"}, ["Kopi Bubuk Robusta 200 g", "Selendang Sutra Ecoprint"]),
        (
            {"harga_min": "murah", "kategori": "x"},
            ["Kopi Bubuk Robusta 200 g", "Selendang Sutra Ecoprint"],
        ),
        ({"q": "rahasia"}, []),  # unpublished
        # Longer than any price: ignored like any other wrong value.
        (
            {"harga_min": "1" * 30, "harga_max": "9" * 30},
            ["Kopi Bubuk Robusta 200 g", "Selendang Sutra Ecoprint"],
        ),
    ],
)
def test_product_search(client, edition, params, expected):
    assert product_card_names(product_search(client, edition, **params)) == expected


def test_product_search_halal_only(client, edition):
    coffee = edition.applications.get(exhibitor__name="Kopi Gunung Kelir").exhibitor
    ProductFactory(exhibitor=coffee, name="Gula Aren Cair", is_halal=True)

    assert product_card_names(product_search(client, edition, halal="on")) == ["Gula Aren Cair"]


def test_products_of_participants_not_accepted_are_never_shown(client, edition):
    for status in ("submitted", "withdrawn", "waitlisted"):
        application = ApplicationFactory(
            edition=edition, status=status, decided_at="2021-11-01T10:00+07:00"
        )
        ProductFactory(exhibitor=application.exhibitor, name=f"Kopi {status}")
        assert "Kopi" in application.exhibitor.products.get().name

    assert product_card_names(product_search(client, edition, q="kopi")) == [
        "Kopi Bubuk Robusta 200 g"
    ]
    assert card_names(directory(client, edition, q="kopi")) == ["Kopi Gunung Kelir"]


@pytest.mark.parametrize("count", [1, 12])
def test_product_search_queries_do_not_grow_with_rows(
    client, django_assert_num_queries, edition, count
):
    coffee = edition.applications.get(exhibitor__name="Kopi Gunung Kelir").exhibitor
    for number in range(count):
        ProductFactory(exhibitor=coffee, name=f"Kopi Tubruk {number}")

    # edition, count, the page's ids, its products with their exhibitors, photos
    with django_assert_num_queries(5):
        response = product_search(client, edition, q="kopi", urut="termurah")

    # All Kopi Tubruk at the factory's price, dearer than the Robusta; then by name.
    tubruk = sorted(f"Kopi Tubruk {number}" for number in range(count))
    assert product_card_names(response) == ["Kopi Bubuk Robusta 200 g", *tubruk]


# Product and exhibitor pages


def product_url(edition, product):
    return reverse(
        "product_detail",
        kwargs={"edition_slug": edition.slug, "slug": product.exhibitor.slug, "pk": product.pk},
    )


def json_ld(page):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )


def test_product_page_has_price_whatsapp_and_structured_data(client, edition):
    coffee = edition.applications.get(exhibitor__name="Kopi Gunung Kelir").exhibitor
    product = coffee.products.get()

    page = client.get(product_url(edition, product)).content.decode()

    assert "Rp35.000" in page
    assert "Halo%2C%20saya%20melihat%20Kopi%20Bubuk%20Robusta%20200%20g%20di%20" in page
    assert json_ld(page)["offers"] == {
        "@type": "Offer",
        "priceCurrency": "IDR",
        "price": 35000,
        "availability": "https://schema.org/InStock",
    }
    assert '<meta property="og:type" content="product">' in page


def test_hidden_products_and_other_editions_products_are_404(client, edition):
    hidden = edition.applications.get(
        exhibitor__name="Batik Ngesti Pandawa"
    ).exhibitor.products.get()
    elsewhere = ProductFactory(exhibitor=ApplicationFactory(accepted=True).exhibitor)

    assert client.get(product_url(edition, hidden)).status_code == 404
    assert client.get(product_url(edition, elsewhere)).status_code == 404


def test_structured_data_cannot_be_broken_out_of(client, edition):
    coffee = edition.applications.get(exhibitor__name="Kopi Gunung Kelir").exhibitor
    product = ProductFactory(exhibitor=coffee, name="</script><script>alert(1)</script>")

    page = client.get(product_url(edition, product)).content.decode()

    assert "<script>alert(1)" not in page
    assert json_ld(page)["name"] == "</script><script>alert(1)</script>"


def test_exhibitor_page_shows_its_booth_on_the_plan_and_only_published_products(client, edition):
    batik = edition.applications.get(exhibitor__name="Batik Ngesti Pandawa")
    url = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": batik.exhibitor.slug}
    )

    page = client.get(url).content.decode()

    assert "Kain Rahasia" not in page
    assert re.search(r'<g class="booth cat-wastra highlight">\s*<rect', page)
    assert json_ld(page)["@type"] == "LocalBusiness"
    assert json_ld(page)["address"]["addressLocality"] == "Kabupaten Semarang"


@pytest.mark.parametrize("public", [False, True])
def test_the_street_address_is_published_only_where_the_owner_chose(client, edition, public):
    exhibitor = edition.applications.get(exhibitor__name="Batik Ngesti Pandawa").exhibitor
    exhibitor.address = "Jl. Pahlawan 7, Bawen"
    exhibitor.address_is_public = public
    exhibitor.save()
    url = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": exhibitor.slug}
    )

    page = client.get(url).content.decode()

    assert ("Jl. Pahlawan 7, Bawen" in page) is public
    assert json_ld(page)["address"].get("streetAddress") == (
        "Jl. Pahlawan 7, Bawen" if public else None
    )


@pytest.mark.parametrize("count", [1, 6])
def test_exhibitor_page_queries_do_not_grow_with_products_and_booths(
    client, django_assert_num_queries, edition, count
):
    batik = edition.applications.get(exhibitor__name="Batik Ngesti Pandawa")
    products = ProductFactory.create_batch(count, exhibitor=batik.exhibitor)
    booths = BoothFactory.create_batch(count, edition=edition)
    url = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": batik.exhibitor.slug}
    )

    # edition with its venue image, participant, links, its klaster, products, photos,
    # verified documents, the plan's booths
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()

    assert "Batik Ngesti Pandawa" in page
    assert [product.name in page for product in products] == [True] * count
    assert "Kain Rahasia" not in page  # unpublished
    assert [f">{booth.code}<" in page for booth in booths] == [True] * count


def test_an_institution_lists_services(client, edition):
    office = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor__kind="instansi",
        exhibitor__scale="",
        exhibitor__name="Dinas Koperasi UKM",
    )
    ProductFactory(exhibitor=office.exhibitor, name="Pendampingan NIB gratis", price=0)
    url = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": office.exhibitor.slug}
    )

    page = client.get(url).content.decode()

    assert '<h2 id="products">Layanan</h2>' in page
    assert "Pendampingan NIB gratis" in page
    assert "Rp0" not in page
    assert json_ld(page)["@type"] == "Organization"


def test_the_chosen_filters_are_shown_chosen(client, edition):
    page = directory(client, edition, kategori="wastra", urut="stan").content.decode()

    assert '<option value="wastra" selected>' in page
    assert '<option value="stan" selected>' in page
    assert '<option value="kuliner">' in page

    # Another set of values is another URL, so another page in the shared cache.
    page = directory(client, edition, kategori="kuliner", q="kopi").content.decode()
    assert '<option value="kuliner" selected>' in page
    assert '<option value="wastra">' in page
    assert 'value="kopi"' in page
    page = directory(client, edition, provinsi="33").content.decode()
    assert '<option value="33.11">Kabupaten Sukoharjo</option>' in page


def test_a_long_list_offers_its_first_pages_and_sends_to_the_search(client, edition, monkeypatch):
    monkeypatch.setattr(IdsFirstPaginator, "MAX_PAGES", 2)  # of 24: 48 listed
    for number in range(60):
        ApplicationFactory(edition=edition, accepted=True, exhibitor__name=f"Batik {number:02}")

    last = directory(client, edition, page=2)

    page = last.content.decode()
    assert "Halaman 2 dari 2" in page
    assert 'rel="next"' not in page
    assert "Hanya 2 halaman pertama yang ditampilkan. Cari atau saring" in page
    assert "Lebih dari 48 peserta" in page  # counted as far as the pages go
    assert directory(client, edition, page=3).status_code == 404
    assert "Hanya" not in directory(client, edition, page=1).content.decode()
