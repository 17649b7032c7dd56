"""Hashes of the adjacent pairs of common lexemes in each article (archive.models.SearchPairs), which
make a quoted phrase of common words fast; filled by the next full statistics refresh, and unused until
then (SearchStats.pairs_built)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0016_thin_search_sample_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchstats",
            name="pairs_built",
            field=models.BooleanField(
                db_default=False,
                help_text="Whether SearchPairs holds every article's pairs of listed lexemes as of refreshed_at.",
            ),
        ),
        migrations.CreateModel(
            name="SearchPairs",
            fields=[
                ("article_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("hashes", django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), size=None)),
            ],
            options={
                "verbose_name_plural": "search pairs",
                "indexes": [django.contrib.postgres.indexes.GinIndex(fields=["hashes"], name="searchpairs_hashes_idx")],
            },
        ),
    ]
