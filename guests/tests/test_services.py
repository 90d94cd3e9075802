"""The guest list's rules, and the invitations sent, revoked and answered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from exhibitors.tests.factories import UserFactory
from expo.tests.factories import EditionFactory
from guests import selectors, services
from guests.models import Guest
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return UserFactory(username="panitia", is_staff=True)


def refusal(error):
    with translation.override("id"):
        return error.value.messages


def test_a_guest_without_whatsapp_or_email_is_refused_in_indonesian():
    guest = GuestFactory.build(email="", whatsapp="", edition=EditionFactory())

    with translation.override("id"), pytest.raises(ValidationError) as error:
        guest.full_clean()

    assert error.value.messages == ["Isi nomor WhatsApp atau alamat e-mail tamu, atau keduanya."]


def test_a_guest_with_whatsapp_alone_is_kept_as_e164():
    guest = GuestFactory.build(email="", whatsapp="0812-3456-7890", edition=EditionFactory())

    guest.full_clean()
    guest.save()

    assert Guest.objects.get().whatsapp == "+6281234567890"


def test_days_outside_the_edition_are_refused_in_indonesian():
    guest = GuestFactory.build(edition=EditionFactory())
    guest.days = [guest.edition.starts_on, guest.edition.ends_on + datetime.timedelta(days=1)]

    with translation.override("id"), pytest.raises(ValidationError) as error:
        guest.full_clean()

    edition = guest.edition
    assert error.value.message_dict == {
        "days": [
            "Tamu diundang pada hari-hari edisi, "
            f"{edition.starts_on.day} {MONTHS[edition.starts_on.month]} {edition.starts_on.year}"
            f" sampai {edition.ends_on.day} {MONTHS[edition.ends_on.month]} "
            f"{edition.ends_on.year}."
        ]
    }


MONTHS = {
    1: "Januari",
    2: "Februari",
    3: "Maret",
    4: "April",
    5: "Mei",
    6: "Juni",
    7: "Juli",
    8: "Agustus",
    9: "September",
    10: "Oktober",
    11: "November",
    12: "Desember",
}


def test_days_within_the_edition_are_kept_in_order_once_each():
    guest = GuestFactory()
    second = guest.edition.starts_on + datetime.timedelta(days=1)
    guest.days = [second, guest.edition.starts_on, second]

    guest.full_clean()
    guest.save()

    guest.refresh_from_db()
    assert guest.days == [guest.edition.starts_on, second]
    assert guest.invited_days == [guest.edition.starts_on, second]


def test_no_days_named_is_every_day_of_the_edition():
    guest = GuestFactory(days=[])

    edition = guest.edition
    assert guest.invited_days == [
        edition.starts_on,
        edition.starts_on + datetime.timedelta(days=1),
        edition.ends_on,
    ]


def test_more_than_ten_companions_are_refused_by_the_database():
    guest = GuestFactory()

    with pytest.raises(IntegrityError):
        Guest.objects.filter(pk=guest.pk).update(companions=11)


def test_a_guest_of_another_region_needs_the_region():
    guest = GuestFactory.build(
        institution_kind=Guest.InstitutionKind.OTHER_REGION, edition=EditionFactory()
    )

    with translation.override("id"), pytest.raises(ValidationError) as error:
        guest.full_clean()

    assert error.value.messages == ["Pilih kabupaten atau kota asal tamu dari daerah lain."]
    guest.region_id = "33.11"
    guest.full_clean()


def test_sending_the_invitation_mails_the_guest_their_link_in_indonesian(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    guest = GuestFactory(name="Ibu Sri Wahyuni")

    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitation(guest=guest, by=organiser)

    [mail] = mailoutbox
    assert mail.to == [guest.email]
    assert mail.subject == f"Undangan ke {guest.edition.name}"
    assert "Ibu Sri Wahyuni" in mail.body
    assert selectors.invitation_url(guest) in mail.body
    guest.refresh_from_db()
    assert guest.invitation_sent_at is not None


def test_a_revoked_invitation_is_not_sent(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    guest = GuestFactory()
    services.revoke_invitation(guest=guest, by=organiser)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        services.send_invitation(guest=guest, by=organiser)

    assert refusal(error) == ["Undangan ini sudah dicabut."]
    assert mailoutbox == []
    guest.refresh_from_db()
    assert guest.invitation_sent_at is None


def test_an_invitation_is_not_mailed_to_a_guest_without_email(organiser, mailoutbox):
    guest = GuestFactory(email="", whatsapp="+6281234567890")

    with pytest.raises(ValidationError) as error:
        services.send_invitation(guest=guest, by=organiser)

    assert refusal(error) == ["Isi dulu alamat e-mail tamu."]
    assert mailoutbox == []


def test_revoking_keeps_the_first_time_and_closes_the_token(organiser):
    guest = GuestFactory()
    token = guest.invitation_token

    first = services.revoke_invitation(guest=guest, by=organiser).revoked_at
    again = services.revoke_invitation(guest=guest, by=organiser).revoked_at

    assert first == again
    assert selectors.guest_for_token(token) is None


def test_a_token_nobody_signed_opens_nothing_without_a_query(django_assert_num_queries):
    guest = GuestFactory()
    forged = guest.key + ":" + "A" * 43

    with django_assert_num_queries(0):
        assert selectors.guest_for_token(forged) is None
        assert selectors.guest_for_token(guest.key) is None


def test_answering_with_a_representative_records_the_name():
    guest = GuestFactory()

    services.answer_invitation(
        token=guest.invitation_token, rsvp="diwakilkan", representative_name="  Agus   Salim "
    )

    guest.refresh_from_db()
    assert (guest.rsvp, guest.representative_name) == ("diwakilkan", "Agus Salim")
    assert guest.answered_at is not None


def test_changing_the_answer_drops_the_representative():
    guest = GuestFactory(rsvp="diwakilkan", representative_name="Agus Salim")

    services.answer_invitation(token=guest.invitation_token, rsvp="hadir")

    guest.refresh_from_db()
    assert (guest.rsvp, guest.representative_name) == ("hadir", "")


@pytest.mark.parametrize(
    ("rsvp", "name", "message"),
    [
        ("diwakilkan", "   ", "Isi nama orang yang mewakili Anda."),
        ("belum", "", "Pilih apakah Anda akan hadir."),
        ("mungkin", "", "Pilih apakah Anda akan hadir."),
    ],
)
def test_a_bad_answer_is_refused_and_changes_nothing(rsvp, name, message):
    guest = GuestFactory()

    with pytest.raises(ValidationError) as error:
        services.answer_invitation(
            token=guest.invitation_token, rsvp=rsvp, representative_name=name
        )

    assert refusal(error) == [message]
    guest.refresh_from_db()
    assert (guest.rsvp, guest.answered_at) == ("belum", None)


def test_a_revoked_invitation_cannot_be_answered(organiser):
    guest = GuestFactory()
    services.revoke_invitation(guest=guest, by=organiser)

    with pytest.raises(ValidationError) as error:
        services.answer_invitation(token=guest.invitation_token, rsvp="hadir")

    assert refusal(error) == ["Undangan ini tidak berlaku, atau sudah dicabut."]
    guest.refresh_from_db()
    assert guest.rsvp == "belum"


def test_the_representative_constraint_holds_in_the_database():
    guest = GuestFactory()

    with pytest.raises(IntegrityError):
        Guest.objects.filter(pk=guest.pk).update(rsvp="diwakilkan", representative_name="")
