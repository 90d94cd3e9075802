import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory, ProductFactory

pytestmark = pytest.mark.django_db


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
    created = []

    def add_participant():
        application = ApplicationFactory(accepted=True)
        product = ProductFactory(exhibitor=application.exhibitor)
        booth = BoothFactory(edition=application.edition)
        assignment = Assignment.objects.create(booth=booth, application=application)
        created.extend([application, application.exhibitor, product, booth, assignment])

    def shown(response):
        """The rows of the changelist and those the page links to, with the rows there are."""
        changelist = response.context["cl"]
        options = changelist.model._meta
        change = f"admin:{options.app_label}_{options.model_name}_change"
        page = response.content.decode()
        rows = sorted(row.pk for row in changelist.result_list)
        linked = [pk for pk in rows if f'href="{reverse(change, args=[pk])}"' in page]
        existing = sorted(row.pk for row in created if isinstance(row, changelist.model))
        return rows, linked, existing

    add_participant()
    with CaptureQueriesContext(connection) as one:
        first = client.get(reverse(url_name))
    # Counted at once: the next request's start empties the log the capture reads.
    queries_for_one = len(one)
    rows, linked, existing = shown(first)
    assert (rows, linked, len(existing)) == (existing, existing, 1)
    for _ in range(3):
        add_participant()
    with CaptureQueriesContext(connection) as four:
        response = client.get(reverse(url_name))

    rows, linked, existing = shown(response)
    assert (rows, linked, len(existing)) == (existing, existing, 4)
    assert len(four) == queries_for_one


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


def test_reject_action_asks_for_a_reason_for_the_selected_applications(client, organiser):
    chosen = [
        ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri"),
        ApplicationFactory(exhibitor__name="Batik Tulis Sekar Jagad"),
    ]
    ApplicationFactory(exhibitor__name="Kopi Banaran")

    response = client.post(
        reverse("admin:exhibitors_application_changelist"),
        {"action": "reject", "_selected_action": [application.pk for application in chosen]},
    )

    assert response.templates[0].name == "admin/exhibitors/application/reject.html"
    page = response.content.decode()
    shown = [name in page for name in ["Keripik Tempe Bu Sri", "Batik Tulis Sekar Jagad"]]
    assert shown == [True, True]
    assert "Kopi Banaran" not in page
    assert sorted(response.context["applications"].values_list("pk", flat=True)) == sorted(
        application.pk for application in chosen
    )
    assert page.count('name="_selected_action"') == 2
    assert (
        list(Application.objects.values_list("status", flat=True))
        == [Application.Status.SUBMITTED] * 3
    )


def test_reject_action_with_a_reason_rejects_through_the_service(client, organiser):
    chosen = [ApplicationFactory(), ApplicationFactory()]
    other = ApplicationFactory()

    client.post(
        reverse("admin:exhibitors_application_changelist"),
        {
            "action": "reject",
            "_selected_action": [application.pk for application in chosen],
            "confirm": "yes",
            "reason": "  Kuota stan kategori batik sudah penuh.  ",
        },
        follow=True,
    )

    decisions = Application.objects.order_by("pk").values_list(
        "pk", "status", "decision_reason", "decided_by"
    )
    reason = "Kuota stan kategori batik sudah penuh."
    assert list(decisions) == [
        (chosen[0].pk, Application.Status.REJECTED, reason, organiser.pk),
        (chosen[1].pk, Application.Status.REJECTED, reason, organiser.pk),
        (other.pk, Application.Status.SUBMITTED, "", None),
    ]


@pytest.mark.parametrize("reason", ["", "   \n  "], ids=["empty", "whitespace"])
def test_reject_action_without_a_reason_shows_the_page_again_and_changes_nothing(
    client, organiser, reason
):
    application = ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri")

    response = client.post(
        reverse("admin:exhibitors_application_changelist"),
        {
            "action": "reject",
            "_selected_action": [application.pk],
            "confirm": "yes",
            "reason": reason,
        },
    )

    assert response.templates[0].name == "admin/exhibitors/application/reject.html"
    assert response.context["form"].errors == {
        "reason": ["Berikan alasan penolakan kepada peserta."]
    }
    assert "Berikan alasan penolakan kepada peserta." in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.decision_reason, application.decided_by) == (
        Application.Status.SUBMITTED,
        "",
        None,
    )
