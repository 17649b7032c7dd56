"""How an article becomes a stored, weighted search vector.

The vector is a generated column over the article's own columns. Two of those columns are
denormalised text that database triggers keep current (see archive.models.content): `tag_text`
(tag names and their aliases) and `caption_text` (photo captions). So every write, including
QuerySet.update(), bulk inserts, a renamed tag, a new alias or an edited caption, lands in the vector
without any Python code running.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorCombinable, SearchVectorField
from django.db import connection
from django.db.models import Case, Func, When

# Accent-folding copies of PostgreSQL's configurations, created by migration 0001, so Hoeryong finds
# Hoeryŏng and back. Korean has no stemmer in PostgreSQL: it is indexed with the simple configuration.
SEARCH_CONFIG = "archive_english"
SIMPLE_CONFIG = "archive_simple"
CONFIG_FOR_LANGUAGE = {"ko": SIMPLE_CONFIG}

# Title A; dek and tags B; photo captions C; body D.
FIELD_WEIGHTS = (("title", "A"), ("dek", "B"), ("tag_text", "B"), ("caption_text", "C"), ("body", "D"))
# Fields whose words are also indexed as written (ADD_EXACT_WORDS_SQL): where an article names its people,
# places and organisations.
EXACT_WORD_FIELDS = ("title", "tag_text")
# Precomposed Hangul syllables; the same pattern serves SQL (ADD_HANGUL_BIGRAMS_SQL) and Python.
HANGUL_SYLLABLES = r"[\uAC00-\uD7A3]"
# One article in this many (by id) is also in the search sample, which has indexes of its own: spread
# evenly over the archive, it gives the count and facets of a large result (archive.search.core)
# without reading a common word's whole entry in the full index.
SEARCH_SAMPLE_EVERY = 32
# And one in this many (a multiple of the above: a sample of the sample) is in a thinner one, for results
# so large that even the sample holds tens of thousands of them.
SEARCH_THIN_SAMPLE_EVERY = 512


def config_for_language(language: str) -> str:
    return CONFIG_FOR_LANGUAGE.get(language, SEARCH_CONFIG)


class WithExactWords(SearchVectorCombinable, Func):
    """A field's stemmed vector plus its words as written that stemming changed or dropped (see SQL below)."""

    function = "archive_add_exact_words"
    output_field = SearchVectorField()

    def __init__(self, field: str, weight: str):
        super().__init__(
            SearchVector(field, config=SEARCH_CONFIG, weight=weight),
            SearchVector(field, config=SIMPLE_CONFIG, weight=weight),
        )
        self.config = None


class WithHangulBigrams(SearchVectorCombinable, Func):
    """A vector plus the syllable pairs of its Hangul words (see SQL below)."""

    function = "archive_add_hangul_bigrams"
    output_field = SearchVectorField()

    def __init__(self, vector):
        super().__init__(vector)
        self.config = None


def _weighted_vector(config: str):
    vectors = [
        WithExactWords(field, weight)
        if config == SEARCH_CONFIG and field in EXACT_WORD_FIELDS
        else SearchVector(field, config=config, weight=weight)
        for field, weight in FIELD_WEIGHTS
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return WithHangulBigrams(combined) if config == SIMPLE_CONFIG else combined


def article_search_vector():
    """The generated-column expression; the configuration is a constant in each branch so it stays immutable."""
    branches = [
        When(language=language, then=_weighted_vector(config)) for language, config in CONFIG_FOR_LANGUAGE.items()
    ]
    return Case(*branches, default=_weighted_vector(SEARCH_CONFIG))


# Names are often English words, or even stop words: a person or a tag named Will, the band The Who,
# a minister named Rich. The English vector has no trace of a stop word and only the stem of the rest,
# so the title and tag words are added as written, where the English vector does not already hold that
# very lexeme: a word whose stem is itself (rich, pyongyang) is not counted twice, and ordinary words
# keep their term frequencies (only vectors grow, by about a tenth). The exact words keep their own
# positions (a plain `||` would move them after the stemmed ones), so a phrase of exact and stemmed
# words ("Will Smith": will as written, smith stemmed to itself) still matches.
ADD_EXACT_WORDS_SQL = """
CREATE OR REPLACE FUNCTION archive_add_exact_words(stemmed tsvector, exact tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (stemmed::text || ' ' || ts_delete(exact, tsvector_to_array(stemmed))::text)::tsvector;
"""

# Korean writes compounds and particles into one word (북한양강도, 혜산에서), and PostgreSQL has no Korean
# parser. Every pair of adjacent syllables of a Hangul word is added as a lexeme at the word's position,
# with its weight, so a word inside a longer one is found: its syllable pairs at one position
# (ranking.hangul_bigram_query). pg_trgm cannot do this from the one GIN index: a two-syllable word has
# no full trigram to look up, and it would need a second index on the text. Same-position pairs keep
# the vector's positions (no 16383 overflow on long articles, proximity with other words intact); the
# price is that the pairs' order inside the word is not checked, which in practice only a contrived
# word would trip. A two-syllable word's only pair is itself and adds nothing.
ADD_HANGUL_BIGRAMS_SQL = f"""
CREATE OR REPLACE FUNCTION archive_add_hangul_bigrams(doc tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (doc::text || ' ' || coalesce((
    SELECT string_agg(format('%s:%s%s', quote_literal(substr(run.m[1], i, 2)), p.pos, p.weight), ' ')
    FROM unnest(doc) AS w(lexeme, positions, weights)
    CROSS JOIN LATERAL unnest(w.positions, w.weights) AS p(pos, weight)
    CROSS JOIN LATERAL regexp_matches(w.lexeme, '{HANGUL_SYLLABLES}{{2,}}', 'g') AS run(m)
    CROSS JOIN LATERAL generate_series(1, char_length(run.m[1]) - 1) AS i
), ''))::tsvector;
"""

DROP_VECTOR_FUNCTIONS_SQL = """
DROP FUNCTION IF EXISTS archive_add_exact_words(tsvector, tsvector);
DROP FUNCTION IF EXISTS archive_add_hangul_bigrams(tsvector);
"""


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

# Recomputes the denormalised tag and caption text and the tag ids of the given articles, writing only
# rows that changed (a change of text also recomputes the generated vector and bumps updated_at).
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
                   FROM archive_photo p WHERE p.article_id = a.id), '') AS caption_text,
               ARRAY(SELECT at.tag_id FROM archive_articletag at WHERE at.article_id = a.id ORDER BY at.tag_id) AS tag_ids
        FROM archive_article a
        WHERE a.id = ANY(article_ids)
    )
    UPDATE archive_article a
    SET tag_text = fresh.tag_text, caption_text = fresh.caption_text, tag_ids = fresh.tag_ids
    FROM fresh
    WHERE a.id = fresh.id
      AND (a.tag_text, a.caption_text, a.tag_ids) IS DISTINCT FROM (fresh.tag_text, fresh.caption_text, fresh.tag_ids);
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
