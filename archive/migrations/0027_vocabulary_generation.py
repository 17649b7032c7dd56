"""The vocabulary's own generation (archive.search.cache): the part of the archive's generation that only
tags, aliases, synonym groups and promotions advance. What searches read once per generation (the names a
query expands through, editors' picks) is kept under it, so an import, which writes articles, does not
make every search read them again."""

from django.db import migrations, models

# The tables whose rows the expansion dictionary (archive.search.expansion) and the current promotions
# (archive.search.promotions) are read from.
VOCABULARY_TABLES = ("archive_tag", "archive_tagalias", "archive_synonymgroup", "archive_promotion")

FUNCTION = """
CREATE OR REPLACE FUNCTION archive_note_vocabulary_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- As archive_note_change() (migration 0024), counted in the vocabulary's weight too.
    INSERT INTO archive_archivechange (txid, weight, vocabulary_weight) VALUES (txid_current(), 1, 1)
    ON CONFLICT (txid) DO UPDATE SET weight = archive_archivechange.weight + 1,
                                     vocabulary_weight = archive_archivechange.vocabulary_weight + 1;
    PERFORM nextval('archive_generation_seq');
    PERFORM nextval('archive_vocabulary_seq');
    RETURN NULL;
END $$;
"""

TRIGGER = """
DROP TRIGGER IF EXISTS archive_generation_{table} ON {table};
CREATE TRIGGER archive_generation_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""


def triggers(function: str) -> str:
    return "".join(TRIGGER.format(table=table, function=function) for table in VOCABULARY_TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0026_changeevent_tombstone_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="archivechange",
            name="vocabulary_weight",
            field=models.BigIntegerField(db_default=0),
        ),
        migrations.RunSQL(
            "CREATE SEQUENCE archive_vocabulary_seq; " + FUNCTION + triggers("archive_note_vocabulary_change"),
            triggers("archive_note_change")
            + "DROP FUNCTION IF EXISTS archive_note_vocabulary_change(); DROP SEQUENCE IF EXISTS archive_vocabulary_seq;",
        ),
    ]
