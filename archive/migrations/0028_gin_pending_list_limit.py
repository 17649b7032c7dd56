"""Every GIN index of the archive keeps a short pending list (256 kB instead of PostgreSQL's 4 MB).

A GIN index takes new rows into a pending list that every scan reads in full until it is merged
(archive.search.indexes). While an import wrote, the list grew to 4 MB, and a search that looks the
index up many times ("did you mean" checks each near spelling against the public articles) read it each
time: 6 000 articles imported into 127 000, search page p95 656 ms during the import against 64 ms before.
With 256 kB the inserting backend merges the list 16 times as often (that import 12.7 -> 18.2 s) and
the same searches took 90 ms at p95 (docs/benchmarks.md, 2026-12-06).
"""

from django.db import migrations

PENDING_LIST_KB = 256

GIN_INDEXES = (
    "article_search_vector_idx",
    "article_search_sample_idx",
    "article_search_thin_sample_idx",
    "article_tag_ids_idx",
    "article_title_trgm_idx",
    "tag_name_trgm_idx",
    "searchword_trgm_idx",
    "searchpairs_hashes_idx",
)


def alter(setting: str) -> str:
    return "".join(f"ALTER INDEX IF EXISTS {index} {setting};" for index in GIN_INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0027_vocabulary_generation"),
    ]

    operations = [
        migrations.RunSQL(
            alter(f"SET (gin_pending_list_limit = {PENDING_LIST_KB})"),
            alter("RESET (gin_pending_list_limit)"),
        ),
    ]
