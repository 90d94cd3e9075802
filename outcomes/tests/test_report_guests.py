"""The guests and the gates in the edition's impact report: the guests' attendance per
day as the organisers' attendance page counts it, and the visitors per gate and day."""

import pytest
from django.utils import timezone

from exhibitors.tests.factories import UserFactory
from expo.tests.factories import EditionFactory
from guests import selectors, services
from guests.tests.factories import GuestFactory
from outcomes.models import GateCount
from outcomes.report import impact_report

pytestmark = pytest.mark.django_db


def rows(day):
    return [(row.label, row.invited, row.confirmed, row.checked_in) for row in day.by_kind]


def test_the_impact_report_counts_the_guests_and_the_gates():
    edition = EditionFactory(name="Kasmex 2030")
    first = edition.starts_on
    bupati = GuestFactory(edition=edition, institution_kind="forkopimda", rsvp="hadir")
    GuestFactory(edition=edition, institution_kind="opd")
    GuestFactory(edition=edition, institution_kind="opd", revoked_at=timezone.now())
    services.check_in(edition=edition, day=first, by=UserFactory(), guest=bupati)
    GateCount.objects.create(edition=edition, day=first, gate="Gerbang Utara", visitors=120)
    GateCount.objects.create(edition=edition, day=first, gate="Gerbang Selatan", visitors=80)

    report = impact_report(edition=edition)

    assert [rows(day) for day in report.guests] == [
        rows(day) for day in selectors.attendance(edition=edition)
    ]
    first_day = report.guests[0].total
    assert (first_day.invited, first_day.confirmed, first_day.checked_in) == (2, 1, 1)
    assert report.gates == [(first, "Gerbang Selatan", 80), (first, "Gerbang Utara", 120)]
    assert report.gate_visitors == 200
