import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from booths.models import Assignment, Booth
from booths.tests.factories import BoothFactory
from exhibitors.tests.factories import ApplicationFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

ROWS = {
    "zone": "b",
    "count": "12",
    "per_row": "6",
    "width": "3",
    "depth": "3",
    "kind": "standard",
    "price": "0",
    "x": "5",
    "y": "10",
}


def test_generate_twelve_booths_in_two_rows(client, organiser):
    edition = EditionFactory()

    client.post(reverse("admin:booths_booth_generate"), {**ROWS, "edition": edition.pk})

    booths = list(Booth.objects.filter(edition=edition).order_by("code"))
    assert [booth.code for booth in booths] == [f"B-{number:02d}" for number in range(1, 13)]
    assert [(booth.x, booth.y) for booth in booths[5:7]] == [
        (Decimal("20.0"), Decimal("10.0")),
        (Decimal("5.0"), Decimal("13.0")),
    ]


def test_a_second_batch_extends_the_zone(client, organiser):
    edition = EditionFactory()
    url = reverse("admin:booths_booth_generate")
    client.post(url, {**ROWS, "edition": edition.pk})

    client.post(url, {**ROWS, "count": "2", "y": "19", "edition": edition.pk})

    assert Booth.objects.filter(edition=edition).order_by("code").last().code == "B-14"


@pytest.mark.parametrize(("field", "value"), [("zone", "B7"), ("count", "0"), ("width", "-3")])
def test_bad_rows_are_refused_and_nothing_is_made(client, organiser, field, value):
    edition = EditionFactory()

    response = client.post(
        reverse("admin:booths_booth_generate"), {**ROWS, "edition": edition.pk, field: value}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Booth.objects.count() == 0


def test_assign_from_the_admin_goes_through_the_service(client, organiser):
    booth = BoothFactory(code="B-07")
    application = ApplicationFactory(edition=booth.edition, accepted=True)

    client.post(
        reverse("admin:booths_assignment_add"), {"application": application.pk, "booth": booth.pk}
    )

    assignment = Assignment.objects.get()
    assert (assignment.booth, assignment.application, assignment.assigned_by) == (
        booth,
        application,
        organiser,
    )


def test_assigning_a_booth_of_another_edition_explains_and_changes_nothing(client, organiser):
    booth = BoothFactory()
    application = ApplicationFactory(accepted=True)

    response = client.post(
        reverse("admin:booths_assignment_add"), {"application": application.pk, "booth": booth.pk}
    )

    assert response.context["form"].non_field_errors() == ["Stan itu milik edisi lain."]
    assert Assignment.objects.count() == 0


def test_booth_picker_offers_only_free_booths(client, organiser):
    edition = EditionFactory()
    taken = BoothFactory(edition=edition, code="B-01")
    BoothFactory(edition=edition, code="B-02")
    Assignment.objects.create(
        booth=taken, application=ApplicationFactory(edition=edition, accepted=True)
    )

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "booths", "model_name": "assignment", "field_name": "booth", "term": "B-"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["B-02"]


def test_booth_signs_carry_the_code_exhibitor_and_a_qr_code(client, organiser):
    edition = EditionFactory(slug="kasmex-2031")
    booth = BoothFactory(edition=edition, code="B-07")
    application = ApplicationFactory(
        edition=edition, exhibitor__name="Batik Sekar Jagad", accepted=True
    )
    Assignment.objects.create(booth=booth, application=application)
    BoothFactory(edition=edition, code="B-08")

    response = client.post(
        reverse("admin:booths_booth_changelist"),
        {
            "action": "print_signs",
            "_selected_action": list(edition.booths.values_list("pk", flat=True)),
        },
    )

    page = response.content.decode()
    assert [sign["booth"].code for sign in response.context["signs"]] == ["B-07", "B-08"]
    assert "Batik Sekar Jagad" in page
    assert "http://testserver/b/kasmex-2031/B-07" in page
    assert page.count('class="segno"') == 2


def test_a_booth_cannot_be_moved_to_another_edition_from_the_admin(client, organiser):
    client.force_login(organiser)
    booth = BoothFactory(code="A-01")
    other = EditionFactory()

    change = reverse("admin:booths_booth_change", args=[booth.pk])
    page = client.get(change).content.decode()
    client.post(change, {"code": "A-01", "edition": other.pk, "zone": "a", "kind": "standard"})

    assert 'name="edition"' not in page
    booth.refresh_from_db()
    assert booth.edition != other


def test_lists_show_prices_in_rupiah_and_dates_as_people_write_them(client, organiser):
    edition = EditionFactory(
        name="Kasmex 2027",
        starts_on=datetime.date(2027, 2, 12),
        ends_on=datetime.date(2027, 2, 14),
    )
    BoothFactory(edition=edition, code="K-01", price=250000)

    booths = client.get(reverse("admin:booths_booth_changelist"), HTTP_ACCEPT_LANGUAGE="id")
    editions = client.get(reverse("admin:expo_edition_changelist"), HTTP_ACCEPT_LANGUAGE="id")

    assert "Rp250.000" in booths.content.decode()
    assert "12 Februari 2027" in editions.content.decode()
