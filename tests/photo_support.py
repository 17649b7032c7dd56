"""Photos for tests: real images made with Pillow, stored under a temporary MEDIA_ROOT."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from archive.models import Photo


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (1200, 800), color=(180, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def make_photo(article, *, caption: str = "", credit: str = "", position: int = 0, size=(1200, 800), **fields):
    """A photo with a stored JPEG image (its width and height filled in by the ImageField)."""
    photo = Photo(article=article, caption=caption, credit=credit, position=position, **fields)
    photo.image.save("photo.jpg", ContentFile(image_bytes(size=size), name="photo.jpg"), save=False)
    photo.save()
    return photo


@pytest.fixture
def media_root(tmp_path, settings):
    """Photos and renditions written under a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
