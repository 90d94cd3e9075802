import pytest
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from exhibitors.tests.factories import ApplicationFactory
from expo.models import Edition
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def occupy(booth, **exhibitor):
    application = ApplicationFactory(
        edition=booth.edition, accepted=True, **{f"exhibitor__{k}": v for k, v in exhibitor.items()}
    )
    return Assignment.objects.create(booth=booth, application=application)


def test_floor_plan_links_occupied_booths_to_their_exhibitor(client):
    edition = EditionFactory()
    occupy(BoothFactory(edition=edition, code="B-07"), slug="batik-sekar", category="wastra")
    BoothFactory(edition=edition, code="B-08")

    page = client.get(reverse("floor_plan", kwargs={"edition_slug": edition.slug})).content.decode()

    link = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": "batik-sekar"}
    )
    assert f'<a href="{link}">' in page
    assert 'class="booth cat-wastra"' in page
    assert 'class="booth free"' in page
    assert page.count("<rect ") == 2


@pytest.mark.parametrize("count", [1, 3])
def test_floor_plan_queries_do_not_grow_with_booths(client, django_assert_num_queries, count):
    edition = EditionFactory()
    for number in range(1, count + 1):
        occupy(
            BoothFactory(edition=edition, code=f"B-{number:02d}"),
            name=f"Batik Sekar {number}",
            slug=f"batik-sekar-{number}",
        )

    with django_assert_num_queries(2):
        response = client.get(reverse("floor_plan", kwargs={"edition_slug": edition.slug}))

    booths = [f"B-{number:02d}" for number in range(1, count + 1)]
    assert [booth.code for booth in response.context["booths"]] == booths
    page = response.content.decode()
    links = [
        reverse("participant_detail", kwargs={"edition_slug": edition.slug, "slug": slug})
        for slug in (f"batik-sekar-{number}" for number in range(1, count + 1))
    ]
    assert [f'<a href="{link}">' in page for link in links] == [True] * count
    assert page.count("<rect ") == count


def test_floor_plan_of_a_draft_edition_is_404(client):
    edition = EditionFactory(status=Edition.Status.DRAFT)

    response = client.get(reverse("floor_plan", kwargs={"edition_slug": edition.slug}))

    assert response.status_code == 404


def test_booth_qr_leads_to_its_exhibitor(client):
    assignment = occupy(BoothFactory(code="B-07"), slug="batik-sekar")
    edition = assignment.booth.edition

    response = client.get(f"/b/{edition.slug}/b-07")

    assert response["Location"] == reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": "batik-sekar"}
    )


def test_free_booth_qr_leads_to_the_floor_plan(client):
    booth = BoothFactory(code="B-08")

    response = client.get(f"/b/{booth.edition.slug}/B-08")

    assert response["Location"] == reverse(
        "floor_plan", kwargs={"edition_slug": booth.edition.slug}
    )


@pytest.mark.parametrize("code", ["Z-99", "B-07'--", "%F0%9F%98%80"])
def test_unknown_booth_qr_is_404(client, code):
    booth = BoothFactory(code="B-07")

    response = client.get(f"/b/{booth.edition.slug}/{code}")

    assert response.status_code == 404
