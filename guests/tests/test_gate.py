"""The gate page at the venue: a typed code or a guest found by name lets the guest in,
the answer shown big; the scans the page's script sends, now or from the phone's queue
later; and only the staff with the role, of the edition's own office, reach it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from console.roles import CURATOR, FIELD_OFFICER, ORGANISER
from core.tests.helpers import text_of
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from guests.models import CheckIn
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def edition(office):
    return EditionFactory(organisation=office, name="Kasmex 2030")


def staff(office, role, username="petugas"):
    user = UserFactory(username=username, first_name="Sri", last_name="Wahyuni", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organisation=office)
    return user


@pytest.fixture
def officer(client, office):
    user = staff(office, FIELD_OFFICER)
    client.force_login(user)
    return user


@pytest.fixture
def guest(edition):
    return GuestFactory(
        edition=edition,
        name="Ir. Ngesti Nugraha",
        position="Bupati Semarang",
        institution="Pemerintah Kabupaten Semarang",
        companions=2,
    )


def gate_url(edition):
    return reverse("admin:guests_gate", kwargs={"edition_id": edition.pk})


def scan_url(edition):
    return reverse("admin:guests_gate_scan", kwargs={"edition_id": edition.pk})


def day_of(edition):
    return edition.starts_on.isoformat()


def test_the_gate_lists_the_days_of_the_office_s_editions(client, officer, edition):
    EditionFactory(organisation=Organisation.objects.create(name="Dinas B"), name="Expo B")

    page = text_of(client.get(reverse("admin:guests_gate_index")))

    assert "Kasmex 2030" in page
    assert "Expo B" not in page
    assert page.count(f"{edition.starts_on.year}") >= 3  # its three days


def test_a_typed_code_lets_the_guest_in_and_shows_who_it_is(client, officer, edition, guest):
    response = client.post(
        gate_url(edition), {"code": guest.invitation_token, "day": day_of(edition)}
    )

    page = text_of(response)
    assert (
        "Selamat datang! Ir. Ngesti Nugraha Bupati Semarang · Pemerintah Kabupaten Semarang" in page
    )
    assert "2 pendamping diizinkan" in page
    assert list(CheckIn.objects.values_list("guest", "by", "day")) == [
        (guest.pk, officer.pk, edition.starts_on)
    ]


def test_the_same_code_again_says_already_in_and_by_whom(client, officer, edition, guest):
    data = {"code": guest.invitation_token, "day": day_of(edition)}
    client.post(gate_url(edition), data)

    page = text_of(client.post(gate_url(edition), data))

    assert "Sudah tercatat hadir pukul" in page
    assert "oleh Sri Wahyuni. Ir. Ngesti Nugraha" in page
    assert CheckIn.objects.count() == 1


def test_an_unknown_code_is_refused_on_the_page(client, officer, edition, guest):
    page = text_of(client.post(gate_url(edition), {"code": "ABC-123", "day": day_of(edition)}))

    assert "Kode ini bukan undangan kami. Minta tamu menunjukkan undangannya." in page
    assert "Ngesti" not in page
    assert CheckIn.objects.count() == 0


def test_a_guest_found_by_name_is_let_in_with_one_tap(client, officer, edition, guest):
    GuestFactory(edition=edition, name="Dra. Siti Aminah")
    found = text_of(client.get(gate_url(edition), {"q": "ngesti", "day": day_of(edition)}))
    assert "Ir. Ngesti Nugraha" in found
    assert "Siti Aminah" not in found

    client.post(gate_url(edition), {"guest": guest.pk, "day": day_of(edition)})
    again = text_of(client.get(gate_url(edition), {"q": "ngesti", "day": day_of(edition)}))

    assert list(CheckIn.objects.values_list("guest", flat=True)) == [guest.pk]
    assert "Tercatat hadir pukul" in again
    assert "Catat hadir Ir. Ngesti Nugraha" not in again


def test_a_guest_of_another_office_cannot_be_picked_by_id(client, officer, edition):
    other = GuestFactory(
        edition=EditionFactory(organisation=Organisation.objects.create(name="Dinas B"))
    )

    response = client.post(gate_url(edition), {"guest": other.pk, "day": day_of(edition)})

    assert response.status_code == 404
    assert CheckIn.objects.count() == 0


def test_the_page_works_on_the_day_asked_for_or_today(client, officer, edition):
    second = edition.starts_on + datetime.timedelta(days=1)

    asked = client.get(gate_url(edition), {"day": second.isoformat()})
    outside = client.get(gate_url(edition), {"day": "1999-01-01"})

    assert asked.context["day"] == second
    assert outside.context["day"] == edition.starts_on


@pytest.mark.parametrize("role", [CURATOR, None])
def test_staff_without_the_role_reach_no_gate(client, office, edition, guest, role):
    user = UserFactory(username="tanpa.peran", is_staff=True)
    Membership.objects.create(user=user, organisation=office)
    if role:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    data = {"code": guest.invitation_token, "day": day_of(edition)}

    answers = [
        client.get(reverse("admin:guests_gate_index")).status_code,
        client.get(gate_url(edition)).status_code,
        client.post(gate_url(edition), data).status_code,
        client.post(scan_url(edition), data).status_code,
    ]

    assert answers == [403, 403, 403, 403]
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize("role", [FIELD_OFFICER, ORGANISER])
def test_staff_of_another_office_reach_no_gate_of_it(client, edition, guest, role):
    client.force_login(staff(Organisation.objects.create(name="Dinas B"), role, "staf.b"))
    data = {"code": guest.invitation_token, "day": day_of(edition)}

    answers = [
        client.get(gate_url(edition)).status_code,
        client.post(gate_url(edition), data).status_code,
        client.post(scan_url(edition), data).status_code,
    ]
    index = text_of(client.get(reverse("admin:guests_gate_index")))

    assert answers == [404, 404, 404]
    assert "Kasmex 2030" not in index
    assert CheckIn.objects.count() == 0


def test_the_gate_needs_the_csrf_token(edition, guest, office):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff(office, FIELD_OFFICER))

    response = client.post(
        scan_url(edition), {"code": guest.invitation_token, "day": day_of(edition)}
    )

    assert response.status_code == 403
    assert CheckIn.objects.count() == 0


def test_a_scan_sent_twice_from_the_queue_is_one_check_in_answered_as_done(
    client, officer, edition, guest
):
    scanned_at = timezone.now() - datetime.timedelta(minutes=20)
    data = {
        "code": guest.invitation_token,
        "day": day_of(edition),
        "scanned_at": scanned_at.isoformat(),
    }

    first = client.post(scan_url(edition), data)
    second = client.post(scan_url(edition), data)

    assert (first.status_code, first.json()["status"]) == (200, "checked_in")
    assert first.json()["guest"] == {
        "name": "Ir. Ngesti Nugraha",
        "position": "Bupati Semarang",
        "institution": "Pemerintah Kabupaten Semarang",
        "companions": 2,
    }
    assert (second.status_code, second.json()["status"]) == (200, "already")
    assert list(CheckIn.objects.values_list("checked_in_at", flat=True)) == [scanned_at]


def test_a_late_scan_is_recorded_for_the_day_it_was_made(client, officer, guest):
    edition = guest.edition
    # The expo ran yesterday and the day before; the phone sends the first day's scan now.
    edition.starts_on = timezone.localdate() - datetime.timedelta(days=2)
    edition.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    edition.save()
    scanned_at = timezone.now() - datetime.timedelta(days=2)

    response = client.post(
        scan_url(edition),
        {
            "code": guest.invitation_token,
            "day": edition.starts_on.isoformat(),
            "scanned_at": scanned_at.isoformat(),
        },
    )

    assert response.json()["status"] == "checked_in"
    assert list(CheckIn.objects.values_list("day", "checked_in_at")) == [
        (edition.starts_on, scanned_at)
    ]


def test_a_scan_for_a_day_not_of_the_edition_is_refused(client, officer, edition, guest):
    response = client.post(scan_url(edition), {"code": guest.invitation_token, "day": "1999-01-01"})

    assert response.status_code == 400
    assert response.json()["status"] == "refused"
    assert response.json()["message"].startswith("1 Januari 1999 bukan hari pameran")
    assert CheckIn.objects.count() == 0
