"""Images of imported photos: fetched from an http(s) URL or read from a path beside the imported file.

A JSON Lines photo may carry `image`. After its article is stored, the image is loaded, checked as an
upload is (archive.photos) and attached to the photo the store wrote at the same position. Anything
that goes wrong (a 404, a timeout, a file too large, not an image, a path outside the imported
file's folder) is an ImageFailure for that photo: the import reports it with the article's line and
goes on; the article, its caption and every other photo are kept.

Only http and https are fetched, redirects included, with a timeout and the upload size limit.
"""

import io
import socket
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from django.conf import settings
from django.core.files.base import ContentFile

from archive.importers.record import PhotoRecord
from archive.models import Photo
from archive.photos import CheckedImage, ImageRejected, check_image, max_bytes, stored_name

FETCH_SCHEMES = ("http", "https")
USER_AGENT = "editorial-archive-importer"


class ImageUnavailable(Exception):
    """Why an image could not be loaded, in a phrase fit for the import report."""


@dataclass(frozen=True)
class LoadedImage:
    name: str  # the file name to store it under (its real format's extension)
    data: bytes
    checked: CheckedImage


@dataclass(frozen=True)
class ImageFailure:
    position: int  # the photo's place in the record's list, from 0
    reference: str
    reason: str

    def __str__(self) -> str:
        return f"photo {self.position + 1}: image {self.reference!r} not imported ({self.reason})"


class _HTTPOnlyRedirects(HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in FETCH_SCHEMES:
            raise ImageUnavailable(f"redirected to {urlsplit(newurl).scheme or 'a'}: address; only http(s) is fetched")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class ImageLoader:
    """Loads images referred to by the records of one file (`base_dir` is that file's folder)."""

    def __init__(self, base_dir: Path | None, *, timeout: float | None = None):
        self.base_dir = base_dir.resolve() if base_dir is not None else None
        self.timeout = timeout if timeout is not None else settings.PHOTO_FETCH_TIMEOUT
        self._opener = build_opener(_HTTPOnlyRedirects)

    def load(self, reference: str) -> LoadedImage:
        scheme = urlsplit(reference).scheme.lower()
        if scheme in FETCH_SCHEMES:
            data, name = self._fetch(reference), PurePosixPath(unquote(urlsplit(reference).path)).name
        elif scheme and len(scheme) > 1:  # "c:" would be a Windows drive, not a scheme
            raise ImageUnavailable(f"{scheme}: addresses are not fetched; use http(s) or a relative path")
        else:
            data, name = self._read(reference), PurePosixPath(reference).name
        try:
            checked = check_image(io.BytesIO(data), size=len(data))
        except ImageRejected as exc:
            raise ImageUnavailable(str(exc).rstrip(".")) from None
        return LoadedImage(stored_name(name, checked), data, checked)

    def _fetch(self, url: str) -> bytes:
        request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
        limit = max_bytes()
        try:
            with self._opener.open(request, timeout=self.timeout) as response:  # nosec B310  # http(s) only, checked above
                declared = response.headers.get("Content-Length")
                if declared and declared.isdecimal() and int(declared) > limit:
                    raise ImageUnavailable(f"{int(declared) / (1 << 20):.1f} MB is over the {limit >> 20} MB limit")
                data = response.read(limit + 1)
        except HTTPError as exc:
            raise ImageUnavailable(f"HTTP {exc.code} {exc.reason}") from None
        except URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise ImageUnavailable(f"no answer within {self.timeout:g} s") from None
            raise ImageUnavailable(f"cannot connect ({reason})") from None
        except TimeoutError:
            raise ImageUnavailable(f"no answer within {self.timeout:g} s") from None
        except OSError as exc:
            raise ImageUnavailable(f"download failed ({exc})") from None
        if len(data) > limit:
            raise ImageUnavailable(f"larger than the {limit >> 20} MB limit")
        return data

    def _read(self, reference: str) -> bytes:
        if self.base_dir is None:
            raise ImageUnavailable("a relative path needs an imported file to be relative to")
        if Path(reference).is_absolute():
            raise ImageUnavailable("an absolute path; give a path relative to the imported file")
        path = (self.base_dir / reference).resolve()
        if not path.is_relative_to(self.base_dir):
            raise ImageUnavailable("the path leads outside the imported file's folder")
        try:
            size = path.stat().st_size
            if size > max_bytes():
                raise ImageUnavailable(f"larger than the {max_bytes() >> 20} MB limit")
            return path.read_bytes()
        except FileNotFoundError:
            raise ImageUnavailable("no such file") from None
        except IsADirectoryError:
            raise ImageUnavailable("a folder, not a file") from None
        except OSError as exc:
            raise ImageUnavailable(f"cannot read ({exc.strerror or exc})") from None


def attach_images(
    article_id: int, photos: list[PhotoRecord], loader: ImageLoader
) -> tuple[list[int], list[ImageFailure]]:
    """Load each record photo's image onto the stored photo at its position; (photo ids given images, failures).

    Only a stored photo still without an image and with the record's caption is given one, so a
    photo an editor has changed since the last import is left as it is.
    """
    wanted = [(n, photo) for n, photo in enumerate(photos) if photo.image]
    if not wanted:
        return [], []
    stored = {p.position: p for p in Photo.objects.filter(article_id=article_id, image="")}
    attached, failures = [], []
    for position, record in wanted:
        photo = stored.get(position)
        if photo is None or photo.caption != record.caption:
            continue
        try:
            loaded = loader.load(record.image)
        except ImageUnavailable as exc:
            failures.append(ImageFailure(position, record.image, str(exc)))
            continue
        photo.image.save(loaded.name, ContentFile(loaded.data, name=loaded.name), save=False)
        Photo.objects.filter(pk=photo.pk).update(
            image=photo.image.name, width=loaded.checked.width, height=loaded.checked.height
        )
        attached.append(photo.pk)
    return attached, failures


class ImageExport:
    """Copies photos' images beside an export file; a photo's `image` becomes the copy's relative path."""

    def __init__(self, export_file: Path):
        self.folder = export_file.parent / f"{export_file.stem}-images"
        self.copied = 0
        self.problems: list[str] = []

    def export(self, photo: PhotoRecord) -> PhotoRecord:
        if not photo.image:
            return photo
        from django.core.files.storage import default_storage

        relative = PurePosixPath(self.folder.name) / photo.image
        target = self.folder / photo.image
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(photo.image, "rb") as source, open(target, "wb") as copy:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    copy.write(chunk)
        except (OSError, ValueError) as exc:
            self.problems.append(f"image {photo.image!r} not exported ({exc}); its photo is exported without it")
            return replace(photo, image="")
        self.copied += 1
        return replace(photo, image=str(relative))
