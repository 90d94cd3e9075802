"""Legality documents: checked by content, kept out of public storage, shown to whom
they belong and to the organisers, and counted in the profile's completeness."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from exhibitors.models import LegalDocument
from exhibitors.selectors import profile_gaps
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def private(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def exhibitor(owner, private):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri", slug="keripik-bu-sri")


def image_bytes(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 120, 10)).save(buffer, image_format)
    return buffer.getvalue()


def upload(client, kind, content, name="dokumen.pdf"):
    return client.post(
        reverse("documents"),
        {"kind": kind, "file": SimpleUploadedFile(name, content, "application/pdf")},
        follow=True,
    )


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (PDF, "application/pdf"),
        (image_bytes("JPEG"), "image/jpeg"),
        (image_bytes("PNG"), "image/png"),
    ],
)
def test_document_is_stored_privately_and_downloaded_by_its_owner(
    client, exhibitor, private, content, content_type
):
    response = upload(client, "nib", content, name="scan.bin")

    assert shown_messages(response) == ["Dokumen diunggah."]
    document = LegalDocument.objects.get()
    assert document.content_type == content_type
    stored = private / document.file.name
    assert stored.read_bytes() == content
    assert not any((private.parent / "media").rglob("*.*"))

    download = client.get(reverse("document_download", kwargs={"pk": document.pk}))

    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert (
        f"keripik-bu-sri-nib.{document.file.name.rsplit('.', 1)[1]}"
        in (download["Content-Disposition"])
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"<html><script>alert(1)</script></html>",
            "Berkas ini bukan dokumen PDF, JPEG, atau PNG.",
        ),
        (b"GIF89a\x01\x00\x01\x00", "Berkas ini bukan dokumen PDF, JPEG, atau PNG."),
        (image_bytes("PNG")[:60], "Berkas ini bukan dokumen PDF, JPEG, atau PNG."),
        (PDF + b"0" * (5 * 1024 * 1024), "Ukuran dokumen paling besar 5 MB."),
    ],
    ids=["html-named-pdf", "gif", "truncated-png", "over-5-mb"],
)
def test_what_is_not_a_document_is_refused(client, exhibitor, private, content, message):
    response = upload(client, "pirt", content)

    assert shown_messages(response) == [message]
    assert LegalDocument.objects.count() == 0
    assert not private.exists() or not any(path.is_file() for path in private.rglob("*"))


def test_a_new_upload_replaces_the_old_file(
    client, exhibitor, private, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "halal", PDF)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "halal", image_bytes("PNG"))

    document = LegalDocument.objects.get()
    assert document.content_type == "image/png"
    assert [path for path in private.rglob("*") if path.is_file()] == [private / document.file.name]


def test_owner_deletes_a_document_and_its_file(
    client, exhibitor, private, django_capture_on_commit_callbacks
):
    upload(client, "bpom", PDF)
    document = LegalDocument.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("document_delete", kwargs={"pk": document.pk}))

    assert LegalDocument.objects.count() == 0
    assert not (private / document.file.name).exists()


def test_documents_page_lists_each_kind(client, exhibitor):
    upload(client, "nib", PDF)

    page = client.get(reverse("documents")).content.decode()

    document = LegalDocument.objects.get()
    assert reverse("document_download", kwargs={"pk": document.pk}) in page
    assert page.count("Belum diunggah.") == 3


def test_another_owners_document_is_404_for_download_and_delete(client, exhibitor, private):
    upload(client, "nib", PDF)
    document = LegalDocument.objects.get()
    client.force_login(UserFactory(username="pak.joko"))
    ExhibitorFactory(owner=UserFactory(username="pak.joko"))

    download = client.get(reverse("document_download", kwargs={"pk": document.pk}))
    delete = client.post(reverse("document_delete", kwargs={"pk": document.pk}))

    assert (download.status_code, delete.status_code) == (404, 404)
    assert (private / LegalDocument.objects.get().file.name).exists()


def test_organiser_downloads_a_document_in_the_admin(client, exhibitor, organiser):
    client.force_login(exhibitor.owner)
    upload(client, "nib", PDF)
    document = LegalDocument.objects.get()
    client.force_login(organiser)
    url = reverse(
        "admin:exhibitors_exhibitor_document",
        kwargs={"object_id": exhibitor.pk, "document_id": document.pk},
    )

    change_page = client.get(
        reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk])
    ).content.decode()
    download = client.get(url)

    assert url in change_page
    assert b"".join(download.streaming_content) == PDF


def test_staff_without_view_permission_cannot_download(client, exhibitor):
    upload(client, "nib", PDF)
    document = LegalDocument.objects.get()
    url = reverse(
        "admin:exhibitors_exhibitor_document",
        kwargs={"object_id": exhibitor.pk, "document_id": document.pk},
    )
    clerk = UserFactory(username="staf.lain", is_staff=True)
    client.force_login(clerk)

    refused = client.get(url)
    clerk.user_permissions.add(Permission.objects.get(codename="view_exhibitor"))
    allowed = client.get(url)

    assert refused.status_code == 404
    assert b"".join(allowed.streaming_content) == PDF


def test_the_owner_url_of_a_document_is_not_a_public_file(client, exhibitor, private):
    upload(client, "nib", PDF)
    document = LegalDocument.objects.get()
    client.logout()

    response = client.get(reverse("document_download", kwargs={"pk": document.pk}))

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018


def test_completeness_asks_for_numbers_and_documents(exhibitor):
    exhibitor.pirt = "123456789012345"
    exhibitor.kecamatan = ""
    exhibitor.save()
    LegalDocument.objects.create(
        exhibitor=exhibitor, kind="halal", file="documents/x.pdf", content_type="x", size=1
    )

    assert profile_gaps(exhibitor=exhibitor) == [
        "kecamatan",
        "alamat",
        "dokumen NIB",
        "dokumen P-IRT",
        "nomor sertifikat halal",
        "paling sedikit satu produk",
    ]


def test_a_complete_profile_has_no_gaps(exhibitor):
    exhibitor.kecamatan = "Bawen"
    exhibitor.address = "Jl. Soekarno-Hatta 1"
    exhibitor.save()
    LegalDocument.objects.create(
        exhibitor=exhibitor, kind="nib", file="documents/x.pdf", content_type="x", size=1
    )
    ProductFactory(exhibitor=exhibitor)

    assert profile_gaps(exhibitor=exhibitor) == []


def test_dashboard_shows_what_is_missing(client, exhibitor):
    page = client.get(reverse("dashboard")).content.decode()

    assert "<li>dokumen NIB</li>" in page
    assert reverse("documents") in page
