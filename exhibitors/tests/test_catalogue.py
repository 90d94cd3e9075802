"""The catalogue: price ranges, units and halal; order and visibility; an institution's
services; and a form sent twice adding one product."""

import pytest
from django.urls import reverse

from exhibitors import services
from exhibitors.models import Exhibitor, Product
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri", category="kuliner")


def names_in_order(exhibitor):
    return list(
        Product.objects.filter(exhibitor=exhibitor)
        .order_by("position")
        .values_list("name", "position")
    )


def test_product_form_starts_with_the_exhibitors_category(client, exhibitor):
    response = client.get(reverse("product_create"))

    assert response.context["form"]["category"].value() == "kuliner"


def test_product_with_a_price_range_unit_and_halal_flag(client, exhibitor):
    client.post(
        reverse("product_create"),
        {
            "name": "Keripik Tempe",
            "category": "kuliner",
            "price": "15.000",
            "price_max": "Rp 45.000",
            "unit": "per bungkus",
            "is_halal": "on",
        },
    )

    product = Product.objects.get()
    assert (product.price, product.price_max, product.unit, product.is_halal) == (
        15000,
        45000,
        "per bungkus",
        True,
    )
    page = client.get(reverse("dashboard")).content.decode()
    assert "Rp15.000 – Rp45.000" in page


@pytest.mark.parametrize("highest", ["15.000", "10.000"])
def test_a_highest_price_not_above_the_price_is_refused(client, exhibitor, highest):
    response = client.post(
        reverse("product_create"),
        {"name": "Keripik", "category": "kuliner", "price": "15.000", "price_max": highest},
    )

    assert response.context["form"].errors["price_max"] == [
        "Harga tertinggi harus lebih besar daripada harga (terendah)."
    ]
    assert Product.objects.count() == 0


def test_create_product_sent_twice_adds_one(client, exhibitor):
    data = {"name": "Keripik Tempe 250 g", "category": "kuliner", "price": "15000"}

    client.post(reverse("product_create"), data)
    response = client.post(reverse("product_create"), {**data, "name": "keripik tempe 250 G"})

    assert response.context["form"].errors["name"] == [
        "Katalog Anda sudah memiliki “keripik tempe 250 G”."
    ]
    assert names_in_order(exhibitor) == [("Keripik Tempe 250 g", 0)]


def test_renaming_to_a_name_already_listed_is_refused(client, exhibitor):
    ProductFactory(exhibitor=exhibitor, name="Keripik Tempe")
    other = ProductFactory(exhibitor=exhibitor, name="Keripik Singkong")

    response = client.post(
        reverse("product_update", kwargs={"pk": other.pk}),
        {"name": "Keripik Tempe", "category": "kuliner", "price": "10000"},
    )

    assert response.context["form"].errors["name"] == [
        "Katalog Anda sudah memiliki “Keripik Tempe”."
    ]
    other.refresh_from_db()
    assert other.name == "Keripik Singkong"


def test_new_products_go_last_and_move_up_and_down(client, exhibitor):
    for name in ["Tempe", "Singkong", "Pisang"]:
        client.post(reverse("product_create"), {"name": name, "category": "kuliner", "price": "1"})
    pisang = Product.objects.get(name="Pisang")
    tempe = Product.objects.get(name="Tempe")

    client.post(reverse("product_move", kwargs={"pk": pisang.pk}), {"direction": "up"})
    client.post(reverse("product_move", kwargs={"pk": tempe.pk}), {"direction": "down"})
    client.post(reverse("product_move", kwargs={"pk": tempe.pk}), {"direction": "down"})

    assert names_in_order(exhibitor) == [("Pisang", 0), ("Singkong", 1), ("Tempe", 2)]


def test_moving_past_either_end_changes_nothing(exhibitor):
    first = ProductFactory(exhibitor=exhibitor, name="A", position=0)
    last = ProductFactory(exhibitor=exhibitor, name="B", position=1)

    services.move_product(product=first, up=True)
    services.move_product(product=last, up=False)

    assert names_in_order(exhibitor) == [("A", 0), ("B", 1)]


def test_order_with_gaps_and_ties_is_made_contiguous(exhibitor):
    ProductFactory(exhibitor=exhibitor, name="A", position=4)
    tied = ProductFactory(exhibitor=exhibitor, name="B", position=4)
    ProductFactory(exhibitor=exhibitor, name="C", position=9)

    services.move_product(product=tied, up=True)

    assert names_in_order(exhibitor) == [("B", 0), ("A", 1), ("C", 2)]


