"""What the organisers see of the days at the venue: per day, the guests invited, those
who confirmed and those who came, by kind of institution; who has not come yet; and the
same figures in the edition's impact report (``outcomes/tests/test_report_guests.py``)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from console.roles import CURATOR, ORGANISER
from core.tests.helpers import text_of
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from guests import selectors, services
from guests.models import Guest
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def edition(office):
    return EditionFactory(organisation=office, name="Kasmex 2030")


@pytest.fixture
def guests(edition):
    first, second = edition.starts_on, edition.starts_on + datetime.timedelta(days=1)
    officer = UserFactory(username="petugas")
    bupati = GuestFactory(
        edition=edition, name="Bupati", institution_kind="forkopimda", rsvp="hadir"
    )
    kapolres = GuestFactory(
        edition=edition, name="Kapolres", institution_kind="forkopimda", days=[second]
    )
    dinas = GuestFactory(edition=edition, name="Kepala Bappeda", institution_kind="opd")
    GuestFactory(edition=edition, name="Dicabut", institution_kind="opd", revoked_at=timezone.now())
    services.check_in(edition=edition, day=first, by=officer, guest=bupati)
    services.check_in(edition=edition, day=second, by=officer, guest=kapolres)
    return {"bupati": bupati, "kapolres": kapolres, "dinas": dinas, "days": (first, second)}


def rows(day):
    return [(row.label, row.invited, row.confirmed, row.checked_in) for row in day.by_kind] + [
        ("total", day.total.invited, day.total.confirmed, day.total.checked_in)
    ]


def test_attendance_counts_each_day_by_kind_of_institution(
    edition, guests, django_assert_num_queries
):
    with django_assert_num_queries(2):
        days = selectors.attendance(edition=edition)

    assert [day.day for day in days] == edition.venue_days
    assert rows(days[0]) == [
        (Guest.InstitutionKind.FORKOPIMDA.label, 1, 1, 1),
        (Guest.InstitutionKind.OPD.label, 1, 0, 0),
        ("total", 2, 1, 1),
    ]
    assert rows(days[1]) == [
        (Guest.InstitutionKind.FORKOPIMDA.label, 2, 1, 1),
        (Guest.InstitutionKind.OPD.label, 1, 0, 0),
        ("total", 3, 1, 1),
    ]


def test_who_has_not_come_yet_leaves_out_those_in_and_those_not_invited(edition, guests):
    first, second = guests["days"]

    assert [guest.name for guest in selectors.not_arrived(edition=edition, day=first)] == [
        "Kepala Bappeda"
    ]
    assert [guest.name for guest in selectors.not_arrived(edition=edition, day=second)] == [
        "Bupati",
        "Kepala Bappeda",
    ]


def test_the_attendance_page_shows_the_office_s_figures(client, office, edition, guests):
    user = UserFactory(username="penyelenggara", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    url = reverse("admin:guests_attendance", kwargs={"edition_id": edition.pk})

    page = text_of(client.get(url, {"day": guests["days"][1].isoformat()}))

    assert "Semua tamu 3 1 1" in page
    assert "Belum datang pada" in page
    assert "Bupati" in page.split("Belum datang pada")[1]
    assert "Kapolres" not in page.split("Belum datang pada")[1]
    assert "Dicabut" not in page


@pytest.mark.parametrize("role", [CURATOR, "other office"])
def test_the_attendance_page_is_the_organisers_alone(client, office, edition, guests, role):
    user = UserFactory(username="staf", is_staff=True)
    if role == CURATOR:
        user.groups.add(Group.objects.get(name=CURATOR))
        Membership.objects.create(user=user, organisation=office)
    else:
        user.groups.add(Group.objects.get(name=ORGANISER))
        Membership.objects.create(user=user, organisation=Organisation.objects.create(name="B"))
    client.force_login(user)

    response = client.get(reverse("admin:guests_attendance", kwargs={"edition_id": edition.pk}))

    assert response.status_code == (403 if role == CURATOR else 404)
    assert b"Kepala Bappeda" not in response.content


def organiser_of(office):
    user = UserFactory(username="penyelenggara", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=user, organisation=office)
    return user


def test_the_day_s_list_to_print_holds_the_guests_invited_that_day(client, office, edition, guests):
    GuestFactory(
        edition=edition,
        name="Ketua DPRD",
        position="Ketua",
        institution_kind="forkopimda",
        rsvp="diwakilkan",
        representative_name="Wakil Ketua",
        companions=2,
    )
    client.force_login(organiser_of(office))
    url = reverse("admin:guests_day_list", kwargs={"edition_id": edition.pk})

    first = text_of(client.get(url, {"day": guests["days"][0].isoformat()}))
    second = text_of(client.get(url, {"day": guests["days"][1].isoformat()}))

    assert "Kapolres" not in first  # invited on the second day only
    assert "Kapolres" in second
    assert "Dicabut" not in first + second  # a revoked invitation
    # In order of kind of institution and name, numbered, with a column to sign.
    rows = first.split("Tanda tangan")[1]
    assert rows.index("1 Bupati") < rows.index("2 Ketua DPRD") < rows.index("3 Kepala Bappeda")
    assert "Ketua DPRD Ketua" in rows and "2 Diwakilkan: Wakil Ketua" in rows


def test_the_day_s_list_of_another_office_s_edition_is_not_found(client, edition, guests):
    client.force_login(organiser_of(Organisation.objects.create(name="Dinas Lain")))

    response = client.get(reverse("admin:guests_day_list", kwargs={"edition_id": edition.pk}))

    assert response.status_code == 404
    assert b"Kepala Bappeda" not in response.content
