"""Indexes of the search sample, one article in 32 by id (archive.textsearch.SEARCH_SAMPLE_EVERY):
search estimates a large result's count and facets there, where a common word's entry is a
thirty-second of its entry in the full text index."""

import django.contrib.postgres.indexes
import django.db.models.functions.math
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0014_article_tag_ids_in_row"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(django.db.models.lookups.Exact(django.db.models.functions.math.Mod("id", 32), 0)),
                fields=["search_vector"],
                name="article_search_sample_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(django.db.models.lookups.Exact(django.db.models.functions.math.Mod("id", 32), 0)),
                fields=["id"],
                name="article_sample_idx",
            ),
        ),
    ]
