"""The owner's side: business profile, products and applications, each only their own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import PROFILE
from exhibitors.forms import RupiahField
from exhibitors.models import Application, Exhibitor, Product
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.models import Edition
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

APPLICATION = {"mode": "booth", "staff_count": "2", "consent": "on"}


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri")


def test_dashboard_needs_a_login(client):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_new_owner_is_guided_to_the_profile(client, owner):
    page = client.get(reverse("dashboard")).content.decode()

    assert reverse("profile_edit") in page
    assert "Isi profil usaha" in page


def test_profile_is_saved_with_numbers_normalised(client, owner):
    response = client.post(reverse("profile_edit"), PROFILE)

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get(owner=owner)
    assert (exhibitor.slug, exhibitor.whatsapp, exhibitor.pirt, exhibitor.region_id) == (
        "keripik-tempe-bu-sri",
        "+6281234567890",
        "123456789012345",
        "33.22",
    )


def test_a_whatsapp_number_is_taken_as_people_write_it(client, owner):
    client.post(reverse("profile_edit"), {**PROFILE, "whatsapp": "+62 812-3456-7890"})

    assert Exhibitor.objects.get(owner=owner).whatsapp == "+6281234567890"


def test_profile_sent_twice_leaves_one_profile(client, owner):
    client.post(reverse("profile_edit"), PROFILE)
    client.post(reverse("profile_edit"), {**PROFILE, "name": "Keripik Tempe Bu Sri Ungaran"})

    assert list(Exhibitor.objects.values_list("owner", "name")) == [
        (owner.pk, "Keripik Tempe Bu Sri Ungaran")
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nib", "12345", "NIB terdiri dari 13 angka."),
        ("pirt", "1234-5", "Nomor P-IRT terdiri dari 15 angka."),
        ("whatsapp", "12", "Masukkan nomor telepon Indonesia, misalnya 0812-3456-7890."),
        ("region", "35.07", "Masukkan pilihan yang valid."),
        ("scale", "", "Pilih skala usaha UMKM."),
    ],
)
def test_bad_profile_input_is_explained_and_changes_nothing(client, owner, field, value, message):
    response = client.post(reverse("profile_edit"), {**PROFILE, field: value})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Exhibitor.objects.count() == 0


def test_choosing_a_province_without_javascript_narrows_the_regions(client, owner):
    response = client.post(
        reverse("profile_edit"), {"name": "Keripik", "province": "35", "choose_province": "1"}
    )

    regions = response.context["form"].fields["region"].queryset
    assert set(regions.values_list("province_id", flat=True)) == {"35"}
    assert regions.filter(code="35.07").exists()
    assert response.context["form"].errors == {}
    assert Exhibitor.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "amount"), [("25000", 25000), ("25.000", 25000), ("Rp 25.000", 25000)]
)
def test_price_accepts_the_ways_people_write_rupiah(typed, amount):
    assert RupiahField().clean(typed) == amount


@pytest.mark.parametrize("typed", ["-5", "abc", "25,5", "Rp"])
def test_price_refuses_what_is_not_whole_rupiah(client, exhibitor, typed):
    response = client.post(reverse("product_create"), {"name": "Keripik 250 g", "price": typed})

    assert response.context["form"].errors["price"] == [
        "Masukkan harga dalam rupiah bulat, misalnya 25.000."
    ]
    assert Product.objects.count() == 0


def test_owner_adds_edits_and_deletes_a_product(client, exhibitor):
    client.post(
        reverse("product_create"),
        {"name": "Keripik Tempe 250 g", "category": "kuliner", "price": "Rp 15.000"},
    )
    product = Product.objects.get()
    client.post(
        reverse("product_update", kwargs={"pk": product.pk}),
        {"name": "Keripik Tempe 250 g", "category": "kuliner", "price": "17.500"},
    )
    product.refresh_from_db()
    assert (product.exhibitor, product.price) == (exhibitor, 17500)

    response = client.post(reverse("product_delete", kwargs={"pk": product.pk}))

    assert response.status_code == 302
    assert Product.objects.count() == 0


def test_another_owners_products_and_applications_are_404(client, exhibitor):
    someone_else = ExhibitorFactory(owner=UserFactory(username="pak.joko"))
    product = ProductFactory(exhibitor=someone_else)
    application = ApplicationFactory(exhibitor=someone_else)

    urls = [
        ("get", reverse("product_update", kwargs={"pk": product.pk})),
        ("post", reverse("product_update", kwargs={"pk": product.pk})),
        ("get", reverse("product_delete", kwargs={"pk": product.pk})),
        ("post", reverse("product_delete", kwargs={"pk": product.pk})),
        ("post", reverse("withdraw", kwargs={"pk": application.pk})),
    ]
    statuses = [getattr(client, method)(url).status_code for method, url in urls]

    assert statuses == [404] * len(urls)
    assert Product.objects.filter(pk=product.pk).exists()
    assert Application.objects.get(pk=application.pk).status == Application.Status.SUBMITTED


def test_owner_applies_and_sees_submitted(client, exhibitor):
    edition = EditionFactory(name="Kasmex 2031")

    client.post(reverse("apply", kwargs={"edition_slug": edition.slug}), APPLICATION)
    page = client.get(reverse("dashboard")).content.decode()

    assert Application.objects.get().exhibitor == exhibitor
    assert "Kasmex 2031" in page
    assert "Diajukan" in page


def test_applying_twice_says_so_and_keeps_one(client, exhibitor):
    edition = EditionFactory(name="Kasmex 2031")
    url = reverse("apply", kwargs={"edition_slug": edition.slug})

    client.post(url, APPLICATION)
    response = client.post(url, APPLICATION)

    assert response.context["form"].non_field_errors() == [
        "Keripik Tempe Bu Sri sudah mendaftar ke Kasmex 2031."
    ]
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    "edition_kwargs",
    [
        {"status": Edition.Status.DRAFT},
        {
            "registration_opens_at": timezone.now() - datetime.timedelta(days=9),
            "registration_closes_at": timezone.now() - datetime.timedelta(days=1),
        },
    ],
    ids=["draft", "closed"],
)
def test_applying_outside_registration_changes_nothing(client, exhibitor, edition_kwargs):
    edition = EditionFactory(**edition_kwargs)

    response = client.post(reverse("apply", kwargs={"edition_slug": edition.slug}), APPLICATION)

    assert response.status_code in (200, 404)
    assert Application.objects.count() == 0


def test_umkm_without_nib_is_told_what_to_fix(client, owner):
    ExhibitorFactory(owner=owner, nib="")
    edition = EditionFactory()

    response = client.post(reverse("apply", kwargs={"edition_slug": edition.slug}), APPLICATION)

    assert response.context["form"].non_field_errors() == [
        "Tambahkan NIB ke profil usaha sebelum mendaftar."
    ]
    assert Application.objects.count() == 0


def test_owner_withdraws_before_a_decision(client, exhibitor):
    application = ApplicationFactory(exhibitor=exhibitor)

    client.post(reverse("withdraw", kwargs={"pk": application.pk}))

    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_queries_do_not_grow(client, exhibitor, django_assert_max_num_queries, count):
    products = [f"Keripik {number}" for number in range(count)]
    applied = [f"Pameran Diikuti {number}" for number in range(count)]
    open_ = [f"Pameran Dibuka {number}" for number in range(count)]
    for product in products:
        ProductFactory(exhibitor=exhibitor, name=product)
    for name in applied:
        ApplicationFactory(exhibitor=exhibitor, accepted=True, edition__name=name)
    for name in open_:
        EditionFactory(name=name)

    # one of them the klaster the business is a member of, one its new inquiries (buyers)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("dashboard"))

    context = response.context
    assert sorted(a.edition.name for a in context["applications"]) == applied
    assert sorted(product.name for product in context["products"]) == products
    assert sorted(edition.name for edition in context["open_editions"]) == open_
    page = response.content.decode()
    assert [name in page for name in [*products, *applied, *open_]] == [True] * 3 * count
