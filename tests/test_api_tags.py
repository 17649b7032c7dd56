"""An article's tags in the API come from its tag ids and the tags read once per generation of the
vocabulary (archive.search.article_tags), as the site's results get theirs: in the order a prefetch
gave them (by name, in the database's collation), with no query of their own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Tag
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db

SEARCH = {"q": "fence", "fields": "slug,tags"}
LIST = {"fields": "slug,tags"}


@pytest.fixture
def tagged():
    # Names whose order differs by case and accents between collations: the database's order decides.
    tags = [make_tag(name) for name in ("Trade", "hyesan", "Éclairs", "Border", "zoo")]
    tags.append(make_tag("Sinuiju", kind=Tag.Kind.PLACE))
    return make_article("Fence goes up", tags=tags)


def expected_tags(article) -> list[dict]:
    """What prefetch_related(Prefetch("tags", Tag.objects.order_by("name"))) gave."""
    return [{"name": t.name, "slug": t.slug, "kind": t.kind} for t in article.tags.order_by("name")]


def tags_of(response, slug: str) -> list[dict]:
    assert response.status_code == 200, response.content
    data = response.json()
    results = data["results"] if "results" in data else [data]
    return next(item["tags"] for item in results if item["slug"] == slug)


@pytest.mark.parametrize(
    "path, params",
    [("/api/v1/articles/", SEARCH), ("/api/v1/articles/", LIST), ("/api/v1/articles/{slug}/", {})],
    ids=["search", "list", "detail"],
)
def test_tags_come_in_name_order_without_a_query_of_their_own(api_client, tagged, path, params):
    url = path.format(slug=tagged.slug)
    api_client.get(url, params)  # reads the tags of this generation
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url, params)
    assert tags_of(response, tagged.slug) == expected_tags(tagged)
    assert not [q["sql"] for q in queries.captured_queries if "archive_tag" in q["sql"]]


def test_ninjs_subjects_and_places_keep_the_name_order(api_client, tagged):
    item = api_client.get(f"/api/v1/articles/{tagged.slug}/", {"format": "ninjs"}).json()
    places = [t.name for t in tagged.tags.order_by("name") if t.kind == Tag.Kind.PLACE]
    topics = [t.name for t in tagged.tags.order_by("name") if t.kind == Tag.Kind.TOPIC]
    assert [entry["name"] for entry in item["places"]] == places
    assert [entry["name"] for entry in item["subjects"]] == topics


@pytest.mark.parametrize("params", [SEARCH, LIST], ids=["search", "list"])
def test_a_renamed_or_added_tag_shows_at_once(api_client, tagged, params):
    assert tags_of(api_client.get("/api/v1/articles/", params), tagged.slug) == expected_tags(tagged)
    trade = Tag.objects.get(name="Trade")
    trade.name = "Border trade"
    trade.save()
    Article.objects.get(pk=tagged.pk).tags.add(make_tag("Bridges"))
    shown = [tag["name"] for tag in tags_of(api_client.get("/api/v1/articles/", params), tagged.slug)]
    assert "Border trade" in shown and "Bridges" in shown and "Trade" not in shown
    assert shown == [tag["name"] for tag in expected_tags(tagged)]


def test_without_a_cache_the_tags_are_prefetched_in_the_same_order(api_client, tagged, settings):
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 0  # as with read replicas: nothing is kept per generation
    for params in (SEARCH, LIST):
        assert tags_of(api_client.get("/api/v1/articles/", params), tagged.slug) == expected_tags(tagged)
