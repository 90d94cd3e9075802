"""An owner accepting two buyers for one time at the same moment (two phones, two
taps): the second waits for the first, then is refused; the time holds one meeting.
And a writer that skips the service meets the database's constraint."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.tests.helpers import rival_transaction
from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("regions")]


@pytest.fixture
def two_requests():
    first = MeetingFactory(buyer__name="Hendra")
    second = MeetingFactory(slot=first.slot, application=first.application, buyer__name="Sari")
    return first, second


def accepted_buyers():
    return list(Meeting.objects.accepted().values_list("buyer__name", flat=True))


def test_the_second_acceptance_of_one_time_waits_and_is_refused(two_requests):
    first, second = two_requests

    with (
        rival_transaction(
            lambda: services.decide_meeting(meeting=first, accept=True, by=None)
        ) as outcome,
        pytest.raises(ValidationError) as refused,
    ):
        services.decide_meeting(meeting=second, accept=True, by=None)

    assert outcome == {"blocked": True, "committed": True}
    # The first acceptance declined the other request for the time, which the second
    # tap then finds answered.
    assert refused.value.code == "decided"
    assert accepted_buyers() == ["Hendra"]
    assert Meeting.objects.get(buyer__name="Sari").status == Meeting.Status.DECLINED


def test_the_database_holds_one_meeting_per_time_without_the_service(two_requests):
    first, second = two_requests

    def accept(meeting):
        Meeting.objects.filter(pk=meeting.pk).update(
            status="diterima", decided_at=meeting.requested_at
        )

    with (
        rival_transaction(lambda: accept(first)) as outcome,
        pytest.raises(IntegrityError, match="meeting_one_per_exhibitor_and_slot"),
    ):
        accept(second)

    assert outcome == {"blocked": True, "committed": True}
    assert accepted_buyers() == ["Hendra"]
