"""An import ends by doing what autovacuum would do next (vacuum and analyse the tables it wrote past
autovacuum's thresholds), in its own backend at its own priority, so that no autovacuum worker at the
server's priority follows it while readers search."""

import json

import pytest
from django.db import connection, transaction

from archive.importers.files import Importer
from archive.importers.vacuum import due_tables, tidy_after_import
from tests.commands import run_import

pytestmark = pytest.mark.django_db(transaction=True)

# The tables an import of articles writes; autovacuum is kept off them here so that it cannot do the work first.
WRITTEN = ("archive_article", "archive_articletag", "archive_tag")


@pytest.fixture
def no_autovacuum():
    with connection.cursor() as cursor:
        for table in WRITTEN:
            cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
    yield
    with connection.cursor() as cursor:
        for table in WRITTEN:
            cursor.execute(f"ALTER TABLE {table} RESET (autovacuum_enabled)")


def articles_file(tmp_path, count: int):
    path = tmp_path / "wire.jsonl"
    lines = (
        {
            "external_id": f"w{n}",
            "source": "Wire",
            "title": f"Fence report {n}",
            "body": f"Report {n} on the fence.",
            "tags": ["Fences"],
        }
        for n in range(count)
    )
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def manual_upkeep(table: str) -> tuple[int, int]:
    """How often `table` was vacuumed and analysed by a command, not by autovacuum."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT vacuum_count, analyze_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()


def test_an_import_leaves_autovacuum_nothing_to_do(tmp_path, no_autovacuum):
    vacuums_before, analyses_before = manual_upkeep("archive_article")
    out, _, error = run_import(articles_file(tmp_path, 1200), "--publish")
    assert error is None
    assert "Upkeep: " in out and "vacuumed or analysed" in out
    assert due_tables() == []
    vacuums_after, analyses_after = manual_upkeep("archive_article")
    # 1 200 new rows pass autovacuum's insert threshold (1 000 rows on an empty table) and its analyse threshold.
    assert vacuums_after == vacuums_before + 1
    assert analyses_after > analyses_before


def test_only_tables_past_autovacuums_thresholds_are_touched(tmp_path, no_autovacuum):
    with transaction.atomic():  # inside a transaction VACUUM cannot run: the import leaves the work
        summary = Importer(publish=True).run([articles_file(tmp_path, 120)])
    assert summary.created == 120 and summary.tidied is None
    due = {table.name: table for table in due_tables()}
    # 120 rows: past the analyse threshold (50 + 10 %), not the vacuum ones (1 000 inserted, or 50 + 20 % dead).
    assert due["archive_article"].analyze and not due["archive_article"].vacuum
    tidied = tidy_after_import()
    assert "archive_article" in tidied.analyzed and "archive_article" not in tidied.vacuumed
    assert "archive_article" not in {table.name for table in due_tables()}
    # Nothing new written: nothing to do, and a second run does nothing.
    assert tidy_after_import().analyzed == ()


def test_a_dry_run_tidies_nothing(tmp_path, no_autovacuum):
    before = manual_upkeep("archive_article")
    out, _, error = run_import(articles_file(tmp_path, 1200), "--dry-run")
    assert error is None and "Upkeep" not in out
    assert manual_upkeep("archive_article") == before
