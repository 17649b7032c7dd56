"""The API over real HTTP: conditional GET, gzip, CORS and JSON errors as a partner's client sees them."""

import datetime
import gzip
import json
import urllib.error
import urllib.request

import pytest
from django.utils import timezone

from archive.models import Article, ChangeEvent
from tests.factories import make_article, make_partner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def call(live_server):
    """GET (or another method) a path of the live server with a partner's key; returns (status, headers, body)."""
    _, key = make_partner()

    def call(path, headers=None, method="GET", key=key):
        request = urllib.request.Request(live_server.url + path, method=method, headers=headers or {})
        if key:
            request.add_header("Authorization", f"Api-Key {key}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    return call


def test_conditional_get(call):
    # Last-Modified has one-second precision: the changes below are dated a few seconds on.
    later = timezone.now() + datetime.timedelta(seconds=3)
    article = make_article("Before")
    for path in ["/api/v1/articles/", f"/api/v1/articles/{article.slug}/"]:
        status, headers, _ = call(path)
        assert status == 200 and headers["ETag"] and headers["Last-Modified"]
        assert call(path, {"If-None-Match": headers["ETag"]})[0] == 304
        assert call(path, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304

    status, headers, _ = call("/api/v1/articles/")
    Article.objects.filter(pk=article.pk).update(title="After")
    Article.objects.filter(pk=article.pk).update(updated_at=later)
    assert call("/api/v1/articles/", {"If-None-Match": headers["ETag"]})[0] == 200
    assert call("/api/v1/articles/", {"If-Modified-Since": headers["Last-Modified"]})[0] == 200
    # An article leaving the list changes it too.
    other = make_article("Other", published_at=article.published_at)
    Article.objects.filter(pk=other.pk).update(updated_at=later)
    status, headers, _ = call("/api/v1/articles/")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    ChangeEvent.objects.filter(kind="unpublished").update(occurred_at=later + datetime.timedelta(seconds=3))
    assert call("/api/v1/articles/", {"If-Modified-Since": headers["Last-Modified"]})[0] == 200


def test_responses_are_gzipped_when_asked(call):
    for n in range(30):
        make_article(f"Compressible article number {n}", body="Repeated text. " * 50)
    status, headers, body = call("/api/v1/articles/?page_size=30&fields=title,body", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(body))
    assert len(data["results"]) == 30
    assert "Accept-Encoding" in headers["Vary"]
    status, headers, body = call("/api/v1/articles/?page_size=1")
    assert headers.get("Content-Encoding") is None and json.loads(body)["results"]


def test_cors_for_allowed_origins_only(call, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    status, headers, _ = call("/api/v1/tags/", {"Origin": "https://partner.example"})
    assert headers["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "ETag" in headers["Access-Control-Expose-Headers"]
    status, headers, _ = call(
        "/api/v1/tags/",
        {
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
        method="OPTIONS",
        key=None,
    )
    assert status == 200 and "authorization" in headers["Access-Control-Allow-Headers"]
    _, headers, _ = call("/api/v1/tags/", {"Origin": "https://stranger.example"})
    assert "Access-Control-Allow-Origin" not in headers


def test_errors_are_json_and_docs_need_no_cdn(call):
    for path, expected in [
        ("/api/v1/articles/?published_after=soon", 400),
        ("/api/v1/articles/none/", 404),
        ("/api/v2/articles/", 404),
    ]:
        status, headers, body = call(path)
        assert status == expected and headers["Content-Type"].startswith("application/json")
        assert json.loads(body)["status"] == expected
    status, headers, body = call("/api/v1/articles/", key="wrong.key")
    assert status == 401 and json.loads(body)["error"] == "authentication_failed"

    status, _, body = call("/api/docs/", key=None)
    page = body.decode()
    assert status == 200 and "swagger-ui" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
    status, _, body = call("/api/schema/?format=json", key=None)
    schema = json.loads(body)
    assert status == 200 and "/api/v1/articles/" in schema["paths"] and "/api/v1/changes/" in schema["paths"]
