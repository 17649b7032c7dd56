"""History kept by database triggers (django-pghistory) instead of django-simple-history.

The event tables and their triggers, generated; then, written by hand (below the imports): the
database's own context for writes outside any, django-simple-history's rows carried over as events,
a baseline for what no history covered, and the old tables dropped.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

# ---------------------------------------------------------------------------------------------------------
# Hand-written: who made a write outside any context, and the history kept so far.

# pghistory's _pgh_attach_context() (its migration 0004), extended: a write outside any
# pghistory.context() (a script, psql) gets a context of its own, one per transaction, naming the
# application and database user, so no change is anonymous and a transaction's changes read as one
# version. The rest is the library's function as it stands.
ATTACH_CONTEXT_SQL = """
CREATE OR REPLACE FUNCTION _pgh_attach_context() RETURNS pghistory_context.id%TYPE AS $$
    DECLARE
        _pgh_context_id UUID;
        _pgh_context_metadata JSONB;
    BEGIN
        _pgh_context_id := NULLIF(CURRENT_SETTING('pghistory.context_id', TRUE), '')::UUID;
        _pgh_context_metadata := NULLIF(CURRENT_SETTING('pghistory.context_metadata', TRUE), '')::JSONB;
        IF _pgh_context_id IS NULL OR _pgh_context_metadata IS NULL THEN
            _pgh_context_id := gen_random_uuid();
            _pgh_context_metadata := jsonb_build_object(
                'script', true,
                'application', CURRENT_SETTING('application_name', TRUE),
                'db_user', SESSION_USER
            );
            PERFORM set_config('pghistory.context_id', _pgh_context_id::TEXT, TRUE);
            PERFORM set_config('pghistory.context_metadata', _pgh_context_metadata::TEXT, TRUE);
        END IF;
        INSERT INTO pghistory_context (id, metadata, created_at, updated_at)
            VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
            ON CONFLICT (id) DO UPDATE
                SET metadata = EXCLUDED.metadata, updated_at = EXCLUDED.updated_at
                WHERE pghistory_context.metadata != EXCLUDED.metadata;
        RETURN _pgh_context_id;
    END;
