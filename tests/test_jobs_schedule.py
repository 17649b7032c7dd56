"""Scheduled jobs, run by the real worker: embargoes go public within the minute, retention deletes
what is past its time and nothing else."""

import datetime
import os

import pgtrigger
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive.jobs import SCHEDULED, refresh_search_statistics, release_embargoes, retention
from archive.models import AdminImport, Article, ChangeEvent, SearchCount
from tests.factories import make_user
from tests.jobs_support import clear_queue, jobs, run_worker

pytestmark = pytest.mark.django_db(transaction=True)
NOW = int(timezone.now().timestamp())


@pytest.fixture(autouse=True)
def queue():
    clear_queue()
    yield
    clear_queue()


def test_an_embargo_that_passed_is_released_by_the_minute_job_and_the_sitemap_follows(client, make_article):
    article = make_article("Scheduled report", publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert article.slug not in client.get("/sitemap-articles.xml").content.decode()  # cached from here on
    # Time passes: the embargo moves into the past behind the triggers' back, as the clock would move it.
    past = timezone.now() - datetime.timedelta(seconds=30)
    with pgtrigger.ignore("archive.Article:article_changes_update"):
        Article.objects.filter(pk=article.pk).update(publish_at=past)
    ChangeEvent.objects.filter(article_id=article.pk).update(occurred_at=past)
    assert article.slug not in client.get("/sitemap-articles.xml").content.decode()  # still the cached page
    clear_queue()

    release_embargoes.defer(timestamp=NOW)
    run_worker(queues=[SCHEDULED])

    assert ("release_embargoes", "succeeded") in jobs(SCHEDULED)
    event = ChangeEvent.objects.get(article_id=article.pk)
    assert event.kind == "created" and event.txid is not None  # in the partners' feed now
    assert article.slug in client.get("/sitemap-articles.xml").content.decode()
    assert jobs() == [("refresh_search_statistics", "todo")]


def _event(article_id: int, age_days: float, *, pending: bool = False) -> ChangeEvent:
    return ChangeEvent.objects.create(
        txid=None if pending else 1,
        article_id=article_id,
        slug=f"article-{article_id}",
        kind="created",
        occurred_at=timezone.now() - datetime.timedelta(days=age_days),
    )


def _insight(age_days: int, query: str) -> SearchCount:
    day = timezone.localdate() - datetime.timedelta(days=age_days)
    return SearchCount.objects.create(day=day, channel="site", query=query, searches=3)


def _upload(user, status: str, age: datetime.timedelta, name: str) -> AdminImport:
    stored = default_storage.save(f"admin-imports/test/{name}", ContentFile(b'{"title": "t", "body": "b"}'))
    upload = AdminImport.objects.create(user=user, status=status, files=[stored])
    AdminImport.objects.filter(pk=upload.pk).update(created_at=timezone.now() - age)
    return upload


def test_retention_deletes_what_is_past_its_time_and_nothing_else(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ARCHIVE_CHANGES_RETENTION_DAYS = 90
    settings.ARCHIVE_INSIGHTS_RETENTION_DAYS = 400
    old_event, recent_event = _event(1, 91), _event(2, 89)
    embargoed = _event(3, -30, pending=True)
    old_insight, kept_insight, today = _insight(401, "old query"), _insight(399, "kept query"), _insight(0, "today")
    editor = make_user("edith", group="Editors")
    stale = _upload(editor, AdminImport.Status.PREVIEW, datetime.timedelta(days=2), "stale.jsonl")
    fresh = _upload(editor, AdminImport.Status.PREVIEW, datetime.timedelta(hours=1), "fresh.jsonl")
    finished = AdminImport.objects.create(user=editor, status=AdminImport.Status.DONE, files=[])
    # A job that finished eight days ago (beyond the week finished jobs are kept).
    refresh_search_statistics.defer()
    run_worker()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_events SET at = now() - interval '8 days'")

    retention.defer(timestamp=NOW)
    run_worker(queues=[SCHEDULED])

    assert ("retention", "succeeded") in jobs(SCHEDULED)
    assert set(ChangeEvent.objects.values_list("pk", flat=True)) == {recent_event.pk, embargoed.pk}
    assert not ChangeEvent.objects.filter(pk=old_event.pk).exists()
    assert set(SearchCount.objects.values_list("pk", flat=True)) == {kept_insight.pk, today.pk}
    assert not SearchCount.objects.filter(pk=old_insight.pk).exists()
    assert set(AdminImport.objects.values_list("pk", flat=True)) == {fresh.pk, finished.pk}
    assert not os.path.exists(tmp_path / stale.files[0]) and os.path.exists(tmp_path / fresh.files[0])
    assert jobs() == []  # the finished refresh job is gone

    retention.defer(timestamp=NOW + 60)  # twice changes nothing more
    run_worker(queues=[SCHEDULED])
    assert SearchCount.objects.count() == 2 and ChangeEvent.objects.count() == 2


def test_jobs_health_says_what_is_behind_in_words(client, make_article, capsys):
    make_article("Unrefreshed", status="published")
    response = client.get("/healthz/jobs")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "behind" and body["workers"] == 0
    assert any("No background worker is running" in problem for problem in body["problems"])
    assert any("Search statistics are missing" in problem for problem in body["problems"])
    assert client.get("/readyz").status_code == 200  # readiness stays a database check

    with pytest.raises(Exception, match="behind"):
        call_command("jobs_status")
    assert "No background worker is running" in capsys.readouterr().out
