"""JSON Lines photos with images: fetched over HTTP (a local server), read beside the file, exported and back."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.importers.images import ImageLoader, ImageUnavailable
from archive.models import Article, Photo
from tests.jobs_support import clear_queue, run_worker
from tests.photo_support import image_bytes

pytestmark = pytest.mark.django_db

JPEG = image_bytes(size=(900, 600))
PNG = image_bytes("PNG", size=(300, 200))


class ImageServer(ThreadingHTTPServer):
    """Images on 127.0.0.1 for the importer to fetch; counts requests per path."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: dict[str, int] = {}
        self.release = threading.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        if self.path == "/slow.jpg":
            self.server.release.wait(10)  # until the test ends; the importer gives up first
            return
        if self.path == "/to-file.jpg":
            return self._answer(302, b"", Location="file:///etc/passwd")
        if self.path == "/to-ftp.jpg":
            return self._answer(302, b"", Location="ftp://127.0.0.1/a.jpg")
        if self.path == "/huge.jpg":
            return self._answer(200, b"x" * 10, **{"Content-Type": "image/jpeg", "Content-Length": str(1 << 30)})
        pages = {"/fence.jpg": JPEG, "/river.png": PNG, "/page.jpg": b"<html><script>alert(1)</script></html>"}
        if self.path in pages:
            return self._answer(200, pages[self.path], **{"Content-Type": "image/jpeg"})
        self._answer(404, b"not here")

    def _answer(self, status: int, body: bytes, **headers):
        self.send_response(status)
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ImageServer()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run_import(path: Path) -> tuple[str, str, bool]:
    """(stdout, stderr, whether the command failed) of import_articles."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", str(path), "--publish", stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"CommandError: {exc}")
        return out.getvalue(), err.getvalue(), True
    return out.getvalue(), err.getvalue(), False


@pytest.mark.django_db(transaction=True)
def test_images_come_from_urls_and_paths_and_a_failure_loses_nothing_else(media_root, server, tmp_path):
    clear_queue()
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "market.png").write_bytes(PNG)
    missing = server.url("/gone.jpg")
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "external_id": "a-1",
                "title": "Fence at Hyesan",
                "body": "Text.",
                "photos": [
                    {"caption": "The fence", "credit": "Daily NK", "image": server.url("/fence.jpg")},
                    {"caption": "The market", "credit": "RFA", "image": "pictures/market.png", "alt_text": "Stalls"},
                ],
            },
            {
                "external_id": "a-2",
                "title": "River crossing",
                "body": "More text.",
                "photos": [{"caption": "The river", "image": missing}, {"caption": "A boat", "credit": "NK News"}],
            },
        ],
    )
    out, err, failed = run_import(path)

    assert failed
    assert f"{path}:2: photo 1: image '{missing}' not imported (HTTP 404 Not Found)" in err
    assert "2 created, 0 updated, 0 unchanged, 0 failed; 2 images, 1 not imported" in out
    first = Article.objects.get(external_id="a-1")
    assert [(p.caption, p.credit, p.alt_text, p.width, p.height) for p in first.photos.all()] == [
        ("The fence", "Daily NK", "", 900, 600),
        ("The market", "RFA", "Stalls", 300, 200),
    ]
    assert [Path(p.image.name).name for p in first.photos.all()] == ["fence.jpg", "market.png"]
    assert (media_root / first.photos.first().image.name).read_bytes() == JPEG
    run_worker()  # the renditions are the background worker's
    assert all(p.renditions_made_at is not None for p in first.photos.all())
    # The article whose image failed is there, with both captions and the photo without an image.
    second = Article.objects.get(external_id="a-2")
    assert [(p.caption, bool(p.image)) for p in second.photos.all()] == [("The river", False), ("A boat", False)]


def test_a_reimport_of_the_same_file_fetches_nothing_again(media_root, server, tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [{"title": "Fence", "body": "Text.", "photos": [{"caption": "The fence", "image": server.url("/fence.jpg")}]}],
    )
    run_import(path)
    out, _, failed = run_import(path)
    assert not failed
    assert "0 created, 0 updated, 1 unchanged" in out
    assert server.hits["/fence.jpg"] == 1
    assert Photo.objects.get().image


def test_export_then_import_reproduces_the_photos(media_root, server, tmp_path):
    source = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "external_id": "x-1",
                "title": "Fence",
                "body": "Text.",
                "photos": [
                    {"caption": "The fence", "credit": "Daily NK", "image": server.url("/fence.jpg")},
                    {"caption": "Only a caption", "credit": "RFA"},
                    {"caption": "The river", "image": server.url("/river.png"), "alt_text": "Ice on a river"},
                ],
            }
        ],
    )
    run_import(source)
    export_dir = tmp_path / "export"
    export_dir.mkdir()
    out = StringIO()
    call_command("export_archive", str(export_dir / "archive.jsonl"), stdout=out)
    assert "and 2 images to" in out.getvalue()
    record = json.loads((export_dir / "archive.jsonl").read_text().splitlines()[0])
    images = [photo.get("image") for photo in record["photos"]]
    assert images[1] is None
    assert all(image.startswith("archive-images/photos/") for image in (images[0], images[2]))
    assert (export_dir / images[0]).read_bytes() == JPEG

    # Into an empty archive (and an empty media folder): the same photos, images included.
    Article.objects.all().delete()
    for stored in (media_root / "photos").rglob("*"):
        if stored.is_file():
            stored.unlink()
    server.hits.clear()
    _, err, failed = run_import(export_dir / "archive.jsonl")
    assert not failed, err
    assert server.hits == {}  # nothing fetched: the images came from beside the export
    photos = list(Article.objects.get(external_id="x-1").photos.all())
    assert [(p.caption, p.credit, p.alt_text, p.width, p.height) for p in photos] == [
        ("The fence", "Daily NK", "", 900, 600),
        ("Only a caption", "RFA", "", None, None),
        ("The river", "", "Ice on a river", 300, 200),
    ]
    assert (media_root / photos[0].image.name).read_bytes() == JPEG
    assert (media_root / photos[2].image.name).read_bytes() == PNG


@pytest.mark.parametrize(
    "reference, reason",
    [
        ("file:///etc/hosts", "file: addresses are not fetched"),
        ("ftp://127.0.0.1/a.jpg", "ftp: addresses are not fetched"),
        ("../outside.jpg", "the path leads outside the imported file's folder"),
        ("/etc/hosts", "an absolute path"),
        ("nowhere.jpg", "no such file"),
    ],
)
def test_references_that_are_not_fetched(tmp_path, reference, reason):
    (tmp_path / "outside.jpg").write_bytes(JPEG)
    inside = tmp_path / "import"
    inside.mkdir()
    with pytest.raises(ImageUnavailable, match=reason):
        ImageLoader(inside).load(reference)


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/to-file.jpg", "HTTP 302"),  # urllib refuses a redirect to file: itself
        ("/to-ftp.jpg", "redirected to ftp: address; only http"),
        ("/huge.jpg", "1024.0 MB is over the 20 MB limit"),
        ("/page.jpg", "This file is not an image"),
    ],
)
def test_fetches_that_are_refused(server, tmp_path, path, reason):
    with pytest.raises(ImageUnavailable, match=reason):
        ImageLoader(tmp_path).load(server.url(path))


def test_a_server_that_does_not_answer_is_given_up_on(server, tmp_path):
    with pytest.raises(ImageUnavailable, match="no answer within 0.3 s"):
        ImageLoader(tmp_path, timeout=0.3).load(server.url("/slow.jpg"))
