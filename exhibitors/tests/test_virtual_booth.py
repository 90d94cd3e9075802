"""What an owner sets for their virtual booth: the hours chats are answered, and for each
product its stock, its minimum order and whether it is featured (up to six)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.tests.helpers import PROFILE
from exhibitors.models import Exhibitor, Product
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri", category="kuliner")


def test_the_owner_sets_the_hours_chats_are_answered(client, exhibitor):
    response = client.post(
        reverse("profile_edit"),
        {
            **PROFILE,
            "online_hours_start": "08:00",
            "online_hours_end": "17:00",
            "online_hours_zone": "WITA",
        },
    )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert (
        exhibitor.online_hours_start,
        exhibitor.online_hours_end,
        exhibitor.online_hours_zone,
    ) == (datetime.time(8), datetime.time(17), "WITA")


@pytest.mark.parametrize(
    ("hours", "errors"),
    [
        (
            ("17:00", "08:00", "WIB"),
            {"online_hours_end": ["Jam selesai harus setelah jam mulai, mis. 08.00–17.00."]},
        ),
        (
            ("08:00", "08:00", "WIB"),
            {"online_hours_end": ["Jam selesai harus setelah jam mulai, mis. 08.00–17.00."]},
        ),
        (("08:00", "17:00", ""), {"online_hours_zone": ["Pilih WIB, WITA, atau WIT."]}),
        (("", "17:00", "WIB"), {"online_hours_start": ["Isi jam mulai chat dibalas."]}),
        (
            ("08:00", "17:00", "CET"),
            {
                "online_hours_zone": [
                    "Masukkan pilihan yang valid. CET bukan salah satu dari pilihan yang tersedia.",
                    "Pilih WIB, WITA, atau WIT.",
                ]
            },
        ),
    ],
    ids=["end before start", "no time at all", "no zone", "no start", "not Indonesian"],
)
def test_wrong_hours_are_refused_in_indonesian_and_change_nothing(client, exhibitor, hours, errors):
    start, end, zone = hours
    response = client.post(
        reverse("profile_edit"),
        {
            **PROFILE,
            "online_hours_start": start,
            "online_hours_end": end,
            "online_hours_zone": zone,
        },
    )

    assert response.context["form"].errors == errors
    exhibitor.refresh_from_db()
    assert (exhibitor.name, exhibitor.online_hours_start, exhibitor.online_hours_zone) == (
        "Keripik Tempe Bu Sri",
        None,
        "",
    )


def test_the_database_refuses_hours_ending_before_they_start(exhibitor):
    with pytest.raises(IntegrityError, match="exhibitor_online_hours"), transaction.atomic():
        Exhibitor.objects.filter(pk=exhibitor.pk).update(
            online_hours_start=datetime.time(17),
            online_hours_end=datetime.time(8),
            online_hours_zone="WIB",
        )


def product_data(**fields):
    return {
        "name": "Keripik Tempe Original",
        "description": "",
        "category": "kuliner",
        "price": "15.000",
        "unit": "per 250 g",
        "stock": "preorder",
        "minimum_order": "10",
        "minimum_order_unit": "pak",
        "is_featured": "on",
        **fields,
    }


def test_the_owner_sets_stock_minimum_order_and_features_a_product(client, exhibitor):
    response = client.post(reverse("product_create"), product_data())

    assert response.status_code == 302
    product = Product.objects.get()
    assert (
        product.stock,
        product.minimum_order,
        product.minimum_order_unit,
        product.is_featured,
    ) == ("preorder", 10, "pak", True)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"minimum_order": "0"},
            {"minimum_order": ["Pastikan nilai ini lebih besar dari atau sama dengan 1."]},
        ),
        (
            {"minimum_order": ""},
            {"__all__": ["Isi jumlah minimal pesan beserta satuannya, mis. 10 pak."]},
        ),
        (
            {"stock": "banyak"},
            {
                "stock": [
                    "Masukkan pilihan yang valid. banyak bukan salah satu dari pilihan yang "
                    "tersedia."
                ]
            },
        ),
    ],
    ids=["zero", "a unit without a quantity", "no such stock"],
)
def test_a_wrong_product_is_refused_in_indonesian_and_nothing_is_saved(
    client, exhibitor, fields, errors
):
    response = client.post(reverse("product_create"), product_data(**fields))

    assert response.context["form"].errors == errors
    assert Product.objects.count() == 0


def test_a_seventh_featured_product_is_refused_and_nothing_changes(client, exhibitor):
    featured = [
        ProductFactory(exhibitor=exhibitor, name=f"Keripik {n}", is_featured=True) for n in range(6)
    ]
    other = ProductFactory(exhibitor=exhibitor, name="Keripik Pedas")

    response = client.post(
        reverse("product_update", kwargs={"pk": other.pk}),
        product_data(name="Keripik Pedas Daun Jeruk"),
    )

    assert response.context["form"].errors == {
        "is_featured": [
            "Stan virtual Anda sudah menampilkan 6 produk unggulan: hapus centang salah "
            "satunya dulu."
        ]
    }
    other.refresh_from_db()
    assert (other.name, other.is_featured) == ("Keripik Pedas", False)
    assert set(exhibitor.products.filter(is_featured=True)) == set(featured)


def test_unfeaturing_one_makes_room_for_another(client, exhibitor):
    first, *_rest = [
        ProductFactory(exhibitor=exhibitor, name=f"Keripik {n}", is_featured=True) for n in range(6)
    ]
    other = ProductFactory(exhibitor=exhibitor, name="Keripik Pedas")
    first.is_featured = False
    first.save()

    client.post(
        reverse("product_update", kwargs={"pk": other.pk}), product_data(name="Keripik Pedas")
    )

    assert exhibitor.products.filter(is_featured=True).count() == 6
    assert Product.objects.get(pk=other.pk).is_featured is True


def test_the_database_refuses_a_seventh_featured_product_whoever_writes_it(exhibitor):
    for n in range(6):
        ProductFactory(exhibitor=exhibitor, name=f"Keripik {n}", is_featured=True)

    with pytest.raises(IntegrityError, match="product_featured_limit"), transaction.atomic():
        ProductFactory(exhibitor=exhibitor, name="Keripik Pedas", is_featured=True)
    assert exhibitor.products.count() == 6
