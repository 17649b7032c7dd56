"""Keep each article's tag ids in its row.

An article's row is over PostgreSQL's 2 kB limit (its search vector stays in the row), so every other
column that can be moved out is: the few bytes of tag ids went to the TOAST table, and the facets of a
search read them for every match, a TOAST look-up each (on a million articles, with that table not in
memory, a medium word's facets took seconds). MAIN keeps them in the row. It applies to rows written
from now on; `VACUUM FULL archive_article` moves the ids of existing rows back in.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_article_external_id_index")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE archive_article ALTER COLUMN tag_ids SET STORAGE MAIN",
            reverse_sql="ALTER TABLE archive_article ALTER COLUMN tag_ids SET STORAGE EXTENDED",
        ),
    ]
