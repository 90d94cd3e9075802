"""Legality documents: where they are kept, and what counts as one.

A document proves a legality number (NIB, P-IRT, halal, BPOM) to the organisers. It can
hold an owner's identity details, so it is stored outside ``MEDIA_ROOT``, in a storage
that has no public address, and only ever sent through views that check who asks.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import ImageOps
from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from exhibitors import images

MAX_BYTES = 5 * 1024 * 1024
# An A4 page scanned at 600 dpi is 35 megapixels. A document is kept at full size, so it
# is decoded at full size too: a 40-megapixel JPEG that has to be turned peaks near 400 MB,
# as a photo's heaviest case does (scripts/measure_upload_memory.py).
MAX_PIXELS = 40_000_000
JPEG_QUALITY = 85
# What pypdf may decode of one object or cross-reference stream, and of all the object
# streams of a file. The object streams of real documents hold some kilobytes each; a
# zip bomb (kilobytes of zeros that inflate to gigabytes) stops at the first one over.
PDF_STREAM_BYTES = MAX_BYTES
PDF_DECODED_BYTES = 2 * MAX_BYTES
# Dictionary entries and array items looked at in the search for scripts. Parsing is
# what costs (some microseconds an item): a scanned certificate has a few thousand, a
# text-heavy manual some 50,000 a megabyte; a file built to keep the check busy stops here.
PDF_MAX_NODES = 500_000
PDF_LIMITS = {
    "zlib_maximum_output_length": PDF_STREAM_BYTES,
    "lzw_maximum_output_length": PDF_STREAM_BYTES,
    "run_length_maximum_output_length": PDF_STREAM_BYTES,
    "brotli_maximum_output_length": PDF_STREAM_BYTES,
    "jbig2_maximum_output_length": PDF_STREAM_BYTES,
    "array_based_stream_maximum_output_length": PDF_STREAM_BYTES,
    "stream_decoding_work_maximum_length": PDF_STREAM_BYTES,
    # JBIG2 is decoded by an outside program; no check here needs it, so it is never run.
    "jbig2dec_binary": None,
}
# Entries that make a reader run something: a script (/JS in an action, /JavaScript as
# the document's script names), actions on events such as opening a page (/AA), and the
# scripts of an XFA form.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA"}
# Action types that run code or another program, wherever the action hangs.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}


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
    # What to store: a PDF as uploaded, an image re-encoded from its pixels alone.
    content: bytes


def check_document(upload):
    """What an uploaded document really is, judged by its content, and the file to keep;
    ValidationError unless it is a PDF, a JPEG or a PNG of at most 5 MB.

    A PDF must parse as one, with at least one page, no encryption and nothing that runs
    (scripts, automatic actions); it is kept as uploaded. A JPEG or PNG must decode
    completely, and is kept re-encoded from its pixels, so no EXIF (GPS position
    included), XMP or comment of the original survives.
    """
    too_large = ValidationError(_("Documents can be at most 5 MB."), code="too_large")
    if upload.size > MAX_BYTES:
        raise too_large
    upload.seek(0)
    # What is checked is what is stored: these bytes, never the upload read again.
    content = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if len(content) > MAX_BYTES:
        raise too_large
    if content.startswith(b"%PDF-"):
        _check_pdf(content)
        return CheckedDocument("application/pdf", "pdf", content)
    image_format, encoded = _reencode_image(content)
    if image_format == "PNG":
        return CheckedDocument("image/png", "png", encoded)
    return CheckedDocument("image/jpeg", "jpg", encoded)


def _check_pdf(content):
    damaged = ValidationError(
        _("This PDF could not be read: the file is damaged or not a real PDF."),
        code="damaged",
    )
    encrypted = ValidationError(
        _("This PDF is protected with a password; upload it without the password."),
        code="encrypted",
    )
    with apply_configuration(**PDF_LIMITS):
        try:
            # Strict: a file pypdf would have to repair (a broken cross-reference table, a
            # cut-off end) is refused rather than guessed at, since it is kept as it is.
            reader = PdfReader(io.BytesIO(content), strict=True)
            # Refused even when it opens without a password and only printing or copying
            # is locked: organisers must be able to print what they check, and the usual
            # encryption (AES) could not even be read here without another library.
            if reader.is_encrypted:
                raise encrypted
            page_count = len(reader.pages)
            runs_something = _runs_something(reader)
        except ValidationError:
            raise
        except (DependencyError, FileNotDecryptedError):
            # An encryption pypdf cannot even open without another library.
            raise encrypted from None
        except Exception as error:
            # One of PDF_LIMITS or of pypdf's own bounds on what it parses, even where
            # pypdf reports it as a file it cannot read.
            if _caused_by(error, LimitReachedError):
                raise _too_complex() from None
            # Otherwise pypdf raises many kinds of exception (and RecursionError on deep
            # nesting) for what it cannot parse.
            raise damaged from None
    if page_count == 0:
        raise ValidationError(_("This PDF has no pages."), code="no_pages")
    if runs_something:
        raise ValidationError(
            _(
                "This PDF contains scripts or actions that run by themselves; print it to "
                "a new PDF and upload that one."
            ),
            code="active_content",
        )


def _runs_something(reader):
    """Whether any object reachable from the trailer holds a script or an automatic action.

    Every object is visited once, by reference, with a budget of entries and of decoded
    object streams. Removing what runs was not an option: the PDF is kept as uploaded, and
    a document that was stripped would no longer be the one the owner sent.
    """
    seen = set()
    object_streams = set()
    decoded = 0
    nodes = 0
    stack = [reader.trailer]
    while stack:
        node = stack.pop()
        nodes += 1
        if nodes > PDF_MAX_NODES:
            raise _too_complex()
        if isinstance(node, IndirectObject):
            reference = (node.idnum, node.generation)
            if reference in seen:
                continue
            seen.add(reference)
            # An object packed in an object stream costs the stream's decoded size, once.
            if node.idnum in reader.xref_objStm:
                stream_number, _index = reader.xref_objStm[node.idnum]
                if stream_number not in object_streams:
                    object_streams.add(stream_number)
                    decoded += len(reader.get_object(stream_number).get_data())
                    if decoded > PDF_DECODED_BYTES:
                        raise _too_complex()
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                if key in ACTIVE_KEYS:
                    return True
                if key == "/S" and _resolved(value) in ACTIVE_ACTIONS:
                    return True
                if key == "/OpenAction" and not _is_a_destination(_resolved(value)):
                    return True
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


def _caused_by(error, kind):
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _is_a_destination(open_action):
    """Whether a document's /OpenAction only says where to open it: the page and zoom that
    many office programs and scanners write, not something to run."""
    if isinstance(open_action, ArrayObject):
        return True
    return isinstance(open_action, DictionaryObject) and open_action.get("/S") == "/GoTo"


def _too_complex():
    return ValidationError(
        _("This PDF is too complex to check; print it to a new PDF and upload that one."),
        code="too_complex",
    )


def _reencode_image(content):
    """The image's format and the image re-encoded from its pixels alone, at full size and
    turned upright, with nothing of the original's metadata but its colour profile."""
    image = images.open_by_content(
        io.BytesIO(content),
        formats=["JPEG", "PNG"],
        max_pixels=MAX_PIXELS,
        not_an_image=ValidationError(
            _("This file is not a PDF, JPEG or PNG document."), code="not_a_document"
        ),
        too_many_pixels=ValidationError(
            _("Document images can be at most 40 megapixels."), code="too_many_pixels"
        ),
    )
    # Multi-picture JPEGs (MPO) are kept as plain JPEG.
    image_format = "PNG" if image.format == "PNG" else "JPEG"
    # Photos and documents share the process's few places to decode in, which bound the
    # memory a worker can take.
    with images.decoding_slot():
        return image_format, _reencoded(image, image_format)


def _reencoded(image, image_format):
    try:
        # A full decode, since verify() passes a JPEG that is cut short.
        image.load()
        # Turned upright before the EXIF that says how goes.
        ImageOps.exif_transpose(image, in_place=True)
    except Exception:
        # The header was fine, the pixels (or the EXIF block that turns them) are not.
        raise ValidationError(
            _("This image could not be read completely: the file is damaged or cut short."),
            code="damaged",
        ) from None
    options = {}
    if image_format == "JPEG":
        # Baseline, unoptimised: libjpeg then encodes row by row, where a progressive or
        # optimised file would buffer the whole image's coefficients; a scan of text
        # gains nothing from either.
        kept_modes = ("L", "RGB")
        options["quality"] = JPEG_QUALITY
    else:
        kept_modes = ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA")
        options["optimize"] = True
    if image.mode in kept_modes:
        # Only where the pixels are unchanged do these still describe them.
        for name in ("icc_profile", "transparency"):
            if image.info.get(name) is not None:
                options[name] = image.info[name]
    else:
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    # Pillow carries some of info (a JPEG comment, a PNG profile) into the saved file:
    # nothing goes but what is passed above.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


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
