"""Photos in the partner API, and articles as IPTC ninjs 2.0 validated against the standard's own schema."""

import json
import os
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from rest_framework.test import APIClient

from archive import renditions
from archive.models import Tag
from tests.factories import make_article, make_source, make_tag
from tests.photo_support import make_photo

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parent.parent
NINJS_DIR = Path(os.environ.get("ARCHIVE_NINJS_DIR") or REPO.parent / "shared" / "ninjs")
NINJS = "application/vnd.iptc.ninjs+json"


@pytest.fixture(scope="module")
def ninjs_validator():
    """The IPTC's ninjs 2.0 JSON schema; its one outside reference (GeoJSON, for places) allows anything."""
    schema_file = NINJS_DIR / "ninjs-schema_2.0.json"
    assert schema_file.exists(), f"the ninjs 2.0 schema is expected at {schema_file} (or set ARCHIVE_NINJS_DIR)"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    geojson = Resource.from_contents({}, default_specification=DRAFT4)
    registry = Registry().with_resource("https://geojson.org/schema/GeoJSON.json", geojson)
    return Draft4Validator(schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def assert_valid_ninjs(validator, item: dict) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(item)]
    assert not errors, errors


@pytest.fixture
def article_with_photos(media_root):
    source = make_source(name="Daily NK", slug="daily-nk")
    article = make_article(
        "Fence rebuilt at Hyesan",
        dek="Guards added.",
        body="First paragraph.",
        source=source,
        external_id="dnk-7",
        tags=[make_tag("Hyesan", kind=Tag.Kind.PLACE), make_tag("Smuggling"), make_tag("Kim Jong Un", kind="person")],
        credits=[("author", "Kim Ji-hoon"), ("author", "Lee Min"), ("translator", "David Black")],
    )
    photo = make_photo(article, caption="The fence at dawn", credit="Daily NK", position=0, size=(1000, 500))
    renditions.make_renditions([photo.pk])
    make_photo(article, caption="Not yet rendered", position=1, size=(300, 300))
    article.photos.create(caption="A caption without an image", credit="RFA", position=2)
    return article


def test_each_photo_has_caption_credit_size_and_rendition_urls(api_client, article_with_photos):
    photos = api_client.get(f"/api/v1/articles/{article_with_photos.slug}/").json()["photos"]
    first = photos[0]
    assert {k: first[k] for k in ("caption", "credit", "alt_text", "width", "height")} == {
        "caption": "The fence at dawn",
        "credit": "Daily NK",
        "alt_text": "The fence at dawn",
        "width": 1000,
        "height": 500,
    }
    assert first["image"].startswith("http://testserver/media/photos/")
    assert [(r["name"], r["width"], r["height"]) for r in first["renditions"]] == [
        ("thumbnail", 240, 180),
        ("w480", 480, 240),
        ("w960", 960, 480),
        ("w1600", 1000, 500),
    ]
    assert all(r["url"].startswith("http://testserver/media/renditions/") for r in first["renditions"])
    # Renditions not made yet: none listed (never a URL that would answer 404).
    assert photos[1]["renditions"] == [] and photos[1]["image"]
    assert photos[2] | {} == {
        "caption": "A caption without an image",
        "credit": "RFA",
        "alt_text": "A caption without an image",
        "width": None,
        "height": None,
        "image": None,
        "renditions": [],
    }


def test_the_photos_endpoint_has_the_same_fields(api_client, article_with_photos):
    item = api_client.get("/api/v1/photos/", {"q": "fence"}).json()["results"][0]
    assert (item["width"], item["height"], len(item["renditions"])) == (1000, 500, 4)
    assert item["article"]["slug"] == article_with_photos.slug


def test_the_standards_own_example_validates(ninjs_validator):
    """The validator is set up right: the IPTC's example passes, an item without its uri does not."""
    example = json.loads((NINJS_DIR / "example-2.0.json").read_text(encoding="utf-8"))
    assert_valid_ninjs(ninjs_validator, example)
    assert not ninjs_validator.is_valid({"headlines": [{"value": "No uri"}]})
    assert not ninjs_validator.is_valid({"uri": "http://x.example/1", "associations": [{"bogus": 1}]})


@pytest.mark.parametrize("how", ["accept", "format"])
def test_articles_as_ninjs_validate_against_the_schema(api_client, article_with_photos, ninjs_validator, how):
    make_article("A second article without photos", body="Plain.", credits=[("author", "Park")])
    ask = {"HTTP_ACCEPT": NINJS} if how == "accept" else {}
    params = {"format": "ninjs"} if how == "format" else {}
    listing = api_client.get("/api/v1/articles/", params, **ask)
    detail = api_client.get(f"/api/v1/articles/{article_with_photos.slug}/", params, **ask)
    found = api_client.get("/api/v1/articles/", {"q": "fence", **params}, **ask)
    for response in (listing, detail, found):
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == NINJS
    items = listing.json()["results"] + [detail.json()] + found.json()["results"]
    assert len(items) == 4
    for item in items:
        assert_valid_ninjs(ninjs_validator, item)

    item = detail.json()
    assert item["uri"] == f"http://testserver{article_with_photos.get_absolute_url()}"
    assert item["headlines"] == [
        {"role": "main", "value": "Fence rebuilt at Hyesan"},
        {"role": "sub", "value": "Guards added."},
    ]
    assert item["by"] == "By Kim Ji-hoon and Lee Min"
    assert [p["name"] for p in item["places"]] == ["Hyesan"]
    assert [p["name"] for p in item["people"]] == ["Kim Jong Un"]
    assert [s["name"] for s in item["subjects"]] == ["Smuggling"]
    assert item["infosources"][0]["name"] == "Daily NK"
    photo = item["associations"][0]
    assert (photo["name"], photo["type"], photo["by"]) == ("photo1", "picture", "Daily NK")
    assert photo["descriptions"][0] == {"role": "caption", "value": "The fence at dawn"}
    assert [(r["name"], r.get("width")) for r in photo["renditions"]] == [
        ("original", 1000),
        ("thumbnail", 240),
        ("w480", 480),
        ("w960", 960),
        ("w1600", 1000),
    ]
    assert photo["renditions"][0]["contenttype"] == "image/jpeg"
    assert "renditions" not in item["associations"][2]  # a caption without an image


def test_ninjs_refuses_a_sparse_field_set_and_unknown_formats_are_named(api_client, article_with_photos):
    response = api_client.get("/api/v1/articles/", {"format": "ninjs", "fields": "title"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["parameters"]["fields"] == ["A ninjs item is always whole: leave out fields."]
    response = api_client.get("/api/v1/articles/", {"format": "xml"})
    assert response.status_code == 400
    assert response.json()["parameters"]["format"] == ["'xml' is not one of json, ninjs."]


def test_errors_stay_json_when_ninjs_is_asked_for(article_with_photos):
    response = APIClient().get("/api/v1/articles/", HTTP_ACCEPT=NINJS)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "API key is required" in response.json()["detail"]


def test_the_openapi_schema_documents_ninjs():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in ("/api/v1/articles/", "/api/v1/articles/{slug}/"):
        operation = schema["paths"][path]["get"]
        content = operation["responses"]["200"]["content"]
        assert set(content) == {"application/json", NINJS}
        assert "associations" in json.dumps(content[NINJS]["schema"])
        assert any(p["name"] == "format" and p["schema"]["enum"] == ["json", "ninjs"] for p in operation["parameters"])
