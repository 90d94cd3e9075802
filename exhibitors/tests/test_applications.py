"""Applying with the details an organiser plans with: staff, zone, booth kind and the
products to feature."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from booths.tests.factories import BoothFactory
from exhibitors import services
from exhibitors.models import Application
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory, UserFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri", category="kuliner")


@pytest.fixture
def edition():
    return EditionFactory(name="Kasmex 2031", slug="kasmex-uji")


def apply_url(edition):
    return reverse("apply", kwargs={"edition_slug": edition.slug})


def test_zones_are_chosen_from_the_editions_booths(client, exhibitor, edition):
    BoothFactory(edition=edition, zone="Zona Kuliner")
    BoothFactory(edition=edition, zone="Zona Kuliner")
    BoothFactory(edition=edition, zone="Zona Kriya")
    BoothFactory(zone="Zona Lain")

    form = client.get(apply_url(edition)).context["form"]
    response = client.post(
        apply_url(edition),
        {"mode": "booth", "staff_count": "2", "preferred_zone": "Zona Lain", "consent": "on"},
    )

    assert [value for value, _label in form.fields["preferred_zone"].choices] == [
        "",
        "Zona Kriya",
        "Zona Kuliner",
    ]
    assert "Zona Lain" in response.context["form"].errors["preferred_zone"][0]
    assert Application.objects.count() == 0


def test_without_booths_the_zone_is_free_text(client, exhibitor, edition):
    client.post(
        apply_url(edition),
        {"mode": "booth", "staff_count": "2", "preferred_zone": "Dekat pintu", "consent": "on"},
    )

    assert Application.objects.get().preferred_zone == "Dekat pintu"


def test_application_keeps_the_owners_choices_and_shows_them(client, exhibitor, edition):
    BoothFactory(edition=edition, zone="Zona Kuliner")
    tempe = ProductFactory(exhibitor=exhibitor, name="Keripik Tempe")
    ProductFactory(exhibitor=exhibitor, name="Keripik Singkong")

    client.post(
        apply_url(edition),
        {
            "mode": "booth",
            "staff_count": "3",
            "preferred_zone": "Zona Kuliner",
            "preferred_booth_kind": "food",
            "featured_products": [tempe.pk],
            "consent": "on",
        },
    )
    page = client.get(reverse("dashboard")).content.decode()

    application = Application.objects.get()
    assert (
        application.staff_count,
        application.preferred_zone,
        application.preferred_booth_kind,
        list(application.featured_products.all()),
    ) == (3, "Zona Kuliner", "food", [tempe])
    assert "<dd>3</dd>" in page
    assert "<dd>Zona Kuliner</dd>" in page
    assert "<dd>Kuliner (dengan air)</dd>" in page
    assert "<dd>Keripik Tempe</dd>" in page


def test_featured_products_are_only_the_owners_published_ones(client, exhibitor, edition):
    someone_elses = ProductFactory(exhibitor=ExhibitorFactory(owner=UserFactory()))
    hidden = ProductFactory(exhibitor=exhibitor, is_published=False)

    form = client.get(apply_url(edition)).context["form"]
    responses = [
        client.post(
            apply_url(edition),
            {"mode": "booth", "staff_count": "2", "featured_products": [pk], "consent": "on"},
        )
        for pk in (someone_elses.pk, hidden.pk)
    ]

    assert list(form.fields["featured_products"].queryset) == []
    for response in responses:
        assert (
            "bukan salah satu dari pilihan yang tersedia"
            in (response.context["form"].errors["featured_products"][0])
        )
    assert Application.objects.count() == 0


def test_the_service_refuses_another_exhibitors_product(exhibitor, edition):
    someone_elses = ProductFactory(exhibitor=ExhibitorFactory())

    with pytest.raises(ValidationError) as refused:
        services.apply_to_edition(
            exhibitor=exhibitor, edition=edition, mode="booth", featured_products=[someone_elses]
        )

    assert refused.value.messages == [
        "Pilih sebagai unggulan hanya produk Anda sendiri yang dapat dilihat pengunjung."
    ]
    assert Application.objects.count() == 0


@pytest.mark.parametrize("staff", ["0", "11", "dua"])
def test_staff_count_out_of_range_is_refused(client, exhibitor, edition, staff):
    response = client.post(
        apply_url(edition), {"mode": "booth", "staff_count": staff, "consent": "on"}
    )

    assert response.context["form"].errors["staff_count"]
    assert Application.objects.count() == 0


def test_without_consent_nothing_is_submitted(client, exhibitor, edition):
    response = client.post(apply_url(edition), {"mode": "booth", "staff_count": "2"})

    assert response.context["form"].errors["consent"] == ["Bidang ini tidak boleh kosong."]
    assert Application.objects.count() == 0


def test_apply_sent_twice_submits_one(client, exhibitor, edition):
    data = {"mode": "booth", "staff_count": "2", "consent": "on"}

    first = client.post(apply_url(edition), data)
    second = client.post(apply_url(edition), data)

    assert first.status_code == 302
    assert second.context["form"].non_field_errors() == [
        "Keripik Tempe Bu Sri sudah mendaftar ke Kasmex 2031."
    ]
    assert Application.objects.count() == 1
