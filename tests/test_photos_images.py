"""Photos as images: what is accepted, renditions made ahead of time, and how the site serves them."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from imagekit.cachefiles import ImageCacheFile
from PIL import Image

from archive import renditions
from archive.models import Photo
from archive.photos import ImageRejected, PhotoImageFormField, check_image
from project.uploads import UPLOAD_POLICY
from tests.factories import make_article
from tests.jobs_support import clear_queue, jobs, run_worker
from tests.photo_support import image_bytes, make_photo

pytestmark = pytest.mark.django_db


def huge_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def clean_upload(name: str, data: bytes, content_type: str = "image/jpeg"):
    return PhotoImageFormField().clean(SimpleUploadedFile(name, data, content_type))


# ------------------------------------------------------------------------------------------------ checks


def test_a_jpeg_is_accepted_and_measured():
    checked = check_image(io.BytesIO(image_bytes(size=(640, 480))))
    assert (checked.format.extension, checked.width, checked.height) == ("jpg", 640, 480)


def test_an_upload_is_renamed_to_its_real_format():
    """A PNG uploaded as page.html is stored as page.png, so nothing serves it as a web page."""
    upload = clean_upload("page.html", image_bytes("PNG", size=(20, 20)), "text/html")
    assert upload.name == "page.png"
    assert upload.content_type == "image/png"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "not an image"),
        (b"<html><script>alert(1)</script></html>", "not an image"),
        (image_bytes("BMP", size=(10, 10)), "A BMP image is not accepted"),
        (image_bytes("JPEG")[:200], "damaged or cut short"),
    ],
    ids=["svg", "html", "bmp", "truncated"],
)
def test_what_is_not_a_photo_is_refused_with_the_reason(data, message):
    with pytest.raises(ImageRejected, match=message):
        check_image(io.BytesIO(data), size=len(data))


def test_a_decompression_bomb_is_refused_before_decoding(settings):
    settings.PHOTO_MAX_PIXELS = 50_000_000
    bomb = huge_png(40_000, 40_000)  # 1.6 gigapixels in under 100 bytes
    assert len(bomb) < 100
    with pytest.raises(ImageRejected, match="too many pixels; a photo may have at most 50 megapixels"):
        check_image(io.BytesIO(bomb), size=len(bomb))


def test_the_pixel_limit_is_the_setting(settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    with pytest.raises(ImageRejected, match=r"2000 × 1000 pixels \(2 megapixels\); a photo may have at most 1"):
        check_image(io.BytesIO(image_bytes(size=(2000, 1000))))


def test_the_size_limit_is_the_setting(settings):
    settings.PHOTO_MAX_BYTES = 1000
    data = image_bytes(size=(300, 300))
    assert len(data) > 1000
    with pytest.raises(ImageRejected, match="a photo may be at most 0.0 MB"):
        check_image(io.BytesIO(data), size=len(data))


# --------------------------------------------------------------------------------------------- renditions


def test_renditions_are_made_by_the_function_not_by_the_page(media_root, client):
    article = make_article("Market day")
    photo = make_photo(article, caption="Traders at the market", size=(1200, 800))
    page = client.get(article.get_absolute_url()).content.decode()
    # Before renditions exist the page shows the original, and rendering it wrote nothing.
    assert f'src="{photo.image.url}"' in page
    assert "srcset" not in page
    assert not (media_root / "renditions").exists()

    assert renditions.make_renditions([photo.pk]) == 1
    photo.refresh_from_db()
    made = renditions.renditions_of(photo)
    assert [(r.name, r.width, r.height) for r in made] == [
        ("thumbnail", 240, 180),
        ("w480", 480, 320),
        ("w960", 960, 640),
        ("w1600", 1200, 800),  # never wider than the original
    ]
    for rendition in made:
        path = media_root / rendition.url.removeprefix("/media/")
        with Image.open(path) as image:
            assert image.size == (rendition.width, rendition.height)
            assert image.format == "JPEG"


def test_a_small_photo_gets_no_rendition_wider_than_itself(media_root):
    photo = make_photo(make_article(), size=(400, 300))
    renditions.make_renditions([photo.pk])
    photo.refresh_from_db()
    assert [(r.name, r.width) for r in renditions.renditions_of(photo)] == [("thumbnail", 240), ("w480", 400)]


def test_rendition_urls_are_those_imagekit_names_and_the_thumbnail_is_the_first(media_root):
    """The names are remembered (imagekit hashes the spec for each) but stay imagekit's own, so renditions
    made before are found under them; thumbnail_of() works out the thumbnail alone."""
    photo = make_photo(make_article(), size=(1200, 800))
    renditions.make_renditions([photo.pk])
    photo.refresh_from_db()
    made = renditions.renditions_of(photo)
    specs = [renditions.Thumbnail, *renditions.WIDTH_SPECS.values()]
    assert [r.url for r in made] == [ImageCacheFile(spec(source=photo.image)).url for spec in specs]
    assert renditions.thumbnail_of(photo) == made[0]


@pytest.mark.django_db(transaction=True)
def test_renditions_are_made_by_the_background_worker_not_when_the_photo_is_stored(media_root):
    clear_queue()
    photo = make_photo(make_article(), size=(600, 400))
    renditions.renditions_after_commit([photo.pk])
    photo.refresh_from_db()
    assert photo.renditions_made_at is None  # nothing in the storing request
    assert ("make_photo_renditions", "todo") in jobs()
    run_worker()
    photo.refresh_from_db()
    assert photo.renditions_made_at is not None
    assert ("make_photo_renditions", "succeeded") in jobs()


@pytest.mark.django_db(transaction=True)
def test_photos_stored_without_their_job_get_renditions_from_the_scheduled_safety_net(media_root):
    clear_queue()
    photo = make_photo(make_article(), size=(600, 400))  # stored directly: no job queued
    from archive.jobs import make_missing_renditions

    make_missing_renditions.defer(timestamp=0)
    run_worker(queues=None)
    photo.refresh_from_db()
    assert photo.renditions_made_at is not None


def test_an_unreadable_original_is_left_without_renditions(media_root):
    photo = make_photo(make_article(), size=(600, 400))
    (media_root / photo.image.name).write_bytes(b"gone bad")
    assert renditions.make_renditions([photo.pk]) == 0
    photo.refresh_from_db()
    assert photo.renditions_made_at is None


# ------------------------------------------------------------------------------------------------ the site


def test_the_article_page_has_a_srcset_lazy_loading_caption_and_credit(media_root, client):
    article = make_article("Border fence")
    photo = make_photo(article, caption="Guards at the fence", credit="Daily NK", size=(2000, 1000))
    renditions.make_renditions([photo.pk])
    photo.refresh_from_db()
    page = client.get(article.get_absolute_url()).content.decode()
    w480, w960, w1600 = (r.url for r in renditions.renditions_of(photo)[1:])
    assert f'srcset="{w480} 480w, {w960} 960w, {w1600} 1600w"' in page
    assert 'loading="lazy"' in page
    assert 'width="2000" height="1000"' in page
    assert 'alt="Guards at the fence"' in page  # the caption, as no alt text was written
    assert '<figcaption>Guards at the fence <span class="credit">Photo: Daily NK</span></figcaption>' in page


def test_alt_text_written_by_an_editor_wins_over_the_caption(media_root, client):
    article = make_article()
    make_photo(article, caption="Hyesan, 2019", alt_text="Two soldiers beside a wire fence")
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Two soldiers beside a wire fence"' in page


def test_the_article_page_reads_photos_in_one_query(media_root, client):
    article = make_article()
    for n in range(4):
        photo = make_photo(article, caption=f"Photo {n}", position=n)
        renditions.make_renditions([photo.pk])
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    assert sum('FROM "archive_photo"' in q["sql"] for q in queries.captured_queries) == 1


# ----------------------------------------------------------------------------------------- serving media


@pytest.fixture
def media_client(client, settings):
    assert settings.SERVE_MEDIA, "development settings serve media"
    return client


def test_development_serves_a_photo_with_its_type_and_nosniff(media_root, media_client):
    photo = make_photo(make_article(), size=(50, 40))
    response = media_client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == UPLOAD_POLICY
    assert b"".join(response.streaming_content) == (media_root / photo.image.name).read_bytes()


@pytest.mark.parametrize("name", ["photos/evil.html", "photos/evil.svg", "photos/evil.js", "photos/noextension"])
def test_development_never_serves_a_file_a_browser_would_run(media_root, media_client, name):
    target = media_root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("<script>alert(1)</script>")
    assert media_client.get(f"/media/{name}").status_code == 404


def test_media_paths_cannot_leave_the_media_folder(media_root, media_client, tmp_path):
    (tmp_path / "secret.jpg").write_bytes(image_bytes(size=(5, 5)))
    media_root.mkdir(parents=True, exist_ok=True)
    # Refused as a suspicious path (400) or not found (404); never the file.
    assert media_client.get("/media/../secret.jpg").status_code in (400, 404)
    assert media_client.get("/media/%2e%2e/secret.jpg").status_code in (400, 404)


def test_stored_photos_keep_their_dimensions_without_reading_files(media_root):
    photo = make_photo(make_article(), size=(321, 123))
    (media_root / photo.image.name).unlink()  # a photo loaded from the database does not open its file
    loaded = Photo.objects.get(pk=photo.pk)
    assert (loaded.width, loaded.height) == (321, 123)


def test_production_does_not_route_media_through_the_site():
    """With ARCHIVE_PRODUCTION the proxy or the storage serves photos: /media/ is not a route of the site."""
    import os
    import subprocess
    import sys

    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.urls import Resolver404, resolve\n"
        "try:\n    resolve('/media/photos/a.jpg'); routed = True\nexcept Resolver404:\n    routed = False\n"
        "print(settings.SERVE_MEDIA, routed)\n"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "ARCHIVE_PRODUCTION": "1",
        "SECRET_KEY": "test-only",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
