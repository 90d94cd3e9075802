import pytest
from django.urls import reverse
from django.utils import timezone

from booths.models import Assignment
from booths.selectors import edition_counters
from booths.tests.factories import BoothFactory
from core.tests.helpers import text_of
from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory
from expo.tests.factories import KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    """Kasmex-like: 10 booths, 80% kept for Kabupaten Semarang, so 2 for outsiders."""
    edition = EditionFactory(name="Kasmex 2031", host_share_percent=80)
    booths = [BoothFactory(edition=edition, code=f"A-{n:02d}") for n in range(1, 11)]
    inside = [ApplicationFactory(edition=edition, accepted=True) for _ in range(3)]
    outside = [
        ApplicationFactory(edition=edition, accepted=True, exhibitor__region_id=KOTA_SEMARANG)
        for _ in range(3)
    ]
    for booth, application in zip(booths, [*inside[:2], *outside], strict=False):
        Assignment.objects.create(booth=booth, application=application)
    ApplicationFactory(edition=edition)
    ApplicationFactory(edition=edition, status=Application.Status.WITHDRAWN)
    # Another edition's figures must not count.
    ApplicationFactory(accepted=True)
    BoothFactory(code="Z-01")
    return edition


def test_counters_of_an_edition(edition):
    counters = edition_counters(edition=edition)

    assert [(value, count) for value, _label, count in counters["statuses"]] == [
        ("submitted", 1),
        ("accepted", 6),
        ("waitlisted", 0),
        ("rejected", 0),
        ("withdrawn", 1),
    ]
    assert {
        key: counters[key]
        for key in [
            "applications",
            "accepted_inside",
            "accepted_outside",
            "assigned_inside",
            "assigned_outside",
            "booths",
            "booths_taken",
            "booths_free",
            "outside_share",
            "outside_limit",
            "outside_over_limit",
        ]
    } == {
        "applications": 8,
        "accepted_inside": 3,
        "accepted_outside": 3,
        "assigned_inside": 2,
        "assigned_outside": 3,
        "booths": 10,
        "booths_taken": 5,
        "booths_free": 5,
        "outside_share": 20,
        "outside_limit": 2,
        "outside_over_limit": True,
    }


def test_counters_of_an_empty_edition():
    counters = edition_counters(edition=EditionFactory(host_share_percent=100))

    assert (counters["applications"], counters["booths"], counters["outside_limit"]) == (0, 0, 0)
    assert counters["outside_over_limit"] is False


@pytest.mark.parametrize("more", [0, 4])
def test_counters_take_three_queries_whatever_the_size(edition, django_assert_num_queries, more):
    for number in range(1, more + 1):
        Assignment.objects.create(
            booth=BoothFactory(edition=edition, code=f"B-{number:02d}"),
            application=ApplicationFactory(edition=edition, accepted=True),
        )

    with django_assert_num_queries(3):
        counters = edition_counters(edition=edition)

    assert {
        key: counters[key]
        for key in ["applications", "assigned_inside", "assigned_outside", "booths", "booths_taken"]
    } == {
        "applications": 8 + more,
        "assigned_inside": 2 + more,
        "assigned_outside": 3,
        "booths": 10 + more,
        "booths_taken": 5 + more,
    }


def test_edition_page_shows_the_counters_and_refreshes_them(client, organiser, edition):
    response = client.get(reverse("admin:expo_edition_change", args=[edition.pk]))

    page = response.content.decode()
    counters_url = reverse("admin:booths_booth_counters", args=[edition.pk])
    assert f'data-hx-get="{counters_url}" data-hx-trigger="every 15s"' in page
    assert "vendor/htmx/htmx.min.js" in page
    text = text_of(page)
    assert "Dalam daerah tuan rumah 3 2 Luar daerah tuan rumah 3 3" in text
    assert "kosong 5 terisi 5 Jumlah 10" in text
    assert "menempati 3 stan dari 2 stan yang diizinkan jatah 20%. Melebihi jatah." in text


def test_counters_fragment_alone_for_htmx(client, organiser, edition):
    ApplicationFactory(
        edition=edition, status=Application.Status.WAITLISTED, decided_at=timezone.now()
    )

    response = client.get(reverse("admin:booths_booth_counters", args=[edition.pk]))

    text = text_of(response.content.decode())
    assert text.startswith("Angka Kasmex 2031")
    assert "Daftar tunggu 1" in text
    assert "<html" not in response.content.decode()


def test_application_list_of_one_edition_opens_with_its_counters(client, organiser, edition):
    url = reverse("admin:exhibitors_application_changelist")

    filtered = client.get(url, {"edition__id__exact": edition.pk})
    unfiltered = client.get(url)

    assert "Angka Kasmex 2031" in text_of(filtered.content.decode())
    assert "Angka " not in text_of(unfiltered.content.decode())


def test_counters_are_for_staff_only(client, owner, edition):
    response = client.get(reverse("admin:booths_booth_counters", args=[edition.pk]))

    assert response.status_code == 302
    assert "Angka" not in response.content.decode()


def test_institutions_count_on_neither_side_as_in_the_quota():
    edition = EditionFactory(host_regions=["33.22"])
    office = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor__kind="instansi",
        exhibitor__scale="",
        exhibitor__region_id=KOTA_SEMARANG,
    )
    Assignment.objects.create(booth=BoothFactory(edition=edition), application=office)

    counters = edition_counters(edition=edition)

    assert (counters["accepted_outside"], counters["assigned_outside"]) == (0, 0)
    assert (counters["accepted_institutions"], counters["assigned_institutions"]) == (1, 1)
    assert counters["outside_over_limit"] is False
