"""Legality documents: where they are kept, and what counts as one.

A document proves a legality number (NIB, P-IRT, halal, BPOM) to the organisers. It can
hold an owner's identity details, so it is stored outside ``MEDIA_ROOT``, in a storage
that has no public address, and only ever sent through views that check who asks.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image

MAX_BYTES = 5 * 1024 * 1024


@deconstructible(path="exhibitors.documents.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT``, read when used (so tests can move it),
    with no URL: a template that asks for one fails loudly instead of leaking a path."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT.resolve())

    def url(self, name):
        raise ValueError("Private documents have no public URL; use the download view.")


private_storage = PrivateStorage()


@dataclass(frozen=True)
class CheckedDocument:
    content_type: str
    extension: str


def check_document(upload):
    """What an uploaded document really is, judged by its content; ValidationError unless
    it is a PDF, a JPEG or a PNG of at most 5 MB."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Documents can be at most 5 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return CheckedDocument("application/pdf", "pdf")
    try:
        with Image.open(upload, formats=["JPEG", "PNG"]) as image:
            image_format = image.format
            image.verify()
    except Exception:
        # Pillow raises many kinds of exception for what it cannot identify or verify.
        raise ValidationError(
            _("This file is not a PDF, JPEG or PNG document."), code="not_a_document"
        ) from None
    finally:
        upload.seek(0)
    if image_format == "PNG":
        return CheckedDocument("image/png", "png")
    return CheckedDocument("image/jpeg", "jpg")


def download_response(document):
    """A legality document as a download: never shown inline, so a file cannot act as a
    page of this site, whatever it contains."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
