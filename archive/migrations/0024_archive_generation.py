"""The archive's generation (archive.models.ArchiveChange), advanced by triggers on every table a public
search result is made of, and an index for the latest publication time passed (archive.search.cache)."""

from django.db import migrations, models

# Every table whose rows a public search result or its page shows or ranks by.
TRACKED_TABLES = (
    "archive_article",
    "archive_articletag",
    "archive_tag",
    "archive_tagalias",
    "archive_synonymgroup",
    "archive_promotion",
    "archive_photo",
    "archive_credit",
    "archive_source",
    "archive_searchstats",
    "archive_searchterm",
    "archive_searchword",
    "archive_searchimpact",
)

FUNCTION = """
CREATE OR REPLACE FUNCTION archive_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One row per writing transaction: concurrent writers never wait on each other here.
    INSERT INTO archive_archivechange (txid, weight) VALUES (txid_current(), 1)
    ON CONFLICT (txid) DO UPDATE SET weight = archive_archivechange.weight + 1;
    -- Not rolled back with the transaction: a sum a rolled-back write leaves as it was still comes
    -- with a different number, so nothing cached while it ran is taken for what follows.
    PERFORM nextval('archive_generation_seq');
    RETURN NULL;
END $$;
"""

TRIGGER = """
CREATE TRIGGER archive_generation_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION archive_note_change();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0023_photo_history"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArchiveChange",
            fields=[
                ("txid", models.BigIntegerField(primary_key=True, serialize=False)),
                ("weight", models.BigIntegerField(db_default=1)),
            ],
        ),
        migrations.RunSQL(
            "INSERT INTO archive_archivechange (txid, weight) VALUES (0, 0); CREATE SEQUENCE archive_generation_seq",
            "DROP SEQUENCE IF EXISTS archive_generation_seq",
        ),
        migrations.RunSQL(
            FUNCTION + "".join(TRIGGER.format(table=table) for table in TRACKED_TABLES),
            "".join(f"DROP TRIGGER IF EXISTS archive_generation_{table} ON {table};" for table in TRACKED_TABLES)
            + "DROP FUNCTION IF EXISTS archive_note_change();",
        ),
        # The latest embargo passed: max(publish_at) up to now, read backwards from this index.
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS article_publish_at_idx ON archive_article (publish_at) "
            "WHERE publish_at IS NOT NULL",
            "DROP INDEX IF EXISTS article_publish_at_idx",
        ),
    ]
