"""How an article becomes a stored, weighted search vector.

The vector is a generated column over the article's own columns. Two of those columns are
denormalised text that database triggers keep current (see archive.models.content): `tag_text`
(tag names and their aliases) and `caption_text` (photo captions). So every write, including
QuerySet.update(), bulk inserts, a renamed tag, a new alias or an edited caption, lands in the vector
without any Python code running.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Case, When

# Accent-folding copies of PostgreSQL's configurations, created by migration 0001, so Hoeryong finds
# Hoeryŏng and back. Korean has no stemmer in PostgreSQL: it is indexed with the simple configuration.
SEARCH_CONFIG = "archive_english"
SIMPLE_CONFIG = "archive_simple"
CONFIG_FOR_LANGUAGE = {"ko": SIMPLE_CONFIG}

# Title A; dek and tags B; photo captions C; body D.
FIELD_WEIGHTS = (("title", "A"), ("dek", "B"), ("tag_text", "B"), ("caption_text", "C"), ("body", "D"))


def config_for_language(language: str) -> str:
    return CONFIG_FOR_LANGUAGE.get(language, SEARCH_CONFIG)


def _weighted_vector(config: str) -> SearchVector:
    vectors = [SearchVector(field, config=config, weight=weight) for field, weight in FIELD_WEIGHTS]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def article_search_vector():
    """The generated-column expression; the configuration is a constant in each branch so it stays immutable."""
    branches = [
        When(language=language, then=_weighted_vector(config)) for language, config in CONFIG_FOR_LANGUAGE.items()
    ]
    return Case(*branches, default=_weighted_vector(SEARCH_CONFIG))


CREATE_CONFIGURATIONS_SQL = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{SEARCH_CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{SIMPLE_CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {SIMPLE_CONFIG} (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION {SIMPLE_CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""

DROP_CONFIGURATIONS_SQL = f"""
DROP TEXT SEARCH CONFIGURATION IF EXISTS {SEARCH_CONFIG};
DROP TEXT SEARCH CONFIGURATION IF EXISTS {SIMPLE_CONFIG};
"""

# Recomputes the denormalised tag and caption text of the given articles, writing only rows whose text
# changed (each write also recomputes the generated vector and bumps updated_at).
REFRESH_FUNCTION_SQL = """
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

DROP_REFRESH_FUNCTION_SQL = "DROP FUNCTION IF EXISTS archive_refresh_article_text(bigint[]);"

# A bulk import sets this for its transaction, then refreshes the batch once (refresh_article_text).
DEFER_SETTING = "archive.defer_text_refresh"


def refresh_article_text(article_ids=None) -> None:
    """Recompute tag and caption text, hence search vectors, for these articles (all when None)."""
    with connection.cursor() as cursor:
        if article_ids is None:
            cursor.execute("SELECT archive_refresh_article_text(array_agg(id)) FROM archive_article")
        else:
            cursor.execute("SELECT archive_refresh_article_text(%s::bigint[])", [list(article_ids)])


def defer_text_refresh() -> None:
    """Inside a transaction: skip the per-statement refresh triggers until the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [DEFER_SETTING])
