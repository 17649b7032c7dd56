"""What the archive accepts as a photo: image formats, size and pixel limits, checked with Pillow.

Only raster formats a browser shows and never runs are accepted (no SVG, no HTML in disguise), and a
stored file's name always ends in its real format's extension, so whatever serves it (the development
route, a proxy, S3) sends the right Content-Type. The pixel limit is checked from the header, before
anything is decoded: a small file that unpacks to gigapixels (a decompression bomb) is refused unread.
"""

import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class ImageFormat:
    extension: str
    content_type: str


# Pillow's format name → how the file is stored and served.
FORMATS = {
    "JPEG": ImageFormat("jpg", "image/jpeg"),
    "PNG": ImageFormat("png", "image/png"),
    "GIF": ImageFormat("gif", "image/gif"),
    "WEBP": ImageFormat("webp", "image/webp"),
}
# Every extension a stored photo or rendition may have, with its type (jpeg for files named elsewhere).
CONTENT_TYPES = {f.extension: f.content_type for f in FORMATS.values()} | {"jpeg": "image/jpeg"}
ACCEPTED = "JPEG, PNG, GIF or WebP"


def max_bytes() -> int:
    return settings.PHOTO_MAX_BYTES


def max_pixels() -> int:
    return settings.PHOTO_MAX_PIXELS


class ImageRejected(ValueError):
    """A file the archive will not keep as a photo; the message says why, fit to show an editor."""


@dataclass(frozen=True)
class CheckedImage:
    format: ImageFormat
    width: int
    height: int


def check_image(file, *, size: int | None = None) -> CheckedImage:
    """Check an open binary file (left at position 0); raise ImageRejected with the reason."""
    if size is None:
        size = getattr(file, "size", None)
    if size is not None and size > max_bytes():
        raise ImageRejected(f"The file is {_megabytes(size)}; a photo may be at most {_megabytes(max_bytes())}.")
    if size == 0:
        raise ImageRejected("The file is empty.")
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice it; here that is refused too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                found = FORMATS.get(image.format or "")
                if found is None:
                    raise ImageRejected(f"A {image.format} image is not accepted; upload {ACCEPTED}.")
                width, height = image.size
                _check_pixels(width, height)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            f"The image has too many pixels; a photo may have at most {max_pixels() // 1_000_000} megapixels."
        ) from None
    except UnidentifiedImageError:
        raise ImageRejected(f"This file is not an image; upload {ACCEPTED}.") from None
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, ImageRejected):
            raise
        raise ImageRejected(f"The image is damaged or cut short ({exc}).") from None
    finally:
        file.seek(0)
    return CheckedImage(found, width, height)


def _check_pixels(width: int, height: int) -> None:
    if width * height > max_pixels():
        raise ImageRejected(
            f"The image is {width} × {height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"a photo may have at most {max_pixels() // 1_000_000} megapixels."
        )


def stored_name(original: str, checked: CheckedImage) -> str:
    """A safe file name for an accepted image: the original's stem, slugified, with its real extension."""
    stem = slugify(PurePath(original or "").stem)[:80] or "photo"
    return f"{stem}.{checked.format.extension}"


def _megabytes(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


class PhotoImageFormField(forms.ImageField):
    """An upload checked by check_image (with its clear messages) and renamed to its real format."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        try:
            checked = check_image(upload)
        except ImageRejected as exc:
            raise ValidationError(str(exc), code="invalid_image") from None
        upload.name = stored_name(upload.name, checked)
        upload.content_type = checked.format.content_type
        return upload


class PhotoImageField(models.ImageField):
    """Photo.image: an ImageField whose form field is PhotoImageFormField."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoImageFormField, **kwargs})
