"""Admin actions that call a service report each refusal on its row and go on."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import translation

from booths import services
from booths.models import Assignment
from booths.tests.factories import BoothFactory
from exhibitors.tests.factories import ApplicationFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def action_request(user):
    request = RequestFactory().post("/admin/booths/assignment/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_vacating_a_booth_freed_meanwhile_reports_it_and_vacates_the_others(organiser):
    edition = EditionFactory()
    assignments = [
        services.assign_booth(
            booth=BoothFactory(edition=edition, code=code),
            application=ApplicationFactory(edition=edition, accepted=True),
            by=organiser,
        )
        for code in ("A-01", "A-02")
    ]
    # The selection read, then another organiser frees A-01 before it is vacated.
    selected = Assignment.objects.select_related("booth").filter(
        pk__in=[assignment.pk for assignment in assignments]
    )
    assert len(selected) == 2
    services.vacate_booth(booth=assignments[0].booth)
    request = action_request(organiser)

    with translation.override("id"):
        admin.site._registry[Assignment].vacate(request, selected)
        shown = [str(message) for message in get_messages(request)]

    assert not Assignment.objects.exists()
    assert shown == ["A-01: Stan A-01 sudah kosong.", "1 stan dikosongkan."]
