"""Letting guests in at the gate: one check-in per guest per day, and each refusal told
in Indonesian with nothing stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.tests.helpers import rival_transaction
from exhibitors.tests.factories import UserFactory
from expo.tests.factories import EditionFactory
from guests import services
from guests.models import CheckIn
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="petugas", first_name="Sri", last_name="Wahyuni", is_staff=True)


@pytest.fixture
def edition():
    return EditionFactory(name="Kasmex 2030")


def first_day(edition):
    return edition.starts_on


def translation_month(day):
    with translation.override("id"):
        return date_format(day, "F")


def refused(**kwargs):
    with translation.override("id"), pytest.raises(ValidationError) as error:
        services.check_in(**kwargs)
    return error.value.code, error.value.messages


def test_a_typed_code_checks_the_guest_in_for_the_day(edition, officer):
    guest = GuestFactory(edition=edition)

    check_in = services.check_in(
        edition=edition, day=first_day(edition), by=officer, code=f"  {guest.invitation_token} "
    )

    assert list(CheckIn.objects.values_list("guest", "day", "by")) == [
        (guest.pk, first_day(edition), officer.pk)
    ]
    assert check_in.checked_in_at <= timezone.now()


def test_a_guest_picked_by_name_is_checked_in(edition, officer):
    guest = GuestFactory(edition=edition)

    services.check_in(edition=edition, day=first_day(edition), by=officer, guest=guest)

    assert list(CheckIn.objects.values_list("guest", flat=True)) == [guest.pk]


def test_an_unknown_code_is_refused(edition, officer):
    guest = GuestFactory(edition=edition)

    for code in ["bukan-kode", guest.invitation_token[:-2] + "xx", ""]:
        assert refused(edition=edition, day=first_day(edition), by=officer, code=code) == (
            "unknown",
            ["Kode ini bukan undangan kami. Minta tamu menunjukkan undangannya."],
        )
    assert CheckIn.objects.count() == 0


def test_an_invitation_of_another_edition_is_refused(edition, officer):
    guest = GuestFactory(edition=EditionFactory(name="Pekalongan Hybrid Expo 2030"))

    assert refused(
        edition=edition, day=first_day(edition), by=officer, code=guest.invitation_token
    ) == ("other_edition", ["Undangan ini untuk pameran lain: Pekalongan Hybrid Expo 2030."])
    assert CheckIn.objects.count() == 0


def test_a_day_outside_the_edition_is_refused(edition, officer):
    guest = GuestFactory(edition=edition)
    day = edition.ends_on + datetime.timedelta(days=1)

    code, messages = refused(edition=edition, day=day, by=officer, guest=guest)

    assert code == "not_a_day"
    assert messages == [
        f"{day.day} {translation_month(day)} {day.year} bukan hari pameran Kasmex 2030."
    ]
    assert CheckIn.objects.count() == 0


def test_a_day_the_guest_is_not_invited_for_is_refused(edition, officer):
    guest = GuestFactory(edition=edition, days=[edition.starts_on])
    second = edition.starts_on + datetime.timedelta(days=1)

    code, messages = refused(edition=edition, day=second, by=officer, guest=guest)

    assert code == "not_invited"
    assert messages == [
        f"Tamu ini diundang pada {edition.starts_on.day} {translation_month(edition.starts_on)}, "
        f"bukan pada {second.day} {translation_month(second)} {second.year}."
    ]
    assert CheckIn.objects.count() == 0


def test_a_revoked_invitation_is_refused(edition, officer):
    guest = GuestFactory(edition=edition, revoked_at=timezone.now())

    assert refused(
        edition=edition, day=first_day(edition), by=officer, code=guest.invitation_token
    ) == ("revoked", ["Undangan ini telah dicabut: tamu tidak dapat masuk dengannya."])
    assert CheckIn.objects.count() == 0


def test_a_second_check_in_the_same_day_says_when_and_by_whom(edition, officer):
    guest = GuestFactory(edition=edition)
    first = services.check_in(edition=edition, day=first_day(edition), by=officer, guest=guest)
    time = timezone.localtime(first.checked_in_at).strftime("%H:%M")

    code, messages = refused(
        edition=edition, day=first_day(edition), by=UserFactory(), code=guest.invitation_token
    )

    assert code == "already"
    day = first_day(edition)
    assert messages == [
        f"Sudah tercatat hadir pukul {time}, {day.day} {translation_month(day)} {day.year}, "
        "oleh Sri Wahyuni."
    ]
    assert list(CheckIn.objects.values_list("by", flat=True)) == [officer.pk]


def test_the_next_day_is_a_check_in_of_its_own(edition, officer):
    guest = GuestFactory(edition=edition)
    days = [edition.starts_on, edition.starts_on + datetime.timedelta(days=1)]

    for day in days:
        services.check_in(edition=edition, day=day, by=officer, guest=guest)

    assert list(CheckIn.objects.order_by("day").values_list("day", flat=True)) == days


def test_a_scan_kept_offline_keeps_the_time_it_was_made(edition, officer):
    guest = GuestFactory(edition=edition)
    scanned_at = timezone.now() - datetime.timedelta(hours=3)

    check_in = services.check_in(
        edition=edition, day=first_day(edition), by=officer, guest=guest, scanned_at=scanned_at
    )

    assert check_in.checked_in_at == scanned_at


def test_the_database_keeps_one_check_in_per_guest_per_day(edition, officer):
    guest = GuestFactory(edition=edition)
    CheckIn.objects.create(guest=guest, day=edition.starts_on, checked_in_at=timezone.now())

    with pytest.raises(IntegrityError):
        CheckIn.objects.create(guest=guest, day=edition.starts_on, checked_in_at=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_two_gates_checking_the_same_guest_in_at_once_keep_one_check_in(edition, officer):
    guest = GuestFactory(edition=edition)
    other = UserFactory(username="petugas-2")
    day = first_day(edition)

    with (
        rival_transaction(
            lambda: services.check_in(edition=edition, day=day, by=officer, guest=guest)
        ) as outcome,
        translation.override("id"),
        pytest.raises(ValidationError) as second,
    ):
        services.check_in(edition=edition, day=day, by=other, code=guest.invitation_token)

    assert outcome == {"blocked": True, "committed": True}
    assert second.value.code == "already"
    assert second.value.messages[0].endswith("oleh Sri Wahyuni.")
    assert list(CheckIn.objects.values_list("by", flat=True)) == [officer.pk]
