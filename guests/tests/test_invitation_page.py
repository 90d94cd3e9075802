"""A guest's invitation page, opened by the link of their e-mail or WhatsApp message."""

import re

import pytest
from django.urls import reverse

from exhibitors.tests.factories import UserFactory
from guests import services
from guests.models import Guest
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest():
    return GuestFactory(
        name="Ibu Sri Wahyuni",
        position="Kepala Bappeda",
        institution="Bappeda Kabupaten Semarang",
        companions=2,
    )


def url(guest):
    return reverse("invitation", kwargs={"token": guest.invitation_token})


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_invitation_shows_the_guest_the_edition_and_a_qr_code(client, guest):
    other = GuestFactory(edition=guest.edition, name="Bapak Joko Santoso", email="joko@x.id")

    response = client.get(url(guest))

    page = text(response)
    assert "Ibu Sri Wahyuni" in page
    assert "Kepala Bappeda" in page
    assert guest.edition.name in page
    assert guest.edition.venue_name in page
    assert "Anda boleh membawa 2 pendamping." in page
    assert f"{guest.edition.starts_on.day} " in page
    assert page.count('class="segno"') == 1
    assert "Bapak Joko Santoso" not in page
    assert other.email not in page
    assert guest.email not in page


def test_the_qr_code_carries_the_token_alone(guest):
    from guests import selectors

    svg = str(selectors.invitation_qr_svg(guest))

    assert svg.startswith("<svg")
    # The QR is the token's: the same token draws the same code, a guest's name none.
    assert svg == str(selectors.invitation_qr_svg(Guest.objects.get(pk=guest.pk)))
    assert "Wahyuni" not in svg


def test_the_invitation_is_personal_to_every_cache_and_to_search_engines(client, guest):
    response = client.get(url(guest))

    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in text(response)


def test_the_public_page_cache_does_not_keep_the_invitation(client, guest):
    client.get(url(guest))
    Guest.objects.filter(pk=guest.pk).update(name="Ibu Sri Rahayu")

    page = text(client.get(url(guest)))

    assert "Ibu Sri Rahayu" in page


@pytest.mark.parametrize("kind", ["forged", "unsigned", "revoked"])
def test_a_wrong_or_revoked_token_gets_an_indonesian_404(client, guest, kind):
    token = guest.invitation_token
    if kind == "forged":
        token = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    elif kind == "unsigned":
        token = guest.key
    else:
        services.revoke_invitation(guest=guest, by=UserFactory())

    response = client.get(reverse("invitation", kwargs={"token": token}))

    assert response.status_code == 404
    page = text(response)
    assert "Undangan tidak berlaku" in page
    assert "Ibu Sri Wahyuni" not in page
    assert response["Cache-Control"] == "private, no-store"


def test_answering_with_a_representative_is_recorded_and_shown(client, guest):
    response = client.post(
        url(guest), {"rsvp": "diwakilkan", "representative_name": "Agus Salim"}, follow=True
    )

    guest.refresh_from_db()
    assert (guest.rsvp, guest.representative_name) == ("diwakilkan", "Agus Salim")
    page = text(response)
    assert "Terima kasih: jawaban Anda sudah tercatat." in page
    assert "Jawaban Anda: <strong>Diwakilkan</strong> (Agus Salim)" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rsvp": "diwakilkan", "representative_name": ""}, "Isi nama orang yang mewakili Anda."),
        ({}, "Pilih apakah Anda akan hadir."),
        ({"rsvp": "belum"}, "Pilih apakah Anda akan hadir."),
    ],
)
def test_a_bad_answer_is_refused_in_indonesian_and_changes_nothing(client, guest, data, message):
    response = client.post(url(guest), data)

    assert response.status_code == 200
    assert message in text(response)
    guest.refresh_from_db()
    assert (guest.rsvp, guest.answered_at) == ("belum", None)


def test_an_answer_without_the_csrf_token_changes_nothing(guest):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url(guest), {"rsvp": "hadir"})

    assert response.status_code == 403
    guest.refresh_from_db()
    assert guest.rsvp == "belum"


def test_opening_invitations_in_bulk_is_slowed_down(client, guest):
    wrong = reverse("invitation", kwargs={"token": "x:y"})
    for _attempt in range(30):
        client.get(wrong)

    response = client.get(url(guest))

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in text(response)
    assert "Ibu Sri Wahyuni" not in text(response)