$$ LANGUAGE plpgsql;
"""


def restore_library_attach_context(apps, schema_editor):
    from pghistory.models import Context

    Context.install_pgh_attach_context_func(using=schema_editor.connection.alias)


# django-simple-history's rows become events. Its records have no context: the changes one user made
# within the same second (an article and its inlines) become one context, that is one version.
SIMPLE_HISTORY_CONTEXT = (
    "md5('simple-history:' || coalesce(h.history_user_id::text, '') || ':' "
    "|| date_trunc('second', h.history_date)::text)::uuid"
)
SIMPLE_HISTORY_LABEL = "CASE h.history_type WHEN '+' THEN 'insert' WHEN '-' THEN 'delete' ELSE 'update' END"
SIMPLE_HISTORY_TABLES = {
    "archive_historicalarticle": (
        "archive_articleevent",
        "id, title, slug, dek, body, source_id, original_url, external_id, published_at, language, status, "
        "publish_at, needs_title",
    ),
    "archive_historicalphoto": ("archive_photoevent", "id, article_id, caption, credit, position, image"),
    "archive_historicalcredit": ("archive_creditevent", "id, article_id, role, name, position"),
    "archive_historicaltag": ("archive_tagevent", "id, name, slug, kind, description"),
    "archive_historicaltagalias": ("archive_tagaliasevent", "id, tag_id, name"),
}


def _simple_history_sql() -> str:
    contexts = " UNION ALL ".join(
        f"SELECT {SIMPLE_HISTORY_CONTEXT} AS ctx, h.history_date, h.history_user_id, h.history_change_reason "
        f"FROM {table} h"
        for table in SIMPLE_HISTORY_TABLES
    )
    statements = [
        f"""
        INSERT INTO pghistory_context (id, created_at, updated_at, metadata)
        SELECT DISTINCT ON (ctx) ctx, history_date, history_date,
            CASE WHEN history_user_id IS NULL AND history_change_reason IS NULL
                THEN jsonb_build_object('label', 'a script or import (recorded by django-simple-history)')
                ELSE jsonb_strip_nulls(jsonb_build_object('user', history_user_id, 'label', history_change_reason))
            END
        FROM ({contexts}) AS s
        ORDER BY ctx, history_date
        ON CONFLICT (id) DO NOTHING
        """
    ]
    for table, (events, columns) in SIMPLE_HISTORY_TABLES.items():
        statements.append(
            f"""
            INSERT INTO {events} (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, {columns})
            SELECT h.history_date, {SIMPLE_HISTORY_LABEL}, h.id, {SIMPLE_HISTORY_CONTEXT}, {columns}
            FROM {table} h ORDER BY h.history_date, h.history_id
            """
        )
    # Tags: simple-history kept the whole tag set with each article record; the events are its differences.
    statements.append(
        f"""
        WITH sets AS (
            SELECT h.history_id, h.id AS article_id, h.history_date, {SIMPLE_HISTORY_CONTEXT} AS ctx,
                coalesce(array_agg(t.tag_id) FILTER (WHERE t.tag_id IS NOT NULL), '{{}}') AS tags
            FROM archive_historicalarticle h
            LEFT JOIN archive_historicalarticletag t ON t.history_id = h.history_id
            GROUP BY h.history_id
        ), ordered AS (
            SELECT *, coalesce(lag(tags) OVER (PARTITION BY article_id ORDER BY history_date, history_id), '{{}}')
                AS before
            FROM sets
        ), changes AS (
            SELECT o.history_date, o.history_id, o.ctx, o.article_id, tag_id, 'insert' AS label
            FROM ordered o, unnest(o.tags) AS tag_id WHERE NOT tag_id = ANY(o.before)
            UNION ALL
            SELECT o.history_date, o.history_id, o.ctx, o.article_id, tag_id, 'delete'
            FROM ordered o, unnest(o.before) AS tag_id WHERE NOT tag_id = ANY(o.tags)
        ), pairs AS MATERIALIZED (
            SELECT p.article_id, p.tag_id, coalesce(link.id, nextval(pg_get_serial_sequence('archive_articletag', 'id')))
                AS link_id
            FROM (SELECT DISTINCT article_id, tag_id FROM changes) AS p
            LEFT JOIN archive_articletag link ON link.article_id = p.article_id AND link.tag_id = p.tag_id
        )
        INSERT INTO archive_articletagevent (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, id, article_id, tag_id)
        SELECT c.history_date, c.label, p.link_id, c.ctx, p.link_id, c.article_id, c.tag_id
        FROM changes c JOIN pairs p ON p.article_id = c.article_id AND p.tag_id = c.tag_id
        ORDER BY c.history_date, c.history_id
        """
    )
    return ";\n".join(statements)


# What no history row covers yet (imports by COPY and bulk_create, which simple-history never saw) is
# recorded as it stands, dated when its article was created, so every article has a first version to
# go back to.
BASELINE_CONTEXT = "md5('baseline')::uuid"
BASELINE_SQL = f"""
INSERT INTO pghistory_context (id, created_at, updated_at, metadata)
VALUES ({BASELINE_CONTEXT}, now(), now(), '{{"label": "as it stood when history moved to the database"}}')
ON CONFLICT (id) DO NOTHING;

INSERT INTO archive_articleevent (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, id, title, slug, dek,
    body, source_id, original_url, external_id, published_at, language, status, publish_at, needs_title)
SELECT a.created_at, 'baseline', a.id, {BASELINE_CONTEXT}, a.id, a.title, a.slug, a.dek, a.body, a.source_id,
    a.original_url, a.external_id, a.published_at, a.language, a.status, a.publish_at, a.needs_title
FROM archive_article a
WHERE NOT EXISTS (SELECT 1 FROM archive_articleevent e WHERE e.pgh_obj_id = a.id);

INSERT INTO archive_articletagevent (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, id, article_id, tag_id)
SELECT a.created_at, 'baseline', r.id, {BASELINE_CONTEXT}, r.id, r.article_id, r.tag_id
FROM archive_articletag r JOIN archive_article a ON a.id = r.article_id
WHERE NOT EXISTS (SELECT 1 FROM archive_articletagevent e WHERE e.pgh_obj_id = r.id);

INSERT INTO archive_photoevent (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, id, article_id, caption,
    credit, position, image)
SELECT a.created_at, 'baseline', r.id, {BASELINE_CONTEXT}, r.id, r.article_id, r.caption, r.credit, r.position,
    r.image
FROM archive_photo r JOIN archive_article a ON a.id = r.article_id
WHERE NOT EXISTS (SELECT 1 FROM archive_photoevent e WHERE e.pgh_obj_id = r.id);

INSERT INTO archive_creditevent (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, id, article_id, role,
    name, position)
SELECT a.created_at, 'baseline', r.id, {BASELINE_CONTEXT}, r.id, r.article_id, r.role, r.name, r.position
FROM archive_credit r JOIN archive_article a ON a.id = r.article_id
WHERE NOT EXISTS (SELECT 1 FROM archive_creditevent e WHERE e.pgh_obj_id = r.id);

