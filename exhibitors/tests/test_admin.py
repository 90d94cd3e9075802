import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client):
    user = UserFactory(username="panitia", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:exhibitors_application_changelist",
        "admin:exhibitors_exhibitor_changelist",
        "admin:exhibitors_product_changelist",
        "admin:booths_booth_changelist",
        "admin:booths_assignment_changelist",
    ],
)
def test_admin_changelist_queries_do_not_grow_with_rows(client, organiser, url_name):
    def add_participant():
        application = ApplicationFactory(accepted=True)
        ProductFactory(exhibitor=application.exhibitor)
        Assignment.objects.create(
            booth=BoothFactory(edition=application.edition), application=application
        )

    add_participant()
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse(url_name)).status_code == 200
    for _ in range(3):
        add_participant()
    with CaptureQueriesContext(connection) as four:
        response = client.get(reverse(url_name))

    assert response.context["cl"].result_count == 4
    assert len(four) == len(one)


def test_accept_action_decides_through_the_service(client, organiser):
    application = ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri")

    response = client.post(
        reverse("admin:exhibitors_application_changelist"),
        {"action": "accept", "_selected_action": [application.pk]},
        follow=True,
    )

    application.refresh_from_db()
    assert (application.status, application.decided_by) == (Application.Status.ACCEPTED, organiser)
    assert "1 pendaftaran diterima." in [str(message) for message in response.context["messages"]]


def test_waitlisting_an_assigned_participant_is_refused_with_a_message(client, organiser):
    application = ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri", accepted=True)
    Assignment.objects.create(
        booth=BoothFactory(edition=application.edition), application=application
    )

    response = client.post(
        reverse("admin:exhibitors_application_changelist"),
        {"action": "waitlist", "_selected_action": [application.pk]},
        follow=True,
    )

    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    messages = [str(message) for message in response.context["messages"]]
    assert "Keripik Tempe Bu Sri: Kosongkan dulu stan peserta ini." in messages
