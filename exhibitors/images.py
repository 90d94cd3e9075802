"""The pipeline every product photo goes through before anything is stored.

An upload is trusted for nothing: not its name, not its content type, not the size its
header claims. Pillow identifies it by content, the pixel count is checked from the
header before any pixel is decoded, and what is stored is re-encoded from the decoded
pixels alone, so no EXIF (GPS position included), XMP or comment of the original
survives.

Decoding is what costs memory, and it is bounded three ways: by the pixel count allowed,
by decoding a JPEG no larger than what is kept, and by decoding at most
``CONCURRENT_DECODES`` images at a time in a process. scripts/measure_upload_memory.py
measures the peak on the heaviest files that pass.
"""

import io
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
# What a phone's main camera takes unless a high-resolution mode is chosen: 12 megapixels,
# or 24, which on an iPhone is 5712 × 4284, some 24.5 million pixels.
MAX_PIXELS = 25_000_000
ORIGINAL_LONG_SIDE = 1600
SMALL_WIDTH = 320
MEDIUM_WIDTH = 800
# A logo is shown small: in a list, and at the top of the exhibitor page.
LOGO_SIDE = 320
ORIGINAL_QUALITY = 85
RENDITION_QUALITY = 80
PHOTO_FORMATS = ["JPEG", "PNG", "WEBP"]
# libwebp cannot decode at a reduced size, and Pillow's WebP plugin holds some 16 bytes a
# pixel while it decodes: a 25-megapixel WebP raises a process by 390 MiB, whatever is done
# after. Two decodes per process (a gunicorn worker runs four threads) keep a worker sent
# eight such files at once under 900 MiB, and still use both cores; the others wait.
CONCURRENT_DECODES = 2
# Long enough to wait out the photos ahead (two seconds each at worst, measured), short
# enough to answer before a proxy or the person gives up on the request.
DECODE_WAIT_SECONDS = 20
_decode_slots = threading.BoundedSemaphore(CONCURRENT_DECODES)


@dataclass(frozen=True)
class EncodedImage:
    content: bytes
    extension: str
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedPhoto:
    original: EncodedImage
    small: EncodedImage
    medium: EncodedImage


def process_photo(upload):
    """Check an uploaded photo and return the files to store, or raise ValidationError.

    The original is kept at most ``ORIGINAL_LONG_SIDE`` pixels on its long side (JPEG,
    or WebP when it has transparency); the small and medium renditions are WebP at
    ``SMALL_WIDTH`` and ``MEDIUM_WIDTH`` pixels wide. Nothing is ever enlarged.
    """
    with _cleaned(upload, long_side=ORIGINAL_LONG_SIDE) as (original, icc_profile, has_alpha):
        return ProcessedPhoto(
            original=(
                _encode_webp(original, icc_profile, quality=ORIGINAL_QUALITY)
                if has_alpha
                else _encode_jpeg(original, icc_profile)
            ),
            small=_encode_webp(_fit_width(original, SMALL_WIDTH), icc_profile),
            medium=_encode_webp(_fit_width(original, MEDIUM_WIDTH), icc_profile),
        )


def process_logo(upload):
    """Check an uploaded logo the same way as a photo and return the one file kept: a WebP
    at most ``LOGO_SIDE`` pixels on its long side, transparency kept."""
    with _cleaned(upload, long_side=LOGO_SIDE) as (logo, icc_profile, _has_alpha):
        return _encode_webp(logo, icc_profile)


@contextmanager
def decoding_slot():
    """One of the process's ``CONCURRENT_DECODES`` places to decode and encode an image in,
    waited for at most ``DECODE_WAIT_SECONDS``; then the upload is refused as busy."""
    if not _decode_slots.acquire(timeout=DECODE_WAIT_SECONDS):
        raise ValidationError(
            _("The server is busy processing photos; try again in a minute."), code="busy"
        )
    try:
        yield
    finally:
        _decode_slots.release()


