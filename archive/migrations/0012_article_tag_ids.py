"""Articles carry their tag ids (kept by the text refresh function), with a GIN index for tag filters.

The backfill is one UPDATE; updated_at does not move (tag_ids is not content: see ARTICLE_CONTENT_FIELDS).
"""

from importlib import import_module

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

from archive.textsearch import REFRESH_FUNCTION_SQL

# The function as migration 0001 created it, for the way back.
PREVIOUS_REFRESH_FUNCTION_SQL = import_module("archive.migrations.0001_initial").REFRESH_FUNCTION_SQL

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
