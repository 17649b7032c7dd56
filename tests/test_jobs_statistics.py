"""The search statistics keep up by themselves: a refresh job is queued by writes and run by the worker,
and a command-line import refreshes them itself before it returns."""

import json

import pytest
from django.core.management import call_command

from archive import workflow
from archive.models import Article, SearchStats
from archive.search import did_you_mean, refresh_search_stats
from tests.jobs_support import clear_queue, jobs, run_worker

NEW_WORD = "quillwort"
MISSPELT = "quilwort"


@pytest.fixture
def queue(transactional_db):
    clear_queue()
    yield
    clear_queue()


@pytest.fixture
def refreshed_archive(make_article, queue):
    for n in range(3):
        make_article(f"Harvest report {n}", body="Rice and maize along the river.", status="published")
    refresh_search_stats(full=True)
    clear_queue()  # the saves above queued a refresh of their own


def write_import(tmp_path, word: str):
    path = tmp_path / "new.jsonl"
    record = {"external_id": "w-1", "title": f"The {word} of the marshes", "body": f"A {word} grows here."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_the_refresh_job_queued_by_an_import_makes_a_new_word_did_you_mean_able(refreshed_archive, tmp_path):
    call_command("import_articles", str(write_import(tmp_path, NEW_WORD)), "--publish", "--no-refresh", verbosity=0)
    assert did_you_mean([MISSPELT]) is None  # not known yet: nothing refreshed the vocabulary
    assert jobs() == [("refresh_search_statistics", "todo")]

    run_worker()

    assert jobs() == [("refresh_search_statistics", "succeeded")]
    assert did_you_mean([MISSPELT]) == NEW_WORD


def test_a_command_line_import_refreshes_the_statistics_itself(refreshed_archive, tmp_path, capsys):
    before = SearchStats.objects.get().refreshed_at
    call_command("import_articles", str(write_import(tmp_path, NEW_WORD)), "--publish")

    assert "Search statistics: full refresh" in capsys.readouterr().out  # a small archive is refreshed whole
    assert SearchStats.objects.get().refreshed_at > before
    assert did_you_mean([MISSPELT]) == NEW_WORD  # with no worker run
    assert jobs() == []  # and nothing left for a worker to do


def test_editors_bulk_publish_queues_one_refresh_however_many_articles(refreshed_archive, make_article):
    drafts = [make_article(f"Draft {n}", body=f"The {NEW_WORD} count {n}.", status="draft") for n in range(3)]
    clear_queue()
    workflow.set_status(Article.objects.filter(pk__in=[a.pk for a in drafts]), Article.Status.PUBLISHED)
    assert jobs() == [("refresh_search_statistics", "todo")]  # coalesced: one waiting at a time

    workflow.set_status(Article.objects.filter(pk=drafts[0].pk), Article.Status.ARCHIVED)
    assert jobs() == [("refresh_search_statistics", "todo")]

    run_worker()
    assert did_you_mean([MISSPELT]) == NEW_WORD


def test_a_worker_that_was_down_loses_nothing(refreshed_archive, make_article):
    """Jobs queued while no worker runs wait in the database, and run when one starts."""
    make_article("Marsh survey", body=f"A {NEW_WORD} again.", status="published")
    make_article("Second marsh survey", body="Reeds.", status="published")
    assert jobs() == [("refresh_search_statistics", "todo")]
    assert did_you_mean([MISSPELT]) is None
    run_worker()
    assert did_you_mean([MISSPELT]) == NEW_WORD
