"""The rules of the business meetings' tables, as the database's constraints check them
(an admin form, a service's ``full_clean``): in Indonesian, without a constraint name."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from meetings.models import Meeting
from meetings.tests.factories import BuyerFactory, MeetingFactory, SlotFactory

pytestmark = pytest.mark.django_db


def told(row):
    with translation.override("id"), pytest.raises(ValidationError) as error:
        row.validate_constraints()
    return error.value.messages


def test_a_slot_ending_before_it_starts_is_told_in_indonesian():
    slot = SlotFactory.build(edition=SlotFactory().edition)
    slot.ends_at = slot.starts_at - datetime.timedelta(minutes=30)

    assert told(slot) == ["Jadwal temu bisnis harus selesai setelah dimulai."]


def test_a_slot_over_another_is_told_in_indonesian():
    first = SlotFactory()
    over = SlotFactory.build(
        edition=first.edition, starts_at=first.starts_at + datetime.timedelta(minutes=15)
    )

    assert told(over) == ["Edisi ini sudah punya jadwal temu bisnis pada waktu ini."]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"country": "qa", "region_id": None}, "Pilih negara pembeli."),
        (
            {"country": "ID", "region_id": None},
            "Pembeli di Indonesia memilih kabupaten atau kotanya; pembeli dari luar negeri tidak.",
        ),
        (
            {"country": "QA"},
            "Pembeli di Indonesia memilih kabupaten atau kotanya; pembeli dari luar negeri tidak.",
        ),
    ],
)
def test_each_rule_of_a_buyer_is_told_in_indonesian(changes, message):
    assert told(BuyerFactory.build(**changes)) == [message]


def test_a_second_accepted_meeting_of_an_exhibitor_at_one_time_is_told_in_indonesian():
    first = MeetingFactory(accepted=True)
    second = MeetingFactory.build(
        slot=first.slot, application=first.application, buyer=BuyerFactory(), accepted=True
    )

    assert told(second) == ["Peserta ini sudah punya temu bisnis pada waktu ini."]


def test_a_second_accepted_meeting_of_a_buyer_at_one_time_is_told_in_indonesian():
    first = MeetingFactory(accepted=True)
    other = MeetingFactory(slot=first.slot)
    second = MeetingFactory.build(
        slot=first.slot, application=other.application, buyer=first.buyer, accepted=True
    )

    assert told(second) == ["Pembeli ini sudah punya temu bisnis pada waktu ini."]


def test_a_request_made_twice_is_told_in_indonesian():
    first = MeetingFactory()
    again = MeetingFactory.build(slot=first.slot, application=first.application, buyer=first.buyer)

    assert told(again) == ["Pembeli ini sudah meminta waktu ini kepada peserta ini."]


def test_a_decision_without_its_time_is_told_in_indonesian():
    meeting = MeetingFactory.build(
        slot=SlotFactory(), application=MeetingFactory().application, buyer=BuyerFactory()
    )
    meeting.status = Meeting.Status.DECLINED

    assert told(meeting) == ["Temu bisnis yang sudah diputuskan memerlukan waktu keputusannya."]
    meeting.decided_at = timezone.now()
    meeting.status = Meeting.Status.REQUESTED
    assert told(meeting) == ["Temu bisnis yang sudah diputuskan memerlukan waktu keputusannya."]
