"""Migration 0022: django-simple-history's rows become versions, and what it never saw gets a baseline."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from archive.history.versions import ARTICLE, versions
from archive.models import Article
from tests.factories import make_user

MIGRATION = ("archive", "0022_pghistory")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()


@pytest.mark.django_db(transaction=True)
def test_simple_history_rows_become_versions_and_imports_get_a_baseline():
    executor = MigrationExecutor(connection)
    before = [parent for parent in executor.loader.graph.node_map[MIGRATION].parents if parent.key[0] == "archive"]
    leaves = executor.loader.graph.leaf_nodes()
    migrate([before[0].key])
    try:
        edited, imported = _write_simple_history_era_rows()
    finally:
        migrate(leaves)

    newest, first = versions(ARTICLE, edited)
    assert (first.author.user, first.changes) == ("edith", ["created"])
    assert newest.author.user == "edith" and sorted(newest.changes) == ["changed title", "tag added: Hyesan"]
    [baseline] = versions(ARTICLE, imported)
    assert baseline.author.what == "as it stood when history moved to the database"
    assert sorted(baseline.changes) == ["photo: Dawn", "recorded as it was"]
    # The triggers work on the migrated database.
    Article.objects.filter(pk=imported).update(title="Imported, retitled")
    assert versions(ARTICLE, imported)[0].changes == ["changed title"]


def _write_simple_history_era_rows() -> tuple[int, int]:
    """An article an editor created, then retitled and tagged (as simple-history kept it), and one
    COPY-imported article that simple-history never saw; returns their ids."""
    editor = make_user("edith")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO archive_tag (name, slug, kind, description) VALUES ('Hyesan', 'hyesan', 'place', '') "
            "RETURNING id"
        )
        tag_id = cursor.fetchone()[0]
        for title, slug in (("Edited", "edited"), ("Imported", "imported")):
            cursor.execute(
                "INSERT INTO archive_article (title, slug, dek, body, original_url, external_id, language, status, "
                "needs_title, created_at, updated_at, version, tag_text, caption_text, tag_ids) "
                "VALUES (%s, %s, '', 'Body.', '', '', 'en', 'draft', false, now() - interval '1 day', now(), 1, "
                "'', '', '{}')",
                [title, slug],
            )
        cursor.execute("SELECT id FROM archive_article ORDER BY id")
        edited, imported = (row[0] for row in cursor.fetchall())
        cursor.execute(
            "INSERT INTO archive_articletag (article_id, tag_id) VALUES (%s, %s) RETURNING id", [edited, tag_id]
        )
        link_id = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO archive_photo (article_id, caption, credit, position, image, alt_text) "
            "VALUES (%s, 'Dawn', '', 0, '', '')",
            [imported],
        )
        for n, (title, kind, tags) in enumerate((("First draft", "+", []), ("Edited", "~", [tag_id]))):
            cursor.execute(
                "INSERT INTO archive_historicalarticle (id, title, slug, dek, body, original_url, external_id, "
                "language, status, needs_title, created_at, updated_at, version, history_date, history_type, "
                "history_user_id) VALUES (%s, %s, 'edited', '', 'Body.', '', '', 'en', 'draft', false, now(), now(), "
                "1, now() - interval '1 hour' + %s * interval '1 minute', %s, %s) RETURNING history_id",
                [edited, title, n, kind, editor.pk],
            )
            history_id = cursor.fetchone()[0]
            for tag in tags:
                cursor.execute(
                    "INSERT INTO archive_historicalarticletag (id, history_id, article_id, tag_id) "
                    "VALUES (%s, %s, %s, %s)",
                    [link_id, history_id, edited, tag],
                )

    return edited, imported