INSERT INTO archive_tagevent (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, id, name, slug, kind,
    description)
SELECT now(), 'baseline', r.id, {BASELINE_CONTEXT}, r.id, r.name, r.slug, r.kind, r.description
FROM archive_tag r
WHERE NOT EXISTS (SELECT 1 FROM archive_tagevent e WHERE e.pgh_obj_id = r.id);

INSERT INTO archive_tagaliasevent (pgh_created_at, pgh_label, pgh_obj_id, pgh_context_id, id, tag_id, name)
SELECT now(), 'baseline', r.id, {BASELINE_CONTEXT}, r.id, r.tag_id, r.name
FROM archive_tagalias r
WHERE NOT EXISTS (SELECT 1 FROM archive_tagaliasevent e WHERE e.pgh_obj_id = r.id);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0021_photo_images"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("title", models.CharField(max_length=500)),
                ("slug", models.SlugField(db_index=False, max_length=200)),
                (
                    "dek",
                    models.TextField(blank=True, help_text="The standfirst: a sentence or two under the headline."),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True, help_text="Paragraphs separated by blank lines; a line starting ## is a subhead."
                    ),
                ),
                ("original_url", models.URLField(blank=True, max_length=1000)),
                (
                    "external_id",
                    models.CharField(
                        blank=True,
                        help_text="The article's id in the system it came from; imports update by it.",
                        max_length=200,
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("language", models.CharField(default="en", max_length=10)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "Review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Embargo: the article appears publicly at this moment, not before.",
                        null=True,
                    ),
                ),
                (
                    "needs_title",
                    models.BooleanField(default=False, help_text="The source had no headline; the title was derived."),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ArticleTagEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="CreditEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("author", "Author"),
                            ("translator", "Translator"),
                            ("editor", "Editor"),
                            ("photographer", "Photographer"),
                        ],
                        default="author",
                        max_length=20,
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("position", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="PhotoEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("caption", models.TextField(blank=True)),
                ("credit", models.CharField(blank=True, max_length=300)),
                ("position", models.PositiveIntegerField(default=0)),
                ("image", models.FileField(blank=True, upload_to="photos/%Y/%m/")),
            ],
        ),
        migrations.CreateModel(
            name="TagAliasEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("name", models.CharField(max_length=200)),
            ],
        ),
        migrations.CreateModel(
            name="TagEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("name", models.CharField(max_length=200)),
                ("slug", models.SlugField(db_index=False, max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("topic", "Topic"),
                            ("place", "Place"),
                            ("organization", "Organization"),
                            ("person", "Person"),
                        ],
                        default="topic",
                        max_length=20,
                    ),
                ),
                ("description", models.TextField(blank=True)),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="article",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_articleevent" ("body", "dek", "external_id", "id", "language", "needs_title", "original_url", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_at", "slug", "source_id", "status", "title") SELECT new_values."body", new_values."dek", new_values."external_id", new_values."id", new_values."language", new_values."needs_title", new_values."original_url", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."publish_at", new_values."published_at", new_values."slug", new_values."source_id", new_values."status", new_values."title" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="ee2490338b0cdd24b7aa92b54c9f8167be48ed7e",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_d1949",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="archive_article",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="article",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_articleevent" ("body", "dek", "external_id", "id", "language", "needs_title", "original_url", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_at", "slug", "source_id", "status", "title") SELECT new_values."body", new_values."dek", new_values."external_id", new_values."id", new_values."language", new_values."needs_title", new_values."original_url", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."publish_at", new_values."published_at", new_values."slug", new_values."source_id", new_values."status", new_values."title" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values."body" IS DISTINCT FROM (new_values."body") OR old_values."dek" IS DISTINCT FROM (new_values."dek") OR old_values."external_id" IS DISTINCT FROM (new_values."external_id") OR old_values."id" IS DISTINCT FROM (new_values."id") OR old_values."language" IS DISTINCT FROM (new_values."language") OR old_values."needs_title" IS DISTINCT FROM (new_values."needs_title") OR old_values."original_url" IS DISTINCT FROM (new_values."original_url") OR old_values."publish_at" IS DISTINCT FROM (new_values."publish_at") OR old_values."published_at" IS DISTINCT FROM (new_values."published_at") OR old_values."slug" IS DISTINCT FROM (new_values."slug") OR old_values."source_id" IS DISTINCT FROM (new_values."source_id") OR old_values."status" IS DISTINCT FROM (new_values."status") OR old_values."title" IS DISTINCT FROM (new_values."title")) ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="c0b815fd8388f9e83ec00694b259fbdbe0b90547",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_4266a",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="archive_article",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="article",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_articleevent" ("body", "dek", "external_id", "id", "language", "needs_title", "original_url", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_at", "slug", "source_id", "status", "title") SELECT old_values."body", old_values."dek", old_values."external_id", old_values."id", old_values."language", old_values."needs_title", old_values."original_url", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."publish_at", old_values."published_at", old_values."slug", old_values."source_id", old_values."status", old_values."title" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;',
                    hash="728166d8aa4709b1667451bb208158f548cfbd98",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_fdf42",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="archive_article",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="articletag",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_articletagevent" ("article_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tag_id") SELECT new_values."article_id", new_values."id", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."tag_id" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="d51141e6a3aaa0345d02ae59ad24528878568a0c",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_8a247",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="archive_articletag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="articletag",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_articletagevent" ("article_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tag_id") SELECT new_values."article_id", new_values."id", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."tag_id" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values.* IS DISTINCT FROM new_values.*) ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="18082e3d29097a7fbb762d8908414c441f836889",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_712e0",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="archive_articletag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="articletag",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_articletagevent" ("article_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tag_id") SELECT old_values."article_id", old_values."id", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."tag_id" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;',
                    hash="66e821cb28f3f212058b94c707d1516687e4bd5f",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_e5c30",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="archive_articletag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="credit",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_creditevent" ("article_id", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "role") SELECT new_values."article_id", new_values."id", new_values."name", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."position", new_values."role" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="41de92e32c919bc32713d0ebb8852db853b76c5d",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_ef285",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="archive_credit",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="credit",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_creditevent" ("article_id", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "role") SELECT new_values."article_id", new_values."id", new_values."name", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."position", new_values."role" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values.* IS DISTINCT FROM new_values.*) ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="bf1e99232b480ddc57976d74b89b387ad370ade8",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_e0c9b",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="archive_credit",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="credit",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_creditevent" ("article_id", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "role") SELECT old_values."article_id", old_values."id", old_values."name", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."position", old_values."role" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;',
                    hash="0e3138fa38cb2a1bd1786765102089f2e039efb0",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_a8248",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="archive_credit",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="photo",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_photoevent" ("article_id", "caption", "credit", "id", "image", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position") SELECT new_values."article_id", new_values."caption", new_values."credit", new_values."id", new_values."image", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."position" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="059a2a2f81ca0d202d102b299e705ea2c7ad3d84",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_2a872",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="archive_photo",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="photo",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_photoevent" ("article_id", "caption", "credit", "id", "image", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position") SELECT new_values."article_id", new_values."caption", new_values."credit", new_values."id", new_values."image", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."position" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values.* IS DISTINCT FROM new_values.*) ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="221fc34a46b88d621be0312ba117eab327f8b98d",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_44f25",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="archive_photo",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="photo",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_photoevent" ("article_id", "caption", "credit", "id", "image", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position") SELECT old_values."article_id", old_values."caption", old_values."credit", old_values."id", old_values."image", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."position" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;',
                    hash="49a63591b469f0f5117da3950a1ab07618983691",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_e8b0c",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="archive_photo",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="tag",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_tagevent" ("description", "id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "slug") SELECT new_values."description", new_values."id", new_values."kind", new_values."name", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."slug" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="9869b6f95ed3a1d1e8eadc1fe563dc3bd169c005",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_cb276",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="archive_tag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="tag",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_tagevent" ("description", "id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "slug") SELECT new_values."description", new_values."id", new_values."kind", new_values."name", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."slug" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values.* IS DISTINCT FROM new_values.*) ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="57a43af8e67aa38f856b4b2e0c0a6e1b787312a8",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_71e5f",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="archive_tag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="tag",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_tagevent" ("description", "id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "slug") SELECT old_values."description", old_values."id", old_values."kind", old_values."name", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."slug" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;',
                    hash="4e59384b3b6b4b2678da0f901e3b4efb0815e90a",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_f9f88",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="archive_tag",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="tagalias",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_tagaliasevent" ("id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tag_id") SELECT new_values."id", new_values."name", _pgh_attached_context.value, clock_timestamp(), \'insert\', new_values."id", new_values."tag_id" FROM ( SELECT new_values.* FROM new_values  ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="d22fa70a5a1495e8bec1c85f3ca04e37b933adf9",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_eb8a3",
                    referencing="REFERENCING NEW TABLE AS new_values ",
                    table="archive_tagalias",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="tagalias",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_tagaliasevent" ("id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tag_id") SELECT new_values."id", new_values."name", _pgh_attached_context.value, clock_timestamp(), \'update\', new_values."id", new_values."tag_id" FROM ( SELECT new_values.* FROM old_values JOIN new_values ON (old_values."id") = (new_values."id") WHERE (old_values.* IS DISTINCT FROM new_values.*) ) AS new_values, _pgh_attached_context; RETURN NULL;',
                    hash="e95876765ad1d14087069df47d1d379e04a58947",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_7bbbf",
                    referencing="REFERENCING OLD TABLE AS old_values  NEW TABLE AS new_values ",
                    table="archive_tagalias",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="tagalias",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='WITH _pgh_attached_context AS ( SELECT _pgh_attach_context() AS value ) INSERT INTO "archive_tagaliasevent" ("id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tag_id") SELECT old_values."id", old_values."name", _pgh_attached_context.value, clock_timestamp(), \'delete\', old_values."id", old_values."tag_id" FROM ( SELECT old_values.* FROM old_values  ) AS old_values, _pgh_attached_context; RETURN NULL;',
                    hash="f78ff1dbdc09dd018b6ee6b36e5941c84c02ce7c",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_3e1d8",
                    referencing="REFERENCING OLD TABLE AS old_values ",
                    table="archive_tagalias",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddField(
            model_name="articleevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="articleevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to="archive.article"
            ),
        ),
        migrations.AddField(
            model_name="articleevent",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="archive.source",
            ),
        ),
        migrations.AddField(
            model_name="articletagevent",
            name="article",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="archive.article",
            ),
        ),
        migrations.AddField(
            model_name="articletagevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="articletagevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="archive.articletag",
            ),
        ),
        migrations.AddField(
            model_name="articletagevent",
            name="tag",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="archive.tag",
            ),
        ),
        migrations.AddField(
            model_name="creditevent",
            name="article",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="archive.article",
            ),
        ),
        migrations.AddField(
            model_name="creditevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="creditevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, to="archive.credit"
            ),
        ),
        migrations.AddField(
            model_name="photoevent",
            name="article",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="archive.article",
            ),
        ),
        migrations.AddField(
            model_name="photoevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="photoevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, to="archive.photo"
            ),
        ),
        migrations.AddField(
            model_name="tagaliasevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="tagaliasevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="archive.tagalias",
            ),
        ),
        migrations.AddField(
            model_name="tagaliasevent",
            name="tag",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="archive.tag",
            ),
        ),
        migrations.AddField(
            model_name="tagevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="tagevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to="archive.tag"
            ),
        ),
        migrations.AddIndex(
            model_name="articleevent",
            index=models.Index(fields=["pgh_created_at"], name="articleevent_created_idx"),
        ),
        migrations.AddIndex(
            model_name="articletagevent",
            index=models.Index(fields=["article"], name="articletagevent_article_idx"),
        ),
        migrations.AddIndex(
            model_name="creditevent",
            index=models.Index(fields=["article"], name="creditevent_article_idx"),
        ),
        migrations.AddIndex(
            model_name="photoevent",
            index=models.Index(fields=["article"], name="photoevent_article_idx"),
        ),
        migrations.AddIndex(
            model_name="tagaliasevent",
            index=models.Index(fields=["tag"], name="tagaliasevent_tag_idx"),
        ),
        migrations.RunSQL(ATTACH_CONTEXT_SQL, reverse_sql=migrations.RunSQL.noop),
        migrations.RunPython(migrations.RunPython.noop, restore_library_attach_context),
        migrations.RunSQL(_simple_history_sql(), reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(BASELINE_SQL, reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveField(
            model_name="historicalarticle",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalarticle",
            name="source",
        ),
        migrations.RemoveField(
            model_name="historicalarticletag",
            name="history",
        ),
        migrations.RemoveField(
            model_name="historicalarticletag",
            name="article",
        ),
        migrations.RemoveField(
            model_name="historicalarticletag",
            name="tag",
        ),
        migrations.RemoveField(
            model_name="historicalcredit",
            name="article",
        ),
        migrations.RemoveField(
            model_name="historicalcredit",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalphoto",
            name="article",
        ),
        migrations.RemoveField(
            model_name="historicalphoto",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicaltag",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicaltagalias",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicaltagalias",
            name="tag",
        ),
        migrations.DeleteModel(
            name="HistoricalArticle",
        ),
        migrations.DeleteModel(
            name="HistoricalArticleTag",
        ),
        migrations.DeleteModel(
            name="HistoricalCredit",
        ),
        migrations.DeleteModel(
            name="HistoricalPhoto",
        ),
        migrations.DeleteModel(
            name="HistoricalTag",
        ),
        migrations.DeleteModel(
            name="HistoricalTagAlias",
        ),
    ]
