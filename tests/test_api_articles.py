"""articles/: the fields partners get, each filter (a hit and a miss), orderings, fields and cursors."""

import datetime

import pytest

from archive.models import Article, Tag
from tests.factories import make_article, make_source, make_tag

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def day(n: int) -> datetime.datetime:
    return datetime.datetime(2020, 1, 1, tzinfo=UTC) + datetime.timedelta(days=n)


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_an_article_carries_what_a_partner_needs(api_client):
    source = make_source(name="Daily NK", slug="daily-nk")
    tag = make_tag("Hyesan", kind=Tag.Kind.PLACE)
    article = make_article(
        "Fence rebuilt at Hyesan",
        dek="Guards added.",
        body="First paragraph.\n\nSecond.",
        source=source,
        published_at=day(0),
        original_url="https://example.org/a",
        external_id="dnk-1",
        tags=[tag],
        captions=["The fence at dawn"],
        credits=[("author", "Kim Ji-hoon")],
    )
    item = api_client.get("/api/v1/articles/").json()["results"][0]
    assert "body" not in item
    assert item["id"] == article.pk and item["slug"] == article.slug and item["title"] == "Fence rebuilt at Hyesan"
    assert item["source"] == {"name": "Daily NK", "slug": "daily-nk"}
    assert item["tags"] == [{"name": "Hyesan", "slug": tag.slug, "kind": "place"}]
    # A caption without an image (tests/test_photos_api.py covers photos with images).
    assert item["photos"] == [
        {
            "caption": "The fence at dawn",
            "credit": "",
            "alt_text": "The fence at dawn",
            "width": None,
            "height": None,
            "image": None,
            "renditions": [],
        }
    ]
    assert item["credits"] == [{"role": "author", "name": "Kim Ji-hoon"}]
    assert item["external_id"] == "dnk-1" and item["original_url"] == "https://example.org/a"
    assert item["url"] == f"http://testserver/articles/{article.slug}/"
    assert item["published_at"] == "2020-01-01T00:00:00Z" and item["language"] == "en"

    detail = api_client.get(item["api_url"]).json()
    assert detail["body"] == "First paragraph.\n\nSecond."
    assert {k: v for k, v in detail.items() if k != "body"} == item


def test_unknown_slug_is_a_json_404(api_client):
    response = api_client.get("/api/v1/articles/no-such-article/")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert api_client.get("/api/v1/nowhere/").json()["status"] == 404


def test_sparse_fields(api_client):
    make_article("Sparse", body="Body text")
    item = api_client.get("/api/v1/articles/", {"fields": "id,title,body"}).json()["results"][0]
    assert set(item) == {"id", "title", "body"} and item["body"] == "Body text"
    detail = api_client.get(f"/api/v1/articles/{Article.objects.get().slug}/", {"fields": "slug"}).json()
    assert detail == {"slug": Article.objects.get().slug}
    response = api_client.get("/api/v1/articles/", {"fields": "id,secret"})
    assert response.status_code == 400 and "secret" in response.json()["parameters"]["fields"][0]


def test_tag_filters(api_client):
    fence, smuggling, other = make_tag("Fence"), make_tag("Smuggling"), make_tag("Other")
    both = make_article("Both", tags=[fence, smuggling])
    only_fence = make_article("Only fence", tags=[fence])
    neither = make_article("Neither", tags=[other])
    get = lambda **params: set(slugs(api_client.get("/api/v1/articles/", params)))  # noqa: E731
    assert get(tag=[fence.slug, smuggling.slug]) == {both.slug, only_fence.slug}
    assert get(tag=f"{smuggling.slug},{other.slug}") == {both.slug, neither.slug}
    assert get(tags_all=[fence.slug, smuggling.slug]) == {both.slug}
    assert get(exclude_tag=fence.slug) == {neither.slug}
    assert get(tag="no-such-tag") == set()


def test_source_place_language_and_photo_filters(api_client):
    daily = make_source(slug="daily-nk")
    hyesan = make_tag("Hyesan", kind=Tag.Kind.PLACE)
    topic = make_tag("Hyesan market")  # a topic, not the place
    a = make_article("A", source=daily, tags=[hyesan], captions=["A photo"])
    b = make_article("B", language="ko", tags=[topic])
    get = lambda **params: slugs(api_client.get("/api/v1/articles/", params))  # noqa: E731
    assert get(source="daily-nk") == [a.slug] and get(source="elsewhere") == []
    assert get(place=hyesan.slug) == [a.slug] and get(place=topic.slug) == []
    assert get(language="ko") == [b.slug] and get(language="fr") == []
    assert get(has_photos="true") == [a.slug] and get(has_photos="false") == [b.slug]


