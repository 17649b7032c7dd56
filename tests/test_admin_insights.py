"""Query insights: searches counted per day, query and channel, off the request path; the report."""

import time
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive import insights
from archive.models import SearchCount

REPORT = "/admin/archive/searchcount/"


@pytest.mark.django_db
def test_searches_are_buffered_then_written_in_one_batch(clean_insights, django_assert_num_queries):
    for _ in range(3):
        insights.record_search("  Fence   HYESAN ", "site", 4)
    insights.record_search("fence hyesan", "api", 0)
    insights.record_search("nothing here", "site", 0)
    assert not SearchCount.objects.exists()  # nothing written yet: a search costs no database write
    with django_assert_num_queries(1):
        assert insights.flush() == 3
    rows = {(r.channel, r.query): (r.searches, r.zero_results) for r in SearchCount.objects.all()}
    assert rows == {("site", "fence hyesan"): (3, 0), ("api", "fence hyesan"): (1, 1), ("site", "nothing here"): (1, 1)}
    # A later batch adds to the day's counts.
    insights.record_search("fence hyesan", "site", 2)
    insights.flush()
    assert SearchCount.objects.get(channel="site", query="fence hyesan").searches == 4


@pytest.mark.django_db
def test_nothing_about_the_searcher_is_kept(clean_insights):
    insights.record_search("fence", "site", 1)
    insights.flush()
    columns = {f.name for f in SearchCount._meta.get_fields()}
    assert columns == {"id", "day", "channel", "query", "searches", "zero_results", "last_result_count"}


@pytest.mark.django_db
def test_empty_and_unknown_channel_searches_are_ignored(clean_insights):
    insights.record_search("   ", "site", 0)
    insights.record_search("\x00\x01", "site", 0)
    insights.record_search("fence", "preview", 3)
    assert insights.pending() == 0


def test_recording_a_search_is_cheap():
    insights.discard()
    started = time.perf_counter()
    for i in range(10_000):
        insights.record_search(f"query {i % 300}", "site", i % 5)
    per_call = (time.perf_counter() - started) / 10_000
    insights.discard()
    # Measured here: 5-10 µs on a quiet machine; a search itself takes milliseconds.
    assert per_call < 200e-6


@pytest.mark.django_db
def test_site_searches_are_written_after_the_response_off_the_request(clean_insights, client, monkeypatch):
    # Queries of their own: the background write commits outside this test's transaction.
    first, second = f"fence {uuid.uuid4().hex}", f"tumen {uuid.uuid4().hex}"
    client.get("/search/", {"q": first})
    assert insights.pending() == 1 and not SearchCount.objects.exists()
    monkeypatch.setattr(insights, "FLUSH_AFTER_SECONDS", 0)
    with CaptureQueriesContext(connection) as request_queries:
        client.get("/search/", {"q": second})
    insights.wait_for_background_write()
    assert insights.pending() == 0
    assert not any("archive_searchcount" in q["sql"] for q in request_queries.captured_queries)
    written = SearchCount.objects.filter(channel="site", query__in=[first, second])
    assert {(r.query, r.last_result_count) for r in written} == {(first, 0), (second, 0)}


def _count(query, channel, searches, zero=0, days_ago=0):
    SearchCount.objects.create(
        day=timezone.localdate() - timedelta(days=days_ago),
        channel=channel,
        query=query,
        searches=searches,
        zero_results=zero,
    )


@pytest.mark.django_db
def test_report_top_and_zero_result_queries_for_7_and_30_days(clean_insights, editor_client):
    _count("fence", "site", 10)
    _count("fence", "api", 5)
    _count("hyesan", "site", 7, days_ago=3)
    _count("defecters", "site", 4, zero=4, days_ago=1)
    _count("old query", "site", 50, days_ago=20)
    _count("ancient", "site", 99, days_ago=40)

    week = editor_client.get(REPORT).context["tables"]
    assert [(r["query"], r["searches"]) for r in week[0]["rows"]] == [("fence", 15), ("hyesan", 7), ("defecters", 4)]
    assert [(r["query"], r["zero_results"]) for r in week[1]["rows"]] == [("defecters", 4)]

    month = editor_client.get(REPORT, {"days": "30"}).context["tables"]
    assert [r["query"] for r in month[0]["rows"]] == ["old query", "fence", "hyesan", "defecters"]

    api = editor_client.get(REPORT, {"channel": "api"}).context["tables"]
    assert [(r["query"], r["searches"]) for r in api[0]["rows"]] == [("fence", 5)]

    # Bad values fall back to the defaults instead of failing.
    assert editor_client.get(REPORT, {"days": "x", "channel": "<b>"}).status_code == 200


@pytest.mark.django_db
def test_each_row_links_to_add_a_synonym_or_a_promotion(clean_insights, editor_client):
    _count("kim jong-un", "site", 3, zero=3)
    html = editor_client.get(REPORT).content.decode()
    assert "/admin/archive/synonymgroup/add/?terms=kim+jong-un" in html
    assert "/admin/archive/promotion/add/?query=kim+jong-un" in html
    promotion_form = editor_client.get("/admin/archive/promotion/add/", {"query": "kim jong-un"})
    assert promotion_form.context["adminform"].form["query"].value() == "kim jong-un"


@pytest.mark.django_db
def test_report_is_read_only(clean_insights, editor_client):
    _count("fence", "site", 1)
    row = SearchCount.objects.get()
    assert editor_client.get(f"/admin/archive/searchcount/{row.pk}/delete/").status_code == 403
    assert editor_client.get("/admin/archive/searchcount/add/").status_code == 403
