"""Legality documents: checked by content, kept out of public storage, shown to whom
they belong and to the organisers, and counted in the profile's completeness."""

import io
import struct
import zlib

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from core.tests.helpers import PDF, encoded, gps_exif, pdf, shown_messages
from exhibitors import services
from exhibitors.models import LegalDocument
from exhibitors.selectors import profile_gaps
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def action(**entries):
    return DictionaryObject({NameObject(f"/{key}"): value for key, value in entries.items()})


ONE_PAGE = [
    b"<< /Type /Catalog /Pages 2 0 R %s>>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
]


def hand_written(catalogue=b""):
    """A one-page PDF written out byte by byte, for what pypdf would not write itself."""
    content = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(ONE_PAGE, start=1):
        offsets.append(len(content))
        body = body % catalogue if number == 1 else body
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(content)
    content += b"xref\n0 4\n0000000000 65535 f \n"
    content += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    content += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(content)


def with_xref_stream(padding):
    """A one-page PDF whose cross-reference stream is followed, inside the same compressed
    data, by ``padding``: megabytes of zeros compress to a few kilobytes."""
    content = bytearray(b"%PDF-1.7\n")
    rows = struct.pack(">BIH", 0, 0, 65535)
    for number, body in enumerate(ONE_PAGE, start=1):
        rows += struct.pack(">BIH", 1, len(content), 0)
        body = body % b"" if number == 1 else body
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(content)
    rows += struct.pack(">BIH", 1, start, 0)
    data = zlib.compress(rows + padding, 9)
    content += (
        b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
        % (len(data), data, start)
    )
    return bytes(content)


@pytest.fixture
def private(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def exhibitor(owner, private):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri", slug="keripik-bu-sri")


def image_bytes(image_format):
    return encoded(Image.new("RGB", (60, 40), (10, 120, 10)), image_format)


def cut_short_jpeg():
    """A photo's first half: the header says 400 × 300, the pixels stop midway."""
    buffer = io.BytesIO()
    Image.radial_gradient("L").resize((400, 300)).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


def upload(client, kind, content, name="dokumen.pdf"):
    return client.post(
        reverse("documents"),
        {"kind": kind, "file": SimpleUploadedFile(name, content, "application/pdf")},
        follow=True,
    )


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
    stored = (private / document.file.name).read_bytes()
    assert document.size == len(stored)
    assert not any((private.parent / "media").rglob("*.*"))

    download = client.get(reverse("document_download", kwargs={"pk": document.pk}))

    assert b"".join(download.streaming_content) == stored
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert (
        f"keripik-bu-sri-nib.{document.file.name.rsplit('.', 1)[1]}"
        in (download["Content-Disposition"])
    )


def test_a_pdf_is_stored_as_uploaded(client, exhibitor, private):
    upload(client, "nib", PDF)

    assert (private / LegalDocument.objects.get().file.name).read_bytes() == PDF


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_an_image_is_stored_re_encoded_at_its_full_size(client, exhibitor, private, image_format):
    sent = Image.new("RGB", (2480, 3508), (250, 250, 245))  # A4 at 300 dpi
    buffer = io.BytesIO()
    sent.save(buffer, image_format, comment=b"dipindai di kantor desa")

    upload(client, "nib", buffer.getvalue())

    document = LegalDocument.objects.get()
    with Image.open(private / document.file.name) as stored:
        stored.load()
    assert (stored.format, stored.size) == (image_format, (2480, 3508))
    # JPEG is lossy: the colour comes back within a step or two.
    assert (
        max(abs(a - b) for a, b in zip(stored.getpixel((100, 100)), (250, 250, 245), strict=True))
        <= 2
    )
    assert "comment" not in stored.info


def test_gps_exif_of_a_jpeg_is_not_stored(client, exhibitor, private):
    exif = gps_exif()
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (250, 250, 245)).save(
        buffer, "JPEG", exif=exif, xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Bawen</x:xmpmeta>'
    )
    with Image.open(buffer) as sent:
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "S"

    response = upload(client, "nib", buffer.getvalue(), name="nib.jpg")

    assert shown_messages(response) == ["Dokumen diunggah."]
    with Image.open(private / LegalDocument.objects.get().file.name) as stored:
        assert dict(stored.getexif()) == {}
        assert {"exif", "xmp"} & set(stored.info) == set()


