"""Guests' personal data is kept for the edition and a while after, then removed: their
names and contacts go, with what the audit log kept; what the report counts stays."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from exhibitors.tests.factories import UserFactory
from expo.tests.factories import EditionFactory
from guests import selectors, services
from guests.models import KEEP_PERSONAL_DATA_DAYS, Guest
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2031, 6, 1)


def edition_ended(days_ago, **fields):
    last = TODAY - datetime.timedelta(days=days_ago)
    return EditionFactory(starts_on=last - datetime.timedelta(days=2), ends_on=last, **fields)


def test_the_guests_of_an_edition_long_over_lose_their_names_and_contacts():
    old = edition_ended(KEEP_PERSONAL_DATA_DAYS + 1)
    recent = edition_ended(KEEP_PERSONAL_DATA_DAYS - 1)
    gone = GuestFactory(
        edition=old,
        name="Ir. Sri Wahyuni",
        whatsapp="081234567890",
        notes="Alergi kacang",
        rsvp="diwakilkan",
        representative_name="Budi",
        institution_kind="forkopimda",
    )
    services.check_in(edition=old, day=old.starts_on, by=UserFactory(), guest=gone)
    kept = GuestFactory(edition=recent, name="Drs. Hadi")
    token = selectors.invitation_url(gone).rstrip("/").rsplit("/", 1)[-1]

    assert services.anonymise_past_guests(today=TODAY) == 1

    gone.refresh_from_db()
    assert (gone.name, gone.position, gone.whatsapp, gone.email, gone.notes) == ("",) * 5
    assert gone.representative_name == ""
    assert gone.anonymised_at is not None and gone.revoked_at is not None
    # What the report counts stays: the kind, the answer, the day checked in.
    assert (gone.institution, gone.institution_kind, gone.rsvp) == (
        "Dinas Perindustrian Kabupaten Semarang",
        "forkopimda",
        "diwakilkan",
    )
    assert gone.check_ins.count() == 1
    assert not LogEntry.objects.get_for_object(gone).exists()
    assert selectors.guest_for_token(token) is None
    assert Guest.objects.get(pk=kept.pk).name == "Drs. Hadi"
    assert LogEntry.objects.get_for_object(kept).exists()


def test_an_editions_online_days_count_as_its_last_days():
    edition = edition_ended(
        KEEP_PERSONAL_DATA_DAYS + 10,
        format="hybrid",
        online_starts_on=TODAY - datetime.timedelta(days=KEEP_PERSONAL_DATA_DAYS + 10),
        online_ends_on=TODAY - datetime.timedelta(days=KEEP_PERSONAL_DATA_DAYS - 5),
    )
    guest = GuestFactory(edition=edition)

    assert services.anonymise_past_guests(today=TODAY) == 0
    assert Guest.objects.get(pk=guest.pk).name == guest.name


def test_the_command_anonymises_each_guest_once():
    last = timezone.localdate() - datetime.timedelta(days=KEEP_PERSONAL_DATA_DAYS + 1)
    GuestFactory(edition=EditionFactory(starts_on=last, ends_on=last))
    out, again = io.StringIO(), io.StringIO()

    call_command("anonymise_guests", stdout=out)
    call_command("anonymise_guests", stdout=again)

    assert out.getvalue() == "1 guests anonymised.\n"
    assert again.getvalue() == "0 guests anonymised.\n"
