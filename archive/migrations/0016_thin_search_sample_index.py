"""The thin search sample's text index, one article in 512 by id (archive.textsearch.SEARCH_THIN_SAMPLE_EVERY):
a result most of the archive matches is estimated there, where the search sample would hold tens of
thousands of its matches."""

import django.contrib.postgres.indexes
import django.db.models.functions.math
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0015_search_sample_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(django.db.models.lookups.Exact(django.db.models.functions.math.Mod("id", 512), 0)),
                fields=["search_vector"],
                name="article_search_thin_sample_idx",
            ),
        ),
    ]
