"""Each request runs a fixed number of queries, however many items its page holds (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Tag
from tests.factories import make_article, make_source, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_of(db):
    def build(n):
        place = make_tag(f"Place {n}", kind=Tag.Kind.PLACE)
        for i in range(n):
            make_article(
                f"Report {n}-{i} on the fence",
                source=make_source(),
                tags=[place, make_tag()],
                captions=[f"Caption {i}", "Another caption"],
                credits=[("author", f"Writer {i}")],
            )

    return build


def count(api_client, path, params):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(path, params)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v1/articles/", {}),
        ("/api/v1/articles/", {"fields": "id,body,tags,photos,credits,source"}),
        ("/api/v1/articles/", {"q": "fence report"}),
        ("/api/v1/tags/", {}),
        ("/api/v1/sources/", {}),
        ("/api/v1/photos/", {}),
        ("/api/v1/changes/", {}),
    ],
)
def test_query_count_does_not_grow_with_the_page(api_client, archive_of, django_assert_max_num_queries, path, params):
    archive_of(1)
    small = count(api_client, path, {**params, "page_size": 1})
    archive_of(6)
    # At most as many: what is read once per generation of the vocabulary (the tags' words "did you mean"
    # looks through) is not read again when only articles were added.
    with django_assert_max_num_queries(small):
        api_client.get(path, {**params, "page_size": 20})


def test_an_article_list_takes_few_queries(api_client, archive_of, django_assert_num_queries):
    archive_of(5)
    api_client.get("/api/v1/articles/", {"page_size": 100})  # reads the tags of this generation
    # key and usage (2), articles (1), photos and credits (2), the archive's generation, under which the
    # tags were read (1), latest tombstone for Last-Modified (1)
    with django_assert_num_queries(7):
        api_client.get("/api/v1/articles/", {"page_size": 100})


def test_a_search_takes_few_queries(api_client, archive_of, django_assert_num_queries):
    archive_of(5)
    api_client.get("/api/v1/articles/", {"q": "caption"})  # reads what is kept per generation
    # key and usage (2), the generation (1), expansion, count and page (3), articles (1), photos and
    # credits (2), latest tombstone (1); none for the tags (there was one), none for "did you mean" (few
    # matched, but no word is rare)
    with django_assert_num_queries(10):
        api_client.get("/api/v1/articles/", {"q": "fence report"})


def test_a_search_reads_its_articles_once_without_the_search_columns(api_client, archive_of):
    archive_of(5)
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/articles/", {"q": "fence report", "fields": "id,title,tags,snippet"})
    assert response.status_code == 200 and len(response.json()["results"]) == 5
    reads = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "archive_article"."id", "archive_article"."title"')
    ]
    assert len(reads) == 1
    assert not any(f'"{name}"' in reads[0] for name in ("search_vector", "tag_text", "caption_text", "body"))
