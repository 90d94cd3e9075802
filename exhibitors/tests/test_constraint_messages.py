"""The rules of the exhibitors' tables, as a form (the admin's, an owner's) reports them:
in Indonesian, without a constraint name or Django's wrong "… tidak ada"."""

import pytest
from django.forms import modelform_factory
from django.utils import translation

from exhibitors.models import Application, Product
from exhibitors.tests.factories import ApplicationFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_a_second_application_to_an_edition_is_refused_in_indonesian():
    first = ApplicationFactory()
    form_class = modelform_factory(Application, fields=["exhibitor", "edition", "staff_count"])
    form = form_class(
        {"exhibitor": first.exhibitor.pk, "edition": first.edition.pk, "staff_count": "2"}
    )

    with translation.override("id"):
        errors = form.errors.get_json_data()

    assert errors == {
        "__all__": [{"message": "Peserta ini sudah mendaftar ke edisi ini.", "code": "unique"}]
    }
    assert Application.objects.count() == 1


def test_a_product_name_used_twice_by_one_exhibitor_is_refused_in_indonesian():
    product = ProductFactory(name="Keripik Tempe Original")
    form_class = modelform_factory(Product, fields=["exhibitor", "name", "category", "price"])
    form = form_class(
        {
            "exhibitor": product.exhibitor.pk,
            "name": "keripik tempe ORIGINAL",
            "category": product.category,
            "price": "15000",
        }
    )

    with translation.override("id"):
        errors = form.errors.get_json_data()

    assert errors == {
        "__all__": [
            {"message": "Peserta ini sudah punya produk dengan nama ini.", "code": "unique"}
        ]
    }
    assert Product.objects.count() == 1


def test_a_price_range_going_down_is_refused_in_indonesian():
    product = ProductFactory(price=50000)
    form_class = modelform_factory(
        Product, fields=["exhibitor", "name", "category", "price", "price_max"]
    )
    form = form_class(
        {
            "exhibitor": product.exhibitor.pk,
            "name": "Sambal Bawang",
            "category": product.category,
            "price": "50000",
            "price_max": "40000",
        }
    )

    with translation.override("id"):
        errors = list(form.non_field_errors())

    assert errors == ["Harga tertinggi harus lebih besar daripada harga (terendah)."]
    assert Product.objects.count() == 1