def test_date_filters(api_client):
    old = make_article("Old", published_at=day(0))
    new = make_article("New", published_at=day(10))
    get = lambda **params: slugs(api_client.get("/api/v1/articles/", params))  # noqa: E731
    assert get(published_after="2020-01-05") == [new.slug]
    assert get(published_before="2020-01-05") == [old.slug]
    assert get(published_after="2020-01-11T00:00:01+00:00") == []
    assert get(published_after="2020-01-11T09:00:00+09:00") == [new.slug]
    Article.objects.filter(pk=old.pk).update(dek="Corrected")
    old.refresh_from_db()
    assert get(updated_since=old.updated_at.isoformat()) == [old.slug]


@pytest.mark.parametrize(
    "params, name",
    [
        ({"published_after": "last week"}, "published_after"),
        ({"published_before": "2020-13-45"}, "published_before"),
        ({"updated_since": "1"}, "updated_since"),
        ({"ordering": "title"}, "ordering"),
        ({"ordering": "relevance"}, "ordering"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"page_size": "²"}, "page_size"),
        ({"has_photos": "maybe"}, "has_photos"),
        ({"tag": "not a slug"}, "tag"),
        ({"cursor": "garbage!"}, "cursor"),
        ({"language": "e\x00n"}, "language"),
        ({"published_after": "100%s"}, "published_after"),
        ({"tag": "%(name)s"}, "tag"),
    ],
)
def test_bad_parameters_are_400_naming_them(api_client, params, name):
    response = api_client.get("/api/v1/articles/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameter" and list(body["parameters"]) == [name]
    assert name in body["detail"]


def test_orderings(api_client):
    a = make_article("A", published_at=day(2))
    b = make_article("B", published_at=day(1))
    undated = make_article("Undated", published_at=None)
    c = make_article("C", published_at=day(3))
    Article.objects.filter(pk=b.pk).update(dek="touched last")
    get = lambda **params: slugs(api_client.get("/api/v1/articles/", params))  # noqa: E731
    # An undated article is placed by when the archive first published it (today, after every date here).
    assert get() == [undated.slug, c.slug, a.slug, b.slug]
    assert get(ordering="published_at") == [b.slug, a.slug, c.slug, undated.slug]
    first = api_client.get("/api/v1/articles/", {"fields": "slug,first_published_at"}).json()["results"][0]
    assert first["slug"] == undated.slug and first["first_published_at"].startswith(
        f"{undated.first_published_at:%Y-%m-%d}"
    )
    assert get(ordering="-updated_at")[0] == b.slug
    assert get(ordering="updated_at")[-1] == b.slug


@pytest.mark.parametrize("ordering", ["-published_at", "published_at", "updated_at", "-updated_at"])
def test_cursor_walks_everything_once_while_articles_are_added(api_client, ordering):
    dates = [day(n % 4) for n in range(9)] + [None, None]  # ties and undated articles
    expected = {make_article(f"Walk {n}", published_at=date).slug for n, date in enumerate(dates)}
    seen, url, params = [], "/api/v1/articles/", {"ordering": ordering, "page_size": 3, "fields": "slug"}
    while url:
        body = api_client.get(url, params).json()
        params = None
        seen += [item["slug"] for item in body["results"]]
        if len(seen) == 3:
            # Published while the partner walks: newer and older than the walk's position.
            make_article("Added late", published_at=day(100))
            make_article("Added early", published_at=day(-100))
        url = body["next"]
    assert len(seen) == len(set(seen))
    assert expected <= set(seen)


def test_cursor_of_another_ordering_is_refused(api_client):
    for n in range(3):
        make_article(f"N{n}")
    next_url = api_client.get("/api/v1/articles/", {"page_size": 1}).json()["next"]
    response = api_client.get(next_url.replace("page_size=1", "page_size=1&ordering=updated_at"))
    assert response.status_code == 400 and "cursor" in response.json()["parameters"]
