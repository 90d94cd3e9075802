"""The owner's consent to being registered by Dinas staff: a signed form kept privately,
or a code sent by WhatsApp or e-mail that the owner tells back."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import PDF
from exhibitors.models import Application, OwnerConsent
from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def member(client, office):
    user = UserFactory(username="pak.budi")
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    return user


@pytest.fixture
def managed(client, member, office):
    exhibitor = ExhibitorFactory(
        name="Wedang Jahe", registered_by=office, email="mbah.karto@example.com"
    )
    client.post(reverse("assisted_manage", kwargs={"pk": exhibitor.pk}))
    return exhibitor


@pytest.fixture
def private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def test_a_signed_form_is_the_consent_kept_privately(client, member, managed, private):
    response = client.post(
        reverse("assisted_consent"),
        {"action": "paper", "file": SimpleUploadedFile("form.pdf", PDF)},
        follow=True,
    )

    consent = OwnerConsent.objects.get()
    assert (consent.method, consent.recorded_by, consent.exhibitor) == ("paper", member, managed)
    assert "Persetujuan pemilik sudah dicatat." in response.content.decode()
    assert (private / consent.file.name).read_bytes() == PDF
    download = client.get(reverse("consent_download", kwargs={"pk": consent.pk}))
    assert b"".join(download.streaming_content) == PDF
    with pytest.raises(ValueError, match="no public URL"):
        consent.file.url  # noqa: B018


def test_the_signed_form_is_no_download_for_another_office(client, managed, private):
    from exhibitors import services

    consent = services.record_paper_consent(
        exhibitor=managed, upload=SimpleUploadedFile("form.pdf", PDF), by=UserFactory()
    )
    stranger = UserFactory(username="bu.lain")
    Membership.objects.create(user=stranger, organisation=Organisation.objects.create(name="B"))
    client.force_login(stranger)

    response = client.get(reverse("consent_download", kwargs={"pk": consent.pk}))

    assert response.status_code == 404


@pytest.fixture
def send_by_email(django_capture_on_commit_callbacks):
    def send(client):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("assisted_consent"), {"action": "email"})

    return send


def test_an_e_mailed_code_told_back_records_the_consent(client, member, managed, send_by_email):
    send_by_email(client)
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)

    assert mail.outbox[0].to == ["mbah.karto@example.com"]
    assert "Dinas Koperasi UKM Kabupaten Semarang sedang mendaftarkan Wedang Jahe" in (
        mail.outbox[0].body
    )
    assert code not in OwnerConsent.objects.get().code_hash
    response = client.post(
        reverse("assisted_consent"), {"action": "confirm", "code": code}, follow=True
    )

    consent = OwnerConsent.objects.get()
    assert (consent.method, consent.recorded_by, consent.is_recorded) == ("email", member, True)
    assert "Persetujuan pemilik sudah dicatat." in response.content.decode()


def test_a_whatsapp_code_comes_as_a_link_with_the_message_written(client, managed):
    page = client.post(reverse("assisted_consent"), {"action": "whatsapp"}).content.decode()

    link = re.search(r'href="(https://wa\.me/[^"]+)"', page).group(1).replace("&amp;", "&")
    parts = urlsplit(link)
    text = parse_qs(parts.query)["text"][0]
    assert parts.path == "/6281234567890"
    assert "sebutkan kode ini kepada petugas" in text
    code = re.search(r"\b(\d{6})\b", text).group(1)
    client.post(reverse("assisted_consent"), {"action": "confirm", "code": code})
    assert OwnerConsent.objects.get().is_recorded


def test_wrong_codes_are_counted_and_then_refused_even_the_right_one(
    client, managed, send_by_email
):
    send_by_email(client)
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    wrong = "000000" if code != "000000" else "111111"

    first = client.post(
        reverse("assisted_consent"), {"action": "confirm", "code": wrong}, follow=True
    )
    for _attempt in range(4):
        client.post(reverse("assisted_consent"), {"action": "confirm", "code": wrong})
    last = client.post(
        reverse("assisted_consent"), {"action": "confirm", "code": code}, follow=True
    )

    assert "Itu bukan kode yang dikirim. Sisa 4 kali percobaan." in first.content.decode()
    assert "Terlalu banyak kode salah: kirim kode baru kepada pemilik." in last.content.decode()
    consent = OwnerConsent.objects.get()
    assert (consent.attempts, consent.is_recorded) == (5, False)


def test_an_expired_code_records_nothing(client, managed, send_by_email):
    send_by_email(client)
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    OwnerConsent.objects.update(code_expires_at=timezone.now() - timedelta(seconds=1))

    response = client.post(
        reverse("assisted_consent"), {"action": "confirm", "code": code}, follow=True
    )

    assert "Kode ini sudah kedaluwarsa" in response.content.decode()
    assert not OwnerConsent.objects.get().is_recorded


def test_applying_on_the_owners_behalf_needs_the_consent(client, managed, private):
    edition = EditionFactory()
    url = reverse("apply", kwargs={"edition_slug": edition.slug})
    data = {"mode": "booth", "staff_count": "2", "consent": "on"}

    page = client.get(url).content.decode()
    refused = client.post(url, data).content.decode()
    client.post(
        reverse("assisted_consent"), {"action": "paper", "file": SimpleUploadedFile("f.pdf", PDF)}
    )
    client.post(url, data)

    assert "Anda mendaftar atas nama pemilik" in page
    assert (
        "Catat persetujuan pemilik (Pendampingan UMKM) sebelum mendaftar atas namanya." in refused
    )
    assert Application.objects.get().exhibitor == managed


def test_the_consent_page_is_only_while_managing(client, member):
    response = client.get(reverse("assisted_consent"))

    assert response.status_code == 404
