import re

import pytest
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from core.tests.helpers import card_names
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def participant_list_url(edition):
    return reverse("participant_list", kwargs={"edition_slug": edition.slug})


def participant_url(application):
    return reverse(
        "participant_detail",
        kwargs={"edition_slug": application.edition.slug, "slug": application.exhibitor.slug},
    )


def test_participant_list_shows_only_accepted_exhibitors_with_their_booth(client):
    edition = EditionFactory()
    accepted = ApplicationFactory(
        edition=edition, exhibitor__name="Batik Sekar Jagad", accepted=True
    )
    ApplicationFactory(edition=edition, exhibitor__name="Masih Menunggu")
    ApplicationFactory(
        edition=edition,
        exhibitor__name="Ditolak Panitia",
        status="rejected",
        decision_reason="Belum ada NIB",
        decided_at="2021-11-01T10:00+07:00",
    )
    Assignment.objects.create(
        booth=BoothFactory(edition=edition, code="B-07"), application=accepted
    )

    page = client.get(participant_list_url(edition)).content.decode()

    assert "Batik Sekar Jagad" in page
    assert "B-07" in page
    assert "Masih Menunggu" not in page
    assert "Ditolak Panitia" not in page


def test_participant_list_marks_outside_participants_by_code(client):
    edition = EditionFactory(host_regions=["33.22"])
    ApplicationFactory(
        edition=edition,
        exhibitor__name="Dari Kota Semarang",
        exhibitor__region_id="33.74",
        accepted=True,
    )

    response = client.get(participant_list_url(edition))

    [card] = re.findall(r'<li class="card">.*?</li>', response.content.decode(), re.DOTALL)
    assert "Dari Kota Semarang" in card
    assert "di luar daerah tuan rumah" in card


@pytest.mark.parametrize("count", [1, 3])
def test_participant_list_queries_do_not_grow_with_rows(client, django_assert_num_queries, count):
    edition = EditionFactory()
    for number in range(1, count + 1):
        application = ApplicationFactory(
            edition=edition, accepted=True, exhibitor__name=f"Batik Sekar {number}"
        )
        Assignment.objects.create(
            booth=BoothFactory(edition=edition, code=f"B-{number:02d}"), application=application
        )

    # session-less anonymous request: edition, origins to filter by, count, the page's ids,
    # its cards' rows
    with django_assert_num_queries(5):
        response = client.get(participant_list_url(edition))

    assert card_names(response) == [f"Batik Sekar {number}" for number in range(1, count + 1)]
    cards = re.findall(r'<li class="card">.*?</li>', response.content.decode(), re.DOTALL)
    booths = [f"B-{number:02d}" in card for number, card in enumerate(cards, start=1)]
    assert booths == [True] * count
    assert response.content.decode().count('class="booth"') == count


def test_participant_page_shows_products_prices_and_whatsapp(client):
    edition = EditionFactory(name="Kasmex 2021")
    application = ApplicationFactory(
        edition=edition,
        exhibitor=ExhibitorFactory(name="Kopi Gunung Kelir", whatsapp="+6281234567890"),
        accepted=True,
    )
    ProductFactory(exhibitor=application.exhibitor, name="Kopi Arabika 200 g", price=45000)

    page = client.get(participant_url(application)).content.decode()

    assert "Kopi Arabika 200 g" in page
    assert "Rp45.000" in page
    assert "https://wa.me/6281234567890?text=Halo%2C%20saya%20melihat" in page


@pytest.mark.parametrize("count", [1, 3])
def test_participant_page_queries_do_not_grow_with_products(
    client, django_assert_num_queries, count
):
    application = ApplicationFactory(accepted=True)
    names = [f"Kain Batik {number}" for number in range(count)]
    for position, name in enumerate(names):
        ProductFactory(exhibitor=application.exhibitor, name=name, position=position)
    ProductFactory(exhibitor=application.exhibitor, name="Belum Tampil", is_published=False)

    # edition, participant, links, its klaster, products, their photos, its verified
    # documents (no booth: no plan)
    with django_assert_num_queries(7):
        response = client.get(participant_url(application))

    shown = response.context["participant"].exhibitor.published_products
    assert [product.name for product in shown] == names
    page = response.content.decode()
    assert [name in page for name in [*names, "Belum Tampil"]] == [True] * count + [False]


def test_participant_page_escapes_what_owners_type(client):
    application = ApplicationFactory(
        exhibitor__description='<script>alert("x")</script>', accepted=True
    )

    page = client.get(participant_url(application)).content.decode()

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "withdrawn"])
def test_participant_page_is_404_unless_accepted(client, status):
    application = ApplicationFactory(status=status, decided_at="2021-11-01T10:00+07:00")

    response = client.get(participant_url(application))

    assert response.status_code == 404


def test_participant_of_another_edition_is_404(client):
    application = ApplicationFactory(accepted=True)
    other_edition = EditionFactory()

    response = client.get(
        reverse(
            "participant_detail",
            kwargs={"edition_slug": other_edition.slug, "slug": application.exhibitor.slug},
        )
    )

    assert response.status_code == 404
