"""The change feed: database triggers record what partners can observe, and changes/ serves it in order."""

import datetime

import pgtrigger
import pytest
from django.core.management import call_command
from django.utils import timezone

from archive.models import Article, ChangeEvent, Photo
from archive.models.changes import change_reason
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db


def events(article=None):
    qs = ChangeEvent.objects.filter(txid__isnull=False).order_by("txid", "id")
    if article is not None:
        # The id stays readable after delete() has cleared article.pk.
        qs = qs.filter(article_id=article.pk or article._id_before_delete)
    return [(e.kind, e.reason) for e in qs]


def delete(article):
    article._id_before_delete = article.pk
    article.delete()


def feed(api_client, url="/api/v1/changes/", **params):
    response = api_client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db(transaction=True)
def test_every_write_path_is_seen():
    """Each write here is its own transaction, as in production."""
    article = make_article("Fence at Hyesan", status=Article.Status.DRAFT)
    assert events(article) == []
    article.status = Article.Status.PUBLISHED
    article.save()
    article.title = "Fence at Hyesan rebuilt"
    article.save()
    Article.objects.filter(pk=article.pk).update(dek="A new standfirst")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ARCHIVED)
    assert events(article) == [("created", ""), ("updated", ""), ("updated", ""), ("unpublished", "unpublished")]