def test_a_photo_of_a_document_is_stored_upright(client, exhibitor, private):
    sent = Image.new("RGB", (200, 100), (220, 20, 20))
    sent.paste((20, 20, 220), (100, 0, 200, 100))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the phone was turned: show rotated clockwise
    buffer = io.BytesIO()
    sent.save(buffer, "JPEG", exif=exif, quality=95)

    upload(client, "nib", buffer.getvalue())

    with Image.open(private / LegalDocument.objects.get().file.name) as stored:
        top, bottom = stored.getpixel((50, 20)), stored.getpixel((50, 180))
    assert stored.size == (100, 200)
    assert (top[0] > top[2], bottom[2] > bottom[0]) == (True, True)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"<html><script>alert(1)</script></html>",
            "Berkas ini bukan dokumen PDF, JPEG, atau PNG.",
        ),
        (b"GIF89a\x01\x00\x01\x00", "Berkas ini bukan dokumen PDF, JPEG, atau PNG."),
        (PDF + b"0" * (5 * 1024 * 1024), "Ukuran dokumen paling besar 5 MB."),
    ],
    ids=["html-named-pdf", "gif", "over-5-mb"],
)
def test_what_is_not_a_document_is_refused(client, exhibitor, private, content, message):
    response = upload(client, "pirt", content)

    assert shown_messages(response) == [message]
    assert LegalDocument.objects.count() == 0
    assert not private.exists() or not any(path.is_file() for path in private.rglob("*"))


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (cut_short_jpeg(), "damaged"),
        (image_bytes("PNG")[:60], "damaged"),
        (b"%PDF-<html><script>alert(1)</script></html>", "damaged"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n", "damaged"),
        (PDF[: len(PDF) // 2], "damaged"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n", "damaged"),
        (pdf(pages=0), "no_pages"),
        (pdf(password="rahasia"), "encrypted"),
        (pdf(password=""), "encrypted"),
        (pdf(script="app.alert('Selamat datang')"), "active_content"),
        (
            pdf(
                catalogue={
                    "/OpenAction": action(
                        S=NameObject("/JavaScript"), JS=TextStringObject("app.alert(1)")
                    )
                }
            ),
            "active_content",
        ),
        (
            hand_written(b"/Open#41ction << /S /J#61vaScript /J#53 (app.alert(1)) >> "),
            "active_content",
        ),
        (
            pdf(
                catalogue={
                    "/OpenAction": action(S=NameObject("/Launch"), F=TextStringObject("cmd.exe"))
                }
            ),
            "active_content",
        ),
        (
            pdf(page={"/AA": DictionaryObject({NameObject("/O"): action(S=NameObject("/GoTo"))})}),
            "active_content",
        ),
        (with_xref_stream(b"\0" * (6 * 1024 * 1024)), "too_complex"),
    ],
    ids=[
        "truncated-jpeg",
        "truncated-png",
        "html-after-pdf-header",
        "garbage-after-pdf-header",
        "truncated-pdf",
        "no-cross-reference-table",
        "no-pages",
        "password",
        "permissions-only-password",
        "document-script",
        "open-action-script",
        "open-action-script-escaped",
        "open-action-launch",
        "page-open-action",
        "zip-bomb",
    ],
)
def test_a_document_that_cannot_be_trusted_is_refused_and_nothing_is_stored(
    exhibitor, private, content, code
):
    with pytest.raises(ValidationError) as refusal:
        services.upload_document(
            exhibitor=exhibitor, kind="nib", upload=SimpleUploadedFile("nib.pdf", content)
        )

    assert refusal.value.code == code
    assert LegalDocument.objects.count() == 0
    assert not private.exists() or not any(path.is_file() for path in private.rglob("*"))


@pytest.mark.parametrize(
    "content",
    [
        PDF,
        pdf(pages=3),
        pdf(opens_at_first_page=True),
        hand_written(b"/PageMode /UseNone "),
        with_xref_stream(b""),
    ],
    ids=["one-page", "three-pages", "opens-at-a-page", "written-by-hand", "xref-stream"],
)
def test_a_readable_pdf_is_kept(exhibitor, private, content):
    document = services.upload_document(
        exhibitor=exhibitor, kind="nib", upload=SimpleUploadedFile("nib.pdf", content)
    )

    assert (private / document.file.name).read_bytes() == content


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
    only_the_profile = client.get(url)
    clerk.user_permissions.add(Permission.objects.get(codename="view_legaldocument"))
    allowed = client.get(url)

    assert refused.status_code == 404
    assert only_the_profile.status_code == 403
    assert b"".join(allowed.streaming_content) == PDF


def test_the_owner_url_of_a_document_is_not_a_public_file(client, exhibitor, private):
    upload(client, "nib", PDF)
    document = LegalDocument.objects.get()
    client.logout()

    response = client.get(reverse("document_download", kwargs={"pk": document.pk}))

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
    with pytest.raises(ValueError, match="no public URL"):
        document.file.url  # noqa: B018


def test_completeness_asks_for_numbers_and_documents(exhibitor):
    exhibitor.pirt = "123456789012345"
    exhibitor.kecamatan = None
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
    exhibitor.kecamatan_id = "33.22.11"  # Bawen
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