def test_deleting_a_product_closes_the_gap(client, exhibitor):
    for position, name in enumerate(["A", "B", "C"]):
        ProductFactory(exhibitor=exhibitor, name=name, position=position)

    client.post(reverse("product_delete", kwargs={"pk": Product.objects.get(name="B").pk}))

    assert names_in_order(exhibitor) == [("A", 0), ("C", 1)]


def test_dashboard_lists_the_catalogue_in_the_owners_order(client, exhibitor):
    ProductFactory(exhibitor=exhibitor, name="Zaitun", position=0)
    ProductFactory(exhibitor=exhibitor, name="Apel", position=1)

    page = client.get(reverse("dashboard")).content.decode()

    assert page.index("Zaitun") < page.index("Apel")


def test_owner_hides_and_shows_a_product(client, exhibitor):
    product = ProductFactory(exhibitor=exhibitor, name="Keripik Tempe")
    url = reverse("product_visibility", kwargs={"pk": product.pk})

    response = client.post(url, {"is_published": "0"}, follow=True)

    product.refresh_from_db()
    assert product.is_published is False
    page = response.content.decode()
    assert "“Keripik Tempe” disembunyikan dari pengunjung." in page
    assert '<span class="badge status-rejected">Disembunyikan</span>' in page
    assert "Tampilkan kepada pengunjung" in page

    client.post(url, {"is_published": "1"})

    product.refresh_from_db()
    assert product.is_published is True


def test_an_institution_lists_services_with_an_optional_price(client, owner):
    exhibitor = ExhibitorFactory(
        owner=owner, kind=Exhibitor.Kind.INSTITUTION, scale="", category="jasa"
    )

    form_page = client.get(reverse("product_create")).content.decode()
    client.post(reverse("product_create"), {"name": "Konsultasi NIB gratis", "category": "jasa"})
    dashboard = client.get(reverse("dashboard")).content.decode()

    assert "<h1>Tambah layanan</h1>" in form_page
    assert "Layanan" in form_page
    assert "is_halal" not in form_page
    assert Product.objects.get().price == 0
    assert exhibitor.products.count() == 1
    assert "Layanan saya" in dashboard
    assert "Rp0" not in dashboard


def test_an_umkm_product_still_needs_a_price(client, exhibitor):
    response = client.post(reverse("product_create"), {"name": "Keripik", "category": "kuliner"})

    assert response.context["form"].errors["price"] == ["Bidang ini tidak boleh kosong."]
    assert Product.objects.count() == 0


@pytest.mark.parametrize("price", ["1" * 30, "Rp " + "9" * 16, "1.000.000.000.001"])
def test_a_price_past_any_bound_is_refused_in_indonesian(client, exhibitor, price):
    response = client.post(
        reverse("product_create"), {"name": "Keripik", "category": "kuliner", "price": price}
    )

    assert response.context["form"].errors["price"] == ["Harga itu terlalu tinggi."]
    assert Product.objects.count() == 0


def test_product_names_are_shown_escaped(client, exhibitor):
    ProductFactory(exhibitor=exhibitor, name="<script>alert(1)</script>")

    page = client.get(reverse("dashboard")).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_description_longer_than_a_person_writes_is_refused(client, exhibitor):
    response = client.post(
        reverse("product_create"),
        {"name": "Keripik", "category": "kuliner", "price": "15.000", "description": "a" * 5001},
    )

    assert response.context["form"].errors["description"] == [
        "Pastikan nilai ini mengandung paling banyak 5000 karakter (sekarang 5001 karakter)."
    ]
    assert Product.objects.count() == 0


def test_a_catalogue_of_many_long_descriptions_still_saves_and_is_searched(exhibitor):
    # 250 descriptions of distinct words: more than one text search vector can hold.
    words = (f"kata{number:06d}" for number in range(10**6))
    Product.objects.bulk_create(
        Product(
            exhibitor=exhibitor,
            name=f"Keripik {number}",
            category="kuliner",
            price=15000,
            description=" ".join(next(words) for _word in range(450)),
        )
        for number in range(250)
    )

    services.save_product(product=ProductFactory.build(exhibitor=exhibitor, name="Rengginang"))

    found = Exhibitor.objects.filter(catalogue__search_vector="kata000001")
    assert list(found.values_list("pk", "catalogue__published_products")) == [(exhibitor.pk, 251)]
