import pytest
from django.conf import settings
from django.utils import translation

from exhibitors.models import Application
from exhibitors.services import decide_application
from exhibitors.tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return UserFactory(username="panitia")


def test_accepting_mails_the_owner_once_naming_the_edition(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        exhibitor__owner=UserFactory(email="sri@example.com"),
        exhibitor__email="toko@example.com",
        edition__name="Kasmex 2031",
    )

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(application=application, status="accepted", by=organiser)

    assert [(mail.to, mail.from_email) for mail in mailoutbox] == [
        (["sri@example.com"], settings.DEFAULT_FROM_EMAIL)
    ]
    assert "Kasmex 2031" in mailoutbox[0].subject


def test_rejecting_puts_the_reason_in_the_body(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(exhibitor__owner=UserFactory(email="sri@example.com"))

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(
            application=application,
            status="rejected",
            reason="Belum ada sertifikat halal untuk produk makanan & minuman.",
            by=organiser,
        )

    assert len(mailoutbox) == 1
    # Plain text: the ampersand must not come out as an HTML entity.
    assert "Belum ada sertifikat halal untuk produk makanan & minuman." in mailoutbox[0].body


def test_mail_goes_to_the_exhibitor_address_when_there_is_no_owner(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(exhibitor__owner=None, exhibitor__email="toko@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(application=application, status="waitlisted", by=organiser)

    assert [mail.to for mail in mailoutbox] == [["toko@example.com"]]


def test_mail_is_in_indonesian_whatever_the_organiser_language(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(exhibitor__email="toko@example.com")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        decide_application(application=application, status="accepted", by=organiser)

    # The status label is the one string here the project has translated already.
    assert ("Diterima" in mailoutbox[0].subject, "Diterima" in mailoutbox[0].body) == (True, True)


def test_no_owner_and_no_address_sends_nothing_but_saves_the_decision(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(exhibitor__owner=None, exhibitor__email="")

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(application=application, status="accepted", by=organiser)

    application.refresh_from_db()
    assert (application.status, application.decided_by) == (
        Application.Status.ACCEPTED,
        organiser,
    )
    assert mailoutbox == []


def test_repeating_the_same_decision_sends_no_second_mail(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(exhibitor__email="toko@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(application=application, status="accepted", by=organiser)
        decide_application(application=application, status="accepted", by=organiser)

    assert len(mailoutbox) == 1


def test_no_mail_before_the_decision_is_committed(organiser, mailoutbox):
    application = ApplicationFactory(exhibitor__email="toko@example.com")

    decide_application(application=application, status="accepted", by=organiser)

    # The test's own transaction never commits, so the exhibitor is never told.
    assert mailoutbox == []
