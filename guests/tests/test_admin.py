"""The guest list in the organisers' admin: the list, its filters, the invitations sent
and revoked from it, the links to send by hand, and the export."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from console.roles import ORGANISER
from core.tests.helpers import shown_messages, text_of
from exhibitors.tests.factories import UserFactory
from expo.admin import EditionFilter
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from guests import selectors
from guests.models import Guest
from guests.resources import GuestResource
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:guests_guest_changelist")


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def edition(office):
    return EditionFactory(organisation=office, name="Kasmex 2030")


@pytest.fixture
def organiser(client, office):
    user = UserFactory(username="penyelenggara", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    return user


def test_the_list_shows_the_offices_guests_with_their_answers(client, organiser, edition):
    GuestFactory(
        edition=edition, name="Ibu Sri Wahyuni", rsvp="diwakilkan", representative_name="Agus Salim"
    )
    GuestFactory(edition=EditionFactory(), name="Tamu Kantor Lain")

    page = text_of(client.get(LIST_URL))

    assert "Ibu Sri Wahyuni" in page
    assert "Diwakilkan" in page
    assert "Agus Salim" in page
    assert "Tamu Kantor Lain" not in page


def test_the_edition_filter_offers_only_the_offices_editions(client, organiser, office, edition):
    GuestFactory(edition=edition)
    GuestFactory(edition=EditionFactory(organisation=office, name="Kasmex 2031"))
    GuestFactory(edition=EditionFactory(name="Expo Kantor Lain"))

    response = client.get(LIST_URL)

    changelist = response.context["cl"]
    [spec] = [spec for spec in changelist.filter_specs if isinstance(spec, EditionFilter)]
    choices = [choice["display"] for choice in spec.choices(changelist)]
    assert sorted(choices) == ["Kasmex 2030", "Kasmex 2031", "Semua"]


def test_the_search_finds_a_guest_by_whatsapp_as_typed(client, organiser, edition):
    GuestFactory(edition=edition, name="Ibu Sri Wahyuni", whatsapp="+6281234567890")
    GuestFactory(edition=edition, name="Bapak Joko")

    page = text_of(client.get(LIST_URL, {"q": "0812-3456-7890"}))

    assert "Ibu Sri Wahyuni" in page
    assert "Bapak Joko" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_whatever_its_length(
    client, organiser, edition, count, django_assert_num_queries
):
    GuestFactory.create_batch(count, edition=edition)
    client.get(LIST_URL)  # the session and the permissions, read once

    with django_assert_num_queries(9):
        client.get(LIST_URL)


def test_the_change_page_offers_the_link_and_a_whatsapp_message(client, organiser, edition):
    guest = GuestFactory(edition=edition, name="Ibu Sri Wahyuni", whatsapp="+6281234567890")

    response = client.get(reverse("admin:guests_guest_change", args=[guest.pk]))

    page = response.content.decode()
    assert selectors.invitation_url(guest) in page
    assert "https://wa.me/6281234567890?text=Yth.%20Ibu%20Sri%20Wahyuni" in page


def test_sending_invitations_mails_those_with_an_address_and_names_the_others(
    client, organiser, edition, mailoutbox, django_capture_on_commit_callbacks
):
    mailed = GuestFactory(edition=edition, name="Ibu Sri Wahyuni")
    unmailed = GuestFactory(edition=edition, name="Bapak Joko", email="", whatsapp="+6281199990002")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST_URL,
            {"action": "send_invitations", "_selected_action": [mailed.pk, unmailed.pk]},
            follow=True,
        )

    assert [mail.to for mail in mailoutbox] == [[mailed.email]]
    assert shown_messages(response) == [
        "1 undangan dikirim lewat e-mail.",
        "Bapak Joko: Isi dulu alamat e-mail tamu.",
    ]


def test_revoking_closes_the_invitation_page(client, organiser, edition):
    guest = GuestFactory(edition=edition)
    token = guest.invitation_token

    response = client.post(
        LIST_URL, {"action": "revoke_invitations", "_selected_action": [guest.pk]}, follow=True
    )

    assert shown_messages(response) == ["1 undangan dicabut: tautannya tidak lagi membukanya."]
    guest.refresh_from_db()
    assert guest.revoked_at is not None
    assert client.get(reverse("invitation", kwargs={"token": token})).status_code == 404


def test_adding_a_guest_with_a_day_outside_the_edition_changes_nothing(client, organiser, edition):
    response = client.post(
        reverse("admin:guests_guest_add"),
        {
            "edition": edition.pk,
            "name": "Ibu Sri Wahyuni",
            "institution": "Bappeda",
            "institution_kind": "opd",
            "email": "sri@semarangkab.go.id",
            "days": "2001-01-01",
            "companions": "1",
        },
    )

    assert "Tamu diundang pada hari-hari edisi" in text_of(response)
    assert Guest.objects.count() == 0


def test_the_guest_list_exports_as_people_read_it(client, organiser, edition):
    GuestFactory(edition=edition, name="Ibu Sri Wahyuni", rsvp="hadir", companions=2)
    GuestFactory(edition=EditionFactory(), name="Tamu Kantor Lain")

    response = client.post(
        reverse("admin:guests_guest_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"guestresource_{name}": "on" for name in GuestResource._meta.fields},
        },
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["edisi", "nama", "jabatan", "instansi"]
    assert [row[1] for row in rows[1:]] == ["Ibu Sri Wahyuni"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["jawaban"], row["pendamping"], row["jenis_instansi"]) == ("Hadir", "2", "OPD")
    days = [guest.edition.starts_on for guest in Guest.objects.filter(name="Ibu Sri Wahyuni")]
    assert row["hari"].startswith(days[0].isoformat())
