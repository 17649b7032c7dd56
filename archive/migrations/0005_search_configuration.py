"""Search configuration: hyphenated words indexed as their parts, and the extensions "did you mean" uses.

Without the whole-hyphenated-word token, "Kim Jong-un" and "Kim Jong Un" give the same lexemes at the
same positions, so either spelling (phrase or not) finds the other.
"""

from django.db import migrations

FORWARD_SQL = """
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
ALTER TEXT SEARCH CONFIGURATION archive_english DROP MAPPING IF EXISTS FOR hword, asciihword;
ALTER TEXT SEARCH CONFIGURATION archive_simple DROP MAPPING IF EXISTS FOR hword, asciihword;
UPDATE archive_article SET title = title WHERE concat_ws(' ', title, dek, tag_text, caption_text, body) LIKE '%-%';
"""

BACKWARD_SQL = """
ALTER TEXT SEARCH CONFIGURATION archive_english ADD MAPPING FOR hword WITH unaccent, english_stem;
ALTER TEXT SEARCH CONFIGURATION archive_english ADD MAPPING FOR asciihword WITH english_stem;
ALTER TEXT SEARCH CONFIGURATION archive_simple ADD MAPPING FOR hword WITH unaccent, simple;
ALTER TEXT SEARCH CONFIGURATION archive_simple ADD MAPPING FOR asciihword WITH simple;
UPDATE archive_article SET title = title;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_partners_and_change_feed"),
    ]

    operations = [migrations.RunSQL(FORWARD_SQL, BACKWARD_SQL)]
