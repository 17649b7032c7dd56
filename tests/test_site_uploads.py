"""Uploads served from the site's origin: images are drawn, anything a browser could run is a download."""

import base64
from urllib.parse import quote

import pytest
from django.db import connection
from playwright.sync_api import Error as PlaywrightError

from tests import ops_servers

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="5"/></svg>'
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = "tests.media_urls"
    for name, content in (("photo.png", PNG), ("drawing.svg", SVG), ("page.html", HTML), ("app.js", b"alert(1)")):
        (tmp_path / name).write_bytes(content)
    return tmp_path


@pytest.mark.django_db
def test_raster_images_are_shown_and_everything_else_is_a_download(client, uploads):
    photo = client.get("/media/photo.png")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert photo["Content-Disposition"].startswith("inline")
    assert photo["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"
    for name in ("drawing.svg", "page.html", "app.js"):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream", name
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_keep_the_sites_own_policy(client, uploads):
    response = client.get("/")
    assert "sandbox" not in response["Content-Security-Policy"] and "Content-Disposition" not in response


@pytest.mark.browser
@pytest.mark.django_db
def test_a_browser_downloads_an_uploaded_svg_instead_of_running_it(page, uploads):
    """Through gunicorn (the test server's own media handler would bypass the middleware)."""
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{quote(db['HOST'], safe='')}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "tests.media_settings",
        "MEDIA_ROOT": str(uploads),
    }
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with ops_servers.temp_dir() as folder, ops_servers.gunicorn(folder, **env) as (base, _, _):
        with page.expect_download() as download:
            try:
                page.goto(f"{base}/media/drawing.svg")
            except PlaywrightError as exc:  # Chromium aborts a navigation that turns into a download
                assert "Download is starting" in exc.message
        assert download.value.suggested_filename == "drawing.svg"
        page.goto(f"{base}/media/photo.png")
        assert page.evaluate("document.images.length") == 1  # drawn as an image
    assert dialogs == []
