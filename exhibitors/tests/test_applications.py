"""Applying with the details an organiser plans with: staff, zone, booth kind and the
products to feature."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booths import services as booth_services
from booths.tests.factories import BoothFactory
from core.tests.helpers import PDF, card_names, text_of
from exhibitors import services
from exhibitors.models import Application
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory, UserFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri", category="kuliner")


@pytest.fixture
def organiser_user():
    return UserFactory(username="panitia", is_staff=True, is_superuser=True)


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

    assert response.context["form"].errors["consent"] == [
        "Centang kotak ini untuk menyetujui tata tertib pameran."
    ]
    assert "Centang kotak ini untuk menyetujui tata tertib pameran." in text_of(response)
    assert Application.objects.count() == 0


def consent_box(page):
    return re.search(r'<input type="checkbox" name="consent"[^>]*>', page)[0]


def test_the_rules_are_shown_where_the_owner_consents_to_them(
    client, exhibitor, edition, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    edition.rules = "Stan dibuka pukul 09.00.\nDilarang <b>merokok</b> di area pameran."
    edition.rules_document = SimpleUploadedFile("tata-tertib.pdf", PDF)
    edition.save()

    page = client.get(apply_url(edition)).content.decode()

    rules = re.search(r'<section class="rules" id="edition-rules".*?</section>', page, re.S)[0]
    assert text_of(rules) == (
        "Tata tertib Stan dibuka pukul 09.00. Dilarang &lt;b&gt;merokok&lt;/b&gt; di area "
        "pameran. Tata tertib dalam bentuk dokumen (PDF, 431 bita)"
    )
    assert "09.00.<br>Dilarang" in rules
    assert f'<a href="{edition.rules_document.url}">Tata tertib dalam bentuk' in rules
    assert 'aria-describedby="edition-rules"' in consent_box(page)
    refused = client.post(apply_url(edition), {"mode": "booth", "staff_count": "2"})
    assert 'aria-describedby="edition-rules id_consent_error"' in consent_box(
        refused.content.decode()
    )
    assert Application.objects.count() == 0
    # The rules come just before the box that agrees to them.
    assert page.index("edition-rules") < page.index('name="consent"')
    assert (
        '<label for="id_consent">Saya sudah membaca tata tertib pameran dan akan '
        "mematuhinya.</label>" in page
    )


def test_an_edition_without_rules_asks_consent_to_its_terms(client, exhibitor, edition):
    page = client.get(apply_url(edition)).content.decode()

    assert "edition-rules" not in page
    assert "aria-describedby" not in consent_box(page)
    assert "Saya sudah membaca tata tertib pameran dan akan mematuhinya." in page


def test_a_hybrid_edition_offers_three_modes_and_says_what_each_means(client, exhibitor):
    edition = EditionFactory(format="hybrid")

    form = client.get(apply_url(edition)).context["form"]

    assert [label for _value, label in form.fields["mode"].choices] == [
        "Stan di lokasi",
        "Stan di lokasi dan virtual",
        "Hanya virtual",
    ]
    assert form.fields["mode"].help_text == (
        "Stan di lokasi: Anda berjualan di stan Anda pada hari-hari pameran. Stan di lokasi "
        "dan virtual: stan Anda, ditambah halaman toko Anda di direktori daring pameran "
        "selama masa pameran daring. Hanya virtual: halaman toko Anda secara daring, tanpa "
        "stan."
    )


def test_an_offline_edition_offers_the_booth_alone_without_explaining_modes(
    client, exhibitor, edition
):
    form = client.get(apply_url(edition)).context["form"]

    assert form.fields["mode"].choices == [("booth", "Stan di lokasi")]
    assert form.fields["mode"].help_text == ""


def test_booth_and_virtual_from_application_to_booth_and_online_directory(
    client, exhibitor, organiser_user
):
    edition = EditionFactory(format="hybrid", name="Pekalongan Hybrid Expo 2031")
    booth = BoothFactory(edition=edition, code="B-07")
    directory = reverse("participant_list", kwargs={"edition_slug": edition.slug})
    participant_page = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": exhibitor.slug}
    )

    client.post(apply_url(edition), {"mode": "both", "staff_count": "2", "consent": "on"})
    application = Application.objects.get()
    services.decide_application(
        application=application, status=Application.Status.ACCEPTED, by=organiser_user
    )
    booth_services.assign_booth(booth=booth, application=application, by=organiser_user)

    dashboard = text_of(client.get(reverse("dashboard")))
    assert application.mode == "both"
    assert "Stan di lokasi dan virtual" in dashboard
    assert "Stan Anda B-07" in dashboard
    assert "Siapkan profil dan katalog Anda:" in dashboard
    card = text_of(client.get(directory))
    assert "Stan B-07 · juga daring" in card
    assert card_names(client.get(directory, {"mode": "booth"})) == [exhibitor.name]
    assert card_names(client.get(directory, {"mode": "virtual"})) == [exhibitor.name]
    detail = text_of(client.get(participant_page))
    assert "Stan B-07" in detail
    assert "Juga ikut secara daring" in detail


def test_apply_sent_twice_submits_one(client, exhibitor, edition):
    data = {"mode": "booth", "staff_count": "2", "consent": "on"}

    first = client.post(apply_url(edition), data)
    second = client.post(apply_url(edition), data)

    assert first.status_code == 302
    assert second.context["form"].non_field_errors() == [
        "Keripik Tempe Bu Sri sudah mendaftar ke Kasmex 2031."
    ]
    assert Application.objects.count() == 1
