"""Smaller sizes of each photo (renditions), made by django-imagekit ahead of time, never in a request.

`make_renditions(photo_ids)` writes every rendition of the given photos to the media storage and marks
them made; it is a plain function so a background job can run it. Until it has run for a photo, pages
show the original and the API lists no renditions. `renditions_after_commit()` is where a write that
adds images asks for them.

A page only computes rendition URLs (a hash of the photo's name and the spec, no file access): the
MadeAhead strategy tells django-imagekit never to check or generate a file while a page renders.
"""

import functools
import logging
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFill, ResizeToFit

log = logging.getLogger(__name__)

QUALITY = 82
THUMBNAIL_SIZE = (240, 180)
# The widths of the article page's srcset; a photo narrower than one gets none wider than itself.
SRCSET_WIDTHS = (480, 960, 1600)
# What the article page tells the browser about the photo's displayed width, for choosing from srcset.
ARTICLE_SIZES = "(max-width: 46rem) 100vw, 46rem"
# Rendition names remembered (photos × sizes); past that, the least used are worked out again.
CACHED_NAMES = 20_000


class MadeAhead:
    """An imagekit cache-file strategy that neither checks for nor makes a file when its URL is asked."""

    def on_source_saved(self, file):
        pass

    def should_verify_existence(self, file):
        return False


class Thumbnail(ImageSpec):
    processors = [ResizeToFill(*THUMBNAIL_SIZE)]
    format = "JPEG"
    options = {"quality": QUALITY, "optimize": True, "progressive": True}
    cachefile_strategy = MadeAhead()


def _width_spec(width: int) -> type[ImageSpec]:
    return type(
        f"Width{width}",
        (ImageSpec,),
        {
            "processors": [ResizeToFit(width=width, upscale=False)],
            "format": "JPEG",
            "options": {"quality": QUALITY, "optimize": True, "progressive": True},
            "cachefile_strategy": MadeAhead(),
        },
    )


WIDTH_SPECS = {width: _width_spec(width) for width in SRCSET_WIDTHS}


@dataclass(frozen=True)
class Rendition:
    """One made (or to be made) size of a photo."""

    name: str  # "thumbnail", "w480" …
    url: str
    width: int
    height: int


def _file(spec_class, photo) -> ImageCacheFile:
    spec = spec_class(source=photo.image)
    name = _cachefile_name(
        spec_class, photo.image.name, settings.IMAGEKIT_SPEC_CACHEFILE_NAMER, settings.IMAGEKIT_CACHEFILE_DIR
    )
    return ImageCacheFile(spec, name=name)


@functools.lru_cache(maxsize=CACHED_NAMES)
def _cachefile_name(spec_class, source_name: str, namer: str, cachefile_dir: str) -> str:
    """The name django-imagekit gives a rendition: a hash of the spec (its processors pickled, for each
    rendition of each photo shown) and of the original's name, so always the same for the same two. The
    namer and its directory (the settings it reads) are part of the key only."""
    return spec_class(source=SimpleNamespace(name=source_name)).cachefile_name


def _planned(photo) -> list[tuple[str, type[ImageSpec], int, int]]:
    """(name, spec, width, height) of each rendition a photo has, from its stored dimensions."""
    if not photo.image or not photo.width or not photo.height:
        return []
    planned = [("thumbnail", Thumbnail, *THUMBNAIL_SIZE)]
    for width in SRCSET_WIDTHS:
        fitted = min(width, photo.width)
        planned.append((f"w{width}", WIDTH_SPECS[width], fitted, max(1, round(photo.height * fitted / photo.width))))
        if fitted == photo.width:
            break  # the wider ones would be the same size again
    return planned


def renditions_of(photo) -> list[Rendition]:
    """The photo's renditions, once made (an empty list before)."""
    if photo.renditions_made_at is None:
        return []
    return [Rendition(name, _file(spec, photo).url, w, h) for name, spec, w, h in _planned(photo)]


def thumbnail_of(photo) -> Rendition | None:
    """The thumbnail alone, once made: a results page shows twenty, and needs none of the other sizes."""
    if photo.renditions_made_at is None:
        return None
    return next(
        (Rendition(name, _file(spec, photo).url, w, h) for name, spec, w, h in _planned(photo) if name == "thumbnail"),
        None,
    )


def width_renditions(photo) -> list[Rendition]:
    """The renditions of the article page's srcset, narrowest first (none before they are made)."""
    return [r for r in renditions_of(photo) if r.name != "thumbnail"]


def make_renditions(photo_ids) -> int:
    """Write the renditions of these photos (those with an image) and mark them made; returns how many photos.

    Safe to run again: renditions already stored are kept. A photo whose original cannot be read is
    logged and left without renditions (its page keeps showing the original).
    """
    from archive.models import Photo

    made = 0
    for photo in Photo.objects.filter(pk__in=list(photo_ids)).exclude(image=""):
        try:
            for _name, spec, _w, _h in _planned(photo):
                file = _file(spec, photo)
                # Asked of the storage itself, not of imagekit's cached idea of what exists.
                if not file.storage.exists(file.name):
                    file.generate(force=True)
        except (OSError, ValueError) as exc:
            log.warning("renditions of photo %s not made: %s", photo.pk, exc)
            continue
        Photo.objects.filter(pk=photo.pk).update(renditions_made_at=timezone.now())
        made += 1
    return made


# The background job that makes renditions (archive.jobs.make_photo_renditions), named rather than
# imported: the importers and the admin stand below the jobs module, which imports them.
RENDITIONS_TASK = "make_photo_renditions"


def renditions_after_commit(photo_ids) -> None:
    """Queue the job that makes these photos' renditions, in the transaction that stores the photos.

    The one place that decides when renditions are made: by the background worker, never in a
    request. The job is written with the photos, so it exists exactly when they do (a rolled-back
    upload queues nothing), and it waits in the database while no worker runs.
    """
    from procrastinate.contrib.django import app

    ids = sorted(set(photo_ids))
    if ids:
        app.configure_task(RENDITIONS_TASK).defer(photo_ids=ids)
