"""The pipeline every product photo goes through before anything is stored.

An upload is trusted for nothing: not its name, not its content type, not the size its
header claims. Pillow identifies it by content, the pixel count is checked from the
header before any pixel is decoded, and what is stored is re-encoded from the decoded
pixels alone, so no EXIF (GPS position included), XMP or comment of the original
survives.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ORIGINAL_LONG_SIDE = 1600
SMALL_WIDTH = 320
MEDIUM_WIDTH = 800
# A logo is shown small: in a list, and at the top of the exhibitor page.
LOGO_SIDE = 320
ORIGINAL_QUALITY = 85
RENDITION_QUALITY = 80
# MPO is how Pillow names the multi-picture JPEGs many phone cameras write.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}


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
    image, icc_profile, has_alpha = _clean(upload)
    original = _fit_long_side(image, ORIGINAL_LONG_SIDE)
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
    image, icc_profile, _has_alpha = _clean(upload)
    return _encode_webp(_fit_long_side(image, LOGO_SIDE), icc_profile)


def _clean(upload):
    """The upload's pixels, turned upright, with nothing of the original's metadata but
    its colour profile; and whether it has transparency."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Photos can be at most 10 MB."), code="too_large")
    image = _decode(upload)
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:
        # The pixels decoded, but the EXIF block that says how to turn them is garbage.
        raise _damaged() from None
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    # The colour profile is kept only where it still describes the converted pixels.
    icc_profile = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA") else None
    image = image.convert("RGBA" if has_alpha else "RGB")
    # Pillow carries a JPEG comment over from info when saving: start from nothing.
    image.info = {}
    return image, icc_profile, has_alpha


def _decode(upload):
    not_an_image = ValidationError(
        _("This file is not a JPEG, PNG or WebP image."), code="not_an_image"
    )
    too_many_pixels = ValidationError(
        _("Photos can be at most 40 megapixels."), code="too_many_pixels"
    )
    upload.seek(0)
    try:
        image = Image.open(upload, formats=["JPEG", "PNG", "WEBP"])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, at twice its limit (an error) or once it (a warning, which
        # only reaches here as an exception where warnings are errors, as in the tests):
        # either way far over ours.
        raise too_many_pixels from None
    except Exception:
        # Pillow raises many kinds of exception for content it cannot identify.
        raise not_an_image from None
    if image.format not in ACCEPTED_FORMATS:
        raise not_an_image
    # The size comes from the header; no pixel has been decoded yet.
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise too_many_pixels
    if image.format in ("JPEG", "MPO"):
        # Let libjpeg decode at a half, quarter or eighth of the size when that still
        # covers the largest file kept: far less memory and time for a large photo.
        image.draft("RGB", (ORIGINAL_LONG_SIDE, ORIGINAL_LONG_SIDE))
    try:
        image.load()
    except Exception:
        # A truncated or corrupt file: the header was fine, the pixels are not.
        raise _damaged() from None
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
