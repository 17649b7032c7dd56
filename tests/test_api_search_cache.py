"""articles/?q= answered from the cache under the archive's generation: the same question asked again
searches nothing, a change shows in the very next answer, and a cached answer still counts in the
query insights."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import insights
from archive.models import Article, SearchCount
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def search_api(api_client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/articles/", {"q": "fence", **params})
    assert response.status_code == 200
    ranked = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"] or "search_vector" in q["sql"]]
    return response.json(), ranked


def test_the_same_search_again_is_answered_without_searching(api_client):
    make_article("Fence report", body="A fence near the river.")
    first, ranked = search_api(api_client)
    assert ranked, "the first answer searched"
    again, ranked = search_api(api_client)
    assert ranked == [] and again == first
    # Another question (here: the fields asked for) is its own answer.
    narrow, ranked = search_api(api_client, fields="slug,title")
    assert ranked and set(narrow["results"][0]) == {"slug", "title"}


def test_a_published_article_is_in_the_very_next_answer(api_client):
    make_article("Fence report", body="A fence near the river.")
    draft = make_article("Second fence", body="Another fence.", status=Article.Status.DRAFT)
    assert [r["title"] for r in search_api(api_client)[0]["results"]] == ["Fence report"]
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert {r["title"] for r in search_api(api_client)[0]["results"]} == {"Fence report", "Second fence"}
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    assert [r["title"] for r in search_api(api_client)[0]["results"]] == ["Fence report"]


def test_a_cached_first_page_cursor_leads_to_the_next_page(api_client):
    for n in range(3):
        make_article(f"Fence report {n}", body="A fence near the river.")
    first, _ = search_api(api_client, page_size=2)
    again, ranked = search_api(api_client, page_size=2)
    assert ranked == [] and again["next"] == first["next"]
    rest = api_client.get(again["next"]).json()
    seen = [r["slug"] for r in first["results"]] + [r["slug"] for r in rest["results"]]
    assert len(seen) == len(set(seen)) == 3


def test_an_answer_from_the_cache_counts_in_the_query_insights(api_client):
    make_article("Fence report", body="A fence near the river.")
    insights.flush()
    before = sum(SearchCount.objects.filter(channel="api", query="fence").values_list("searches", flat=True))
    search_api(api_client)
    _, ranked = search_api(api_client)
    assert ranked == []
    insights.flush()
    row = SearchCount.objects.get(channel="api", query="fence")
    assert row.searches - before == 2 and row.last_result_count == 1