@contextmanager
def _cleaned(upload, *, long_side):
    """The upload's pixels at most ``long_side`` on the long side, upright, with nothing of
    the original's metadata but its colour profile; and whether they have transparency.

    What the header tells is checked before waiting for a decoding slot, so a file refused
    for it never waits; the slot is held until the caller has encoded what it keeps.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Photos can be at most 10 MB."), code="too_large")
    image = _opened(upload)
    with decoding_slot():
        # Each step rebinds ``image``, so that what the step before held goes at once: the
        # file (for a WebP, with libwebp's canvases) before the resizing, the full-size
        # pixels before the encoding.
        image, icc_profile, has_alpha = _decoded(image, long_side)
        image = _fit_long_side(image, long_side)
        yield _upright(image, has_alpha), icc_profile, has_alpha


def _decoded(image, long_side):
    """An opened upload's pixels, apart from its file, as RGB, or as RGBa (premultiplied
    by their alpha, as resizing needs them) if they have transparency; the colour profile
    worth keeping; and whether there is transparency."""
    if image.format in ("JPEG", "MPO"):
        # Let libjpeg decode at a half, quarter or eighth of the size when that still
        # covers the largest side kept: far less memory and time for a large photo.
        image.draft("RGB", (long_side, long_side))
    try:
        image.load()
    except Exception:
        # A truncated or corrupt file: the header was fine, the pixels are not.
        raise _damaged() from None
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    # The colour profile is kept only where it still describes the converted pixels.
    icc_profile = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA") else None
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    if has_alpha:
        # Resizing would make this full-size copy anyway; made here, it lets the file go.
        image = image.convert("RGBa")
    elif image.format == "WEBP":
        # Pillow's WebP file keeps libwebp's two canvases (8 bytes a pixel) while it lives.
        image = image.copy()
    return image, icc_profile, has_alpha


def _upright(image, has_alpha):
    """Fitted pixels in their final mode, turned as their EXIF says, metadata gone."""
    # A copy even where the mode is already right: what is kept is never the file itself.
    image = image.convert("RGBA" if has_alpha else "RGB")
    try:
        # The copy carries the original's EXIF and XMP, which say how to turn it.
        ImageOps.exif_transpose(image, in_place=True)
    except Exception:
        # The pixels decoded, but the EXIF block that says how to turn them is garbage.
        raise _damaged() from None
    # Pillow carries a JPEG comment over from info when saving: start from nothing.
    image.info = {}
    return image


def _opened(upload):
    return open_by_content(
        upload,
        formats=PHOTO_FORMATS,
        max_pixels=MAX_PIXELS,
        not_an_image=ValidationError(
            _("This file is not a JPEG, PNG or WebP image."), code="not_an_image"
        ),
        too_many_pixels=ValidationError(
            _("Photos can be at most 25 megapixels."), code="too_many_pixels"
        ),
    )


def open_by_content(file, *, formats, max_pixels, not_an_image, too_many_pixels):
    """``file`` opened by its content as one of ``formats``, or the ValidationError given
    for what it is not; not a pixel is decoded yet, the pixel count read from the header."""
    file.seek(0)
    try:
        image = Image.open(file, formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, at twice its limit (an error) or once it (a warning, which
        # only reaches here as an exception where warnings are errors, as in the tests):
        # either way far over ours.
        raise too_many_pixels from None
    except Exception:
        # Pillow raises many kinds of exception for content it cannot identify.
        raise not_an_image from None
    # MPO is how Pillow names the multi-picture JPEGs many phone cameras write.
    if image.format not in {*formats, "MPO"}:
        raise not_an_image
    # The size comes from the header. (A WebP's decoder has reserved its canvas already,
    # but no page of it is touched before loading.)
    width, height = image.size
    if width * height > max_pixels:
        raise too_many_pixels
    return image


def _damaged():
    return ValidationError(
        _("The photo could not be read completely: the file is damaged or cut short."),
        code="damaged",
    )


def _fit_long_side(image, limit):
    scale = limit / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _fit_width(image, width):
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode_jpeg(image, icc_profile):
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        quality=ORIGINAL_QUALITY,
        optimize=True,
        progressive=True,
        icc_profile=icc_profile,
    )
    return EncodedImage(buffer.getvalue(), "jpg", image.width, image.height)


def _encode_webp(image, icc_profile, quality=RENDITION_QUALITY):
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=quality, method=5, icc_profile=icc_profile)
    return EncodedImage(buffer.getvalue(), "webp", image.width, image.height)
