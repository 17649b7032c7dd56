"""Articles carry their tag ids (kept by the text refresh function), with a GIN index for tag filters.

The backfill is one UPDATE; updated_at does not move (tag_ids is not content: see ARTICLE_CONTENT_FIELDS).
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

from archive.textsearch import REFRESH_FUNCTION_SQL

# The function as it was before (migration 0001), for the way back.
PREVIOUS_REFRESH_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION archive_refresh_article_text(article_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    WITH fresh AS (
        SELECT a.id,
               coalesce((
                   SELECT string_agg(t.name || coalesce(' ' || (
                              SELECT string_agg(al.name, ' ' ORDER BY al.name)
                              FROM archive_tagalias al WHERE al.tag_id = t.id), ''), ' ; ' ORDER BY t.name)
                   FROM archive_articletag at JOIN archive_tag t ON t.id = at.tag_id
                   WHERE at.article_id = a.id), '') AS tag_text,
               coalesce((
                   SELECT string_agg(p.caption, ' ; ' ORDER BY p.position, p.id)
                   FROM archive_photo p WHERE p.article_id = a.id), '') AS caption_text
        FROM archive_article a
        WHERE a.id = ANY(article_ids)
    )
    UPDATE archive_article a
    SET tag_text = fresh.tag_text, caption_text = fresh.caption_text
    FROM fresh
    WHERE a.id = fresh.id
      AND (a.tag_text, a.caption_text) IS DISTINCT FROM (fresh.tag_text, fresh.caption_text);
$$;
"""

BACKFILL_SQL = """
UPDATE archive_article a SET tag_ids = x.ids
FROM (SELECT article_id, array_agg(tag_id ORDER BY tag_id) AS ids FROM archive_articletag GROUP BY article_id) x
WHERE a.id = x.article_id;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0011_search_vector_names_and_hangul"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="tag_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), blank=True, default=list, editable=False, size=None
            ),
        ),
        migrations.RunSQL(REFRESH_FUNCTION_SQL, PREVIOUS_REFRESH_FUNCTION_SQL),
        migrations.RunSQL(BACKFILL_SQL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(fields=["tag_ids"], name="article_tag_ids_idx"),
        ),
    ]
