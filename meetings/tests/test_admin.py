import pytest
from django.urls import reverse

from console.roles import ORGANISER
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from meetings.models import Slot
from meetings.tests.factories import MeetingFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def staff(client, office):
    from django.contrib.auth.models import Group

    user = UserFactory(username="penyelenggara", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    return user


def test_an_organiser_opens_a_days_slots_in_the_admin(client, staff, office):
    edition = EditionFactory(organisation=office)

    response = client.post(
        reverse("admin:meetings_slot_open"),
        {
            "edition": edition.pk,
            "day": edition.starts_on.isoformat(),
            "starts": "13:00",
            "ends": "15:00",
            "minutes": "60",
            "place": "daring",
        },
        follow=True,
    )

    assert "2 jadwal temu bisnis dibuka." in response.content.decode()
    assert Slot.objects.filter(edition=edition, place="daring").count() == 2


def test_a_wrong_day_is_told_on_the_form_and_nothing_opened(client, staff, office):
    edition = EditionFactory(organisation=office)

    response = client.post(
        reverse("admin:meetings_slot_open"),
        {
            "edition": edition.pk,
            "day": "2020-01-01",
            "starts": "13:00",
            "ends": "15:00",
            "minutes": "60",
            "place": "stan",
        },
    )

    assert "Jadwal temu bisnis ada pada hari-hari edisi" in response.content.decode()
    assert Slot.objects.count() == 0


def test_another_offices_edition_is_not_offered(client, staff):
    elsewhere = EditionFactory(organisation=Organisation.objects.create(name="Dinas Lain"))

    response = client.post(
        reverse("admin:meetings_slot_open"),
        {
            "edition": elsewhere.pk,
            "day": elsewhere.starts_on.isoformat(),
            "starts": "13:00",
            "ends": "15:00",
            "minutes": "60",
            "place": "stan",
        },
    )

    assert "Masukkan pilihan yang valid." in response.content.decode()
    assert Slot.objects.count() == 0


def test_the_schedule_shows_its_counts_and_the_offices_meetings_alone(client, staff, office):
    slot = SlotFactory(edition=EditionFactory(organisation=office))
    MeetingFactory(slot=slot, buyer__name="Hendra Wijaya", accepted=True)
    MeetingFactory(slot=slot, buyer__name="Sari Lestari")
    MeetingFactory(buyer__name="Pembeli Kantor Lain")

    body = client.get(reverse("admin:meetings_meeting_changelist")).content.decode()

    assert "Diminta: 2 · diterima: 1 · ditolak: 0 · terlaksana: 0" in body
    assert "Hendra Wijaya" in body and "Sari Lestari" in body
    assert "Pembeli Kantor Lain" not in body
