"""The business meetings in the edition's impact report."""

import pytest
from django.utils import timezone

from meetings.tests.factories import MeetingFactory, SlotFactory
from outcomes.report import impact_report

pytestmark = pytest.mark.django_db


def test_the_report_counts_the_editions_meetings():
    slot = SlotFactory()
    MeetingFactory(slot=slot)
    MeetingFactory(slot=slot, accepted=True)
    MeetingFactory(slot=slot, status="ditolak", decided_at=timezone.now())
    MeetingFactory()  # another edition's

    [section] = [s for s in impact_report(edition=slot.edition).sections if s.key == "meetings"]

    assert section.title == "Temu bisnis"
    assert section.rows == [
        ("Temu bisnis diminta", 3),
        ("Diterima", 1),
        ("Ditolak", 1),
        ("Terlaksana", 0),
    ]
