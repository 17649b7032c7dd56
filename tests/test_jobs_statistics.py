"""The search statistics keep up by themselves: a refresh job is queued by writes and run by the worker,
and a command-line import refreshes them itself before it returns."""

import json

import pytest
from django.core.management import call_command
from django.db import transaction

from archive import jobs as archive_jobs
from archive import workflow
from archive.importers.files import Importer
from archive.models import Article, SearchStats
from archive.search import did_you_mean, hold_statistics, refresh_search_stats
from tests.jobs_support import clear_queue, jobs, make_due, run_worker

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


def write_import(tmp_path, word: str, name: str = "new"):
    path = tmp_path / f"{name}.jsonl"
    record = {"external_id": f"{name}-1", "title": f"The {word} of the marshes", "body": f"A {word} grows here."}
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


def test_a_worker_refresh_while_an_import_writes_waits_for_its_articles(refreshed_archive, make_article):
    """An import's file transaction dates its articles as it writes them, but the worker sees them only at
    its commit. A refresh in between would date itself past them unread, and they would never reach the
    vocabulary: the worker's refresh yields to the open import and runs again once it has committed."""
    archive_jobs.refresh_soon()  # a refresh due while the import runs
    with transaction.atomic():
        hold_statistics()  # as the importer does first in each file's transaction
        make_article("Marsh survey", body=f"A {NEW_WORD} in the reeds.", status="published")
        run_worker()
    assert jobs() == [("refresh_search_statistics", "succeeded"), ("refresh_search_statistics", "todo")]
    assert did_you_mean([MISSPELT]) is None  # the worker's first try found the statistics held

    assert make_due("refresh_search_statistics") == 1  # the retry, 30 s later, without waiting
    run_worker()
    assert did_you_mean([MISSPELT]) == NEW_WORD


def test_each_json_lines_file_is_refreshed_in_its_own_transaction_and_raw_text_once_at_the_end(
    refreshed_archive, tmp_path
):
    files = [write_import(tmp_path, word, name=f"part{n}") for n, word in enumerate((NEW_WORD, "bladderwort"))]
    for n in range(2):
        (tmp_path / f"story{n}.txt").write_text(f"Marsh story {n}\n\nThe reeds grow tall this year, story {n}.\n")
    summary = Importer(publish=True, refresh_statistics=True).run([*files, *tmp_path.glob("story*.txt")])

    assert summary.created == 4
    # One per JSON Lines file, before it committed; one for both raw text files, after theirs.
    assert [r["changed"] for r in summary.refreshes] == [1, 1, 2]
    assert did_you_mean(["bladerwort"]) == "bladderwort"


def test_a_full_refresh_asked_for_runs_once_on_the_worker_beside_a_waiting_incremental_one(refreshed_archive):
    archive_jobs.refresh_soon()
    archive_jobs.queue_full_refresh()
    archive_jobs.queue_full_refresh()  # asked twice before it ran: one job
    assert jobs() == [("refresh_search_statistics", "todo"), ("refresh_search_statistics", "todo")]
    before = SearchStats.objects.get().refreshed_at

    run_worker()

    assert jobs() == [("refresh_search_statistics", "succeeded")] * 2
    assert SearchStats.objects.get().refreshed_at > before
