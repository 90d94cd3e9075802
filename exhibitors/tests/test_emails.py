import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.tests.helpers import PROFILE
from exhibitors.models import Application, Exhibitor
from exhibitors.services import decide_application
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory

pytestmark = pytest.mark.django_db

PORTAL = "https://expo.example.go.id"
PASSWORD = "batik-sekar-jagad-2021"
# The address the portal is reached at in development: never its name in a mail.
HOST = {"HTTP_HOST": "127.0.0.1:8000"}


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


def test_decision_mail_is_in_the_language_the_owner_chose(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        exhibitor__owner=UserFactory(email="sri@example.com"),
        exhibitor__language="en",
        edition__name="Kasmex 2031",
    )

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(application=application, status="accepted", by=organiser)

    [mail] = mailoutbox
    assert mail.subject == "Your application to Kasmex 2031: Accepted"
    assert (
        "The organisers of Kasmex 2031 have decided on your application. Its status is now: "
        "Accepted."
    ) in mail.body.splitlines()


def test_decision_mail_has_the_dates_the_place_and_the_dashboard(
    organiser, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PORTAL_URL = PORTAL
    application = ApplicationFactory(
        exhibitor__owner=UserFactory(email="sri@example.com"),
        exhibitor__name="Keripik Tempe Bu Sri",
        edition__name="Kasmex 2031",
        edition__starts_on=datetime.date(2031, 2, 12),
        edition__ends_on=datetime.date(2031, 2, 14),
        edition__venue_name="Alun-alun Bung Karno",
        edition__venue_address="Jl. Diponegoro, Ungaran",
        edition__contact_email="panitia@kasmex.example",
    )

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(
            application=application, status="rejected", reason="Kuota kuliner penuh.", by=organiser
        )

    [mail] = mailoutbox
    assert mail.from_email == "Portal Pameran UMKM <noreply@localhost>"
    assert mail.subject == "Pendaftaran Anda ke Kasmex 2031: Ditolak"
    assert mail.body == (
        "Halo Keripik Tempe Bu Sri,\n"
        "\n"
        "Penyelenggara Kasmex 2031 sudah memutuskan pendaftaran Anda. Statusnya sekarang: "
        "Ditolak.\n"
        "\n"
        "Alasan dari penyelenggara:\n"
        "Kuota kuliner penuh.\n"
        "\n"
        "Kasmex 2031\n"
        "Tanggal: 12–14 Februari 2031\n"
        "Tempat: Alun-alun Bung Karno\n"
        "Alamat: Jl. Diponegoro, Ungaran\n"
        "\n"
        f"Pendaftaran Anda di dasbor: {PORTAL}/dasbor/\n"
        "\n"
        "Ada pertanyaan? Hubungi penyelenggara: panitia@kasmex.example\n"
        "\n"
        "Dinas Koperasi UKM Perindag Kabupaten Semarang\n"
    )


# The owner chooses the language of the mails, on the business profile.


def test_a_new_profile_offers_the_language_the_owner_uses_the_site_in(client, owner):
    with translation.override("en"):
        page = client.get(reverse("profile_edit")).content.decode()

    assert '<label for="id_language">Language of e-mails:</label>' in page
    assert '<option value="en" selected>English</option>' in page


def test_a_profile_saved_from_the_english_site_gets_english_mails(
    client, owner, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        client.post(reverse("profile_edit"), {**PROFILE, "language": "en"})
    exhibitor = Exhibitor.objects.get(owner=owner)
    application = ApplicationFactory(exhibitor=exhibitor, edition__name="Kasmex 2031")

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(application=application, status="waitlisted", by=organiser)

    assert exhibitor.language == "en"
    assert [mail.subject for mail in mailoutbox] == ["Your application to Kasmex 2031: Waitlisted"]


def test_the_owner_changes_the_language_of_mails(client, owner):
    exhibitor = ExhibitorFactory(owner=owner, language="id")

    client.post(reverse("profile_edit"), {**PROFILE, "language": "en"})

    exhibitor.refresh_from_db()
    assert exhibitor.language == "en"


def test_a_profile_form_sent_without_a_language_keeps_the_profiles(client, owner):
    exhibitor = ExhibitorFactory(owner=owner, language="en")

    client.post(reverse("profile_edit"), PROFILE)

    exhibitor.refresh_from_db()
    assert (exhibitor.name, exhibitor.language) == (PROFILE["name"], "en")


def test_a_language_the_portal_does_not_write_is_refused_and_changes_nothing(client, owner):
    exhibitor = ExhibitorFactory(owner=owner, name="Batik Sekar", language="id")

    response = client.post(reverse("profile_edit"), {**PROFILE, "language": "fr"})

    assert response.context["form"].errors["language"] == [
        "Masukkan pilihan yang valid. fr bukan salah satu dari pilihan yang tersedia."
    ]
    exhibitor.refresh_from_db()
    assert (exhibitor.name, exhibitor.language) == ("Batik Sekar", "id")


# allauth's mails carry the portal's name, not the address a request came in on.


def test_the_sign_up_confirmation_is_signed_with_the_portals_name(client, mailoutbox):
    client.post(
        "/akun/signup/",
        {"email": "bu.sri@example.com", "password1": PASSWORD, "password2": PASSWORD},
        **HOST,
    )

    [mail] = mailoutbox
    lines = mail.body.splitlines()
    assert mail.from_email == "Portal Pameran UMKM <noreply@localhost>"
    assert mail.subject.startswith("[Portal Pameran UMKM] ")
    assert (lines[0], lines[-1]) == (
        "Salam dari Portal Pameran UMKM!",
        "Terima kasih telah menggunakan Portal Pameran UMKM!",
    )
    assert (
        "Anda menerima e-mail ini karena pengguna bu.sri memakai alamat e-mail "
        "Anda untuk mendaftarkan akun di Portal Pameran UMKM."
    ) in lines
    # The host is only in the link to follow.
    assert [line for line in lines if "127.0.0.1" in line] == [
        line for line in lines if re.search(r"http://127\.0\.0\.1:8000/akun/confirm-email/", line)
    ]
    assert "127.0.0.1" not in mail.subject


def test_the_password_reset_mail_is_signed_with_the_portals_name(client, mailoutbox):
    user = UserFactory(username="bu.sri", email="bu.sri@example.com")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)

    client.post("/akun/password/reset/", {"email": "bu.sri@example.com"}, **HOST)

    [mail] = mailoutbox
    lines = mail.body.splitlines()
    assert mail.subject.startswith("[Portal Pameran UMKM] ")
    assert (lines[0], lines[-1]) == (
        "Salam dari Portal Pameran UMKM!",
        "Terima kasih telah menggunakan Portal Pameran UMKM!",
    )
    assert [line for line in lines if "127.0.0.1" in line] == [
        line for line in lines if line.startswith("http://127.0.0.1:8000/akun/password/reset/key/")
    ]