def test_drafts_never_reach_the_feed():
    article = make_article(status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(title="Still a draft", status=Article.Status.REVIEW)
    delete(article)
    assert events(article) == []


def test_deleting_a_public_article_leaves_a_tombstone():
    article = make_article()
    delete(article)
    assert events(article) == [("created", ""), ("deleted", "deleted")]


def test_takedown_and_merge_reasons():
    taken, merged, kept = make_article(), make_article(), make_article()
    with change_reason(ChangeEvent.Reason.TAKEN_DOWN):
        Article.objects.filter(pk=taken.pk).update(status=Article.Status.ARCHIVED)
    with change_reason(ChangeEvent.Reason.MERGED, merged_into=kept.slug):
        delete(merged)
    assert events(taken)[-1] == ("unpublished", "taken_down")
    tombstone = ChangeEvent.objects.get(article_id=merged._id_before_delete, kind="deleted")
    assert (tombstone.reason, tombstone.merged_into) == ("merged", kept.slug)
    # The reason holds only inside the block.
    Article.objects.filter(pk=kept.pk).update(status=Article.Status.DRAFT)
    assert events(kept)[-1] == ("unpublished", "unpublished")


def test_unknown_reason_is_refused():
    with pytest.raises(ValueError, match="taken_down"):
        with change_reason("embarrassing"):
            pass


@pytest.mark.django_db(transaction=True)
def test_tag_caption_and_credit_changes_update_the_article():
    tag = make_tag("Smuggling")
    article = make_article(captions=["A guard post"])
    before = len(events(article))
    article.tags.add(tag)
    Photo.objects.filter(article=article).update(credit="Daily NK")
    article.credits.create(role="author", name="Kim")
    Photo.objects.filter(article=article).update(position=3)  # no text change, still part of the article
    assert events(article)[before:] == [("updated", "")] * 4


def test_one_update_per_transaction():
    # make_article writes the article, then its tags and photos, in one (the test's) transaction.
    article = make_article(captions=["One"], tags=[make_tag()])
    article.title = "Retitled"
    article.save()
    assert events(article) == [("created", "")]


def test_embargoed_article_enters_the_feed_when_its_time_comes(api_client):
    article = make_article("Scheduled report", publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert events(article) == []
    assert feed(api_client)["results"] == []
    # Time passes: the embargo is moved into the past behind the change triggers' back.
    past = timezone.now() - datetime.timedelta(minutes=1)
    with pgtrigger.ignore("archive.Article:article_changes_update"):
        Article.objects.filter(pk=article.pk).update(publish_at=past)
    ChangeEvent.objects.filter(article_id=article.pk).update(occurred_at=past)
    assert api_client.get(f"/api/v1/articles/{article.slug}/").status_code == 200
    results = feed(api_client)["results"]
    assert [(r["type"], r["article"]["slug"]) for r in results] == [("created", article.slug)]


def test_rescheduling_replaces_the_pending_event():
    article = make_article(publish_at=timezone.now() + datetime.timedelta(days=1))
    later = timezone.now() + datetime.timedelta(days=2)
    Article.objects.filter(pk=article.pk).update(publish_at=later)
    pending = ChangeEvent.objects.filter(article_id=article.pk, txid__isnull=True)
    assert [(e.kind, e.occurred_at) for e in pending] == [("created", later)]
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert not ChangeEvent.objects.filter(article_id=article.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_feed_pages_in_order_with_a_cursor(api_client):
    articles = [make_article(f"Report {n}") for n in range(5)]
    Article.objects.filter(pk=articles[0].pk).update(status=Article.Status.DRAFT)
    first = feed(api_client, page_size=3)
    assert first["has_more"] is True
    second = api_client.get(first["next"]).json()
    seen = [(r["type"], r["article"]["id"]) for r in first["results"] + second["results"]]
    assert seen == [("created", a.pk) for a in articles] + [("unpublished", articles[0].pk)]
    assert second["has_more"] is False
    tombstone = second["results"][-1]
    assert tombstone["reason"] == "unpublished" and tombstone["article"]["api_url"] is None
    # Polling the last cursor later gives only what happened since.
    Article.objects.filter(pk=articles[1].pk).update(title="Corrected")
    third = api_client.get(second["next"]).json()
    assert [(r["type"], r["article"]["id"]) for r in third["results"]] == [("updated", articles[1].pk)]
    assert api_client.get(third["next"]).json()["results"] == []


def test_since_starts_the_feed_at_a_moment(api_client):
    old = make_article()
    ChangeEvent.objects.filter(article_id=old.pk).update(occurred_at=timezone.now() - datetime.timedelta(days=3))
    new = make_article()
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert [r["article"]["id"] for r in feed(api_client, since=since)["results"]] == [new.pk]


def test_old_cursor_or_since_is_gone(api_client, settings):
    settings.ARCHIVE_CHANGES_RETENTION_DAYS = 30
    response = api_client.get("/api/v1/changes/", {"since": "2001-01-01"})
    assert response.status_code == 410
    assert "30 days" in response.json()["detail"]
    from archive.api.pagination import encode_cursor

    stale = encode_cursor({"o": "changes", "x": 1, "i": 1, "d": "2001-01-01"})
    assert api_client.get("/api/v1/changes/", {"cursor": stale}).status_code == 410


def test_bad_feed_parameters_are_named(api_client):
    for params, name in [
        ({"since": "yesterday"}, "since"),
        ({"cursor": "zzz"}, "cursor"),
        ({"page_size": "500"}, "page_size"),
    ]:
        response = api_client.get("/api/v1/changes/", params)
        assert response.status_code == 400
        assert name in response.json()["parameters"]


def test_prune_deletes_only_events_past_retention(settings):
    settings.ARCHIVE_CHANGES_RETENTION_DAYS = 10
    old, recent = make_article(), make_article()
    scheduled = make_article(publish_at=timezone.now() + datetime.timedelta(days=400))
    ChangeEvent.objects.filter(article_id=old.pk).update(occurred_at=timezone.now() - datetime.timedelta(days=11))
    call_command("prune_changes", verbosity=0)
    assert events(old) == [] and events(recent) == [("created", "")]
    assert ChangeEvent.objects.filter(article_id=scheduled.pk, txid__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_a_late_commit_never_slips_behind_a_cursor(api_client):
    """A transaction that began earlier but commits later is served before anything after it."""
    from django.db import connections

    a = make_article("Slow edit")
    other = connections.create_connection("default")
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("UPDATE archive_article SET title = 'Slow edit, corrected' WHERE id = %s", [a.pk])
        b = make_article("Quick publish")  # commits while the edit is still open

        first = feed(api_client)
        assert [(r["type"], r["article"]["id"]) for r in first["results"]] == [("created", a.pk)]
        other.commit()
    finally:
        other.close()
    second = api_client.get(first["next"]).json()
    assert [(r["type"], r["article"]["id"]) for r in second["results"]] == [("updated", a.pk), ("created", b.pk)]


def test_the_latest_tombstone_is_read_from_the_tombstone_index():
    """The API's lists date themselves by the latest tombstone. An archive that never unpublished
    anything has only "created" and "updated" events: the lookup must go to the few tombstones, not walk
    every event, so its filter has to stay the one the partial index is built on."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from archive.api.base import latest_tombstone

    delete(make_article("Taken down"))
    with CaptureQueriesContext(connection) as queries:
        assert latest_tombstone() is not None
    (lookup,) = queries.captured_queries
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would be read whole
        cursor.execute(f"EXPLAIN {lookup['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "changeevent_tombstone_idx" in plan
