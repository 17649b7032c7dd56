"""Refreshing the statistics ranking and "did you mean" read: document frequencies and the vocabulary.

Two ways, chosen by how much changed since the last refresh (SearchStats.refreshed_at):

- a full refresh reads a sample of the archive (all of it when small) for document frequencies and the
  vocabulary, then rebuilds every common word's candidate list in one pass over the vectors;
- an incremental one (the usual case after an import or an edit) reads only the articles changed since:
  it puts them into the candidate lists they now qualify for, adds their new words to the vocabulary and
  updates the article count. Document frequencies of common words shift little with a small import and
  are left until the next full refresh.

Both read public articles only (archive.search.public): a draft's or an embargoed article's words must
not reach "did you mean", nor its frequencies the ranking. An article whose embargo ended since the
last refresh counts as changed. A word whose last public article goes away stays listed until the next
full refresh, but "did you mean" checks each word against the public articles when it is asked.

Only common words' document frequencies are stored; rare words are counted on the index at query time
(archive.search.ranking), so a word that appeared since the last refresh is still weighed right. Run it
after imports (`manage.py refresh_search_stats`, `--full` to force a full one).
"""

import time

from django.db import connection, transaction

from archive.search import bm25
from archive.search.indexes import merge_pending_entries
from archive.search.limits import current_limits
from archive.search.public import public_sql
from archive.textsearch import SIMPLE_CONFIG

# Stored frequencies only matter from SearchLimits.common_df up (below it they are counted exactly), so
# a sample of this size places them well enough. The other sizes (the lists', which words get one, when
# a refresh is full) are archive.search.limits.SearchLimits, read at each refresh. Lexemes in at least
# common_df articles get a candidate list: a rarer lexeme's matches all join the candidates, and a
# commoner one without a list (at 5 000, a place's Chinese spelling in 4 600 articles) left a search of
# that place to its other spellings' lists.
SAMPLE_SIZE = 10_000
VOCABULARY_SAMPLE_SIZE = 10_000
THRESHOLD_SAMPLE_SIZE = 10_000
# An incremental refresh lets a list grow to this many times its size before trimming it.
LIST_SLACK = 1.25


# Articles changed between two moments, or whose embargo ended between them (which changes no column):
# their words join the vocabulary as they become public.
_CHANGED_BETWEEN = "(updated_at > %s AND updated_at <= %s) OR (publish_at > %s AND publish_at <= %s)"

_TEMP_TABLES = ("search_sample", "impact_threshold", "sample_impact", "changed_articles", "changed_impact")

# One refresh at a time, and none while an import's transaction is open (hold_statistics).
_LOCK_KEY = "hashtext('archive_refresh_search_stats')"


def hold_statistics() -> None:
    """Keep every statistics refresh out until the current transaction ends.

    A transaction that writes articles for long (an import's file) dates its rows as it goes, but others
    see them only when it commits: a refresh in between would date itself after those rows without
    having read them, and they would never join the vocabulary or the candidate lists. Call it before
    the first write. A refresh inside the same transaction is not kept out (the lock is the session's).
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")  # nosec B608  # SQL defined in code


def _sample_clause(total: int, wanted: int) -> tuple[str, float]:
    if total <= wanted:
        return "", 1.0
    # Block sampling reads few pages; ask for a little more than wanted.
    percent = min(100.0, 100.0 * wanted * 1.2 / total)
    return f"TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (1)", None


def _vocabulary_sql(clause: str = "", condition: str = "true") -> str:
    """ts_stat over the words as written (accents folded, not stemmed) of titles, deks, captions and bodies
    of the public articles (of the sample `clause`) meeting `condition`."""
    where = f"{clause} WHERE {public_sql()} AND {condition}"
    document = (
        f"SELECT to_tsvector(''{SIMPLE_CONFIG}'', concat_ws('' '', title, dek, caption_text, body)) "
        f"FROM archive_article {where.replace(chr(39), chr(39) * 2)}"
    )
    return (
        f"SELECT word, ndoc FROM ts_stat('{document}') WHERE length(word) BETWEEN 3 AND 40 AND word ~ '^[[:alpha:]]+$'"
    )


def refresh_search_stats(
    sample_size: int = SAMPLE_SIZE,
    vocabulary_sample_size: int = VOCABULARY_SAMPLE_SIZE,
    full: bool | None = None,
    wait: bool = True,
) -> dict:
    """Bring the statistics up to date; `full` forces (True) or forbids (False) a full refresh.

    Returns a summary: articles, sampled, terms, words, avg_length, changed, full, impact_lexemes, seconds,
    skipped, pending_index_pages (merged into the search indexes: archive.search.indexes). Without `wait`, a refresh or an import holding the statistics (hold_statistics) makes it
    return at once with `skipped` true and nothing done.
    """
    started = time.monotonic()
    limits = current_limits()
    with transaction.atomic(), connection.cursor() as cursor:
        # One refresh at a time; a second one waits and then finds little to do.
        cursor.execute(f"SELECT {'pg_advisory_xact_lock' if wait else 'pg_try_advisory_xact_lock'}({_LOCK_KEY})")  # nosec B608  # SQL defined in code
        if not wait and not cursor.fetchone()[0]:
            return {"skipped": True, "full": False, "articles": None, "changed": None, "words": 0}
        # Left by an earlier refresh in the same (outer) transaction.
        cursor.execute(f"DROP TABLE IF EXISTS {', '.join(_TEMP_TABLES)}")
        # Articles changed after this moment are read by the next refresh (and searched meanwhile).
        # Frequencies and the vocabulary are of public articles: `total` counts those.
        cursor.execute(f"SELECT count(*) FILTER (WHERE {public_sql()}), clock_timestamp() FROM archive_article")  # nosec B608  # SQL defined in code; values are parameters
        total, now = cursor.fetchone()
        cursor.execute("SELECT avg_length, refreshed_at FROM archive_searchstats ORDER BY id DESC LIMIT 1")
        previous = cursor.fetchone()
        changed = total
        if previous and previous[1]:
            cursor.execute(
                f"SELECT count(*) FROM archive_article WHERE {_CHANGED_BETWEEN}",  # nosec B608  # SQL defined in code; values are parameters
                [previous[1], now, previous[1], now],
            )
            changed = cursor.fetchone()[0]
        if full is None:
            full = (
                not previous
                or not previous[0]
                or total <= limits.small_archive
                or changed > limits.full_refresh_share * max(total, 1)
            )
        if full or not previous:
            summary = _full_refresh(cursor, total, now, sample_size, vocabulary_sample_size, limits)
        else:
            summary = _incremental_refresh(cursor, total, now, float(previous[0]), previous[1], limits)
        summary["pending_index_pages"] = merge_pending_entries()
    return summary | {
        "articles": total,
        "changed": changed,
        "full": bool(full),
        "seconds": time.monotonic() - started,
        "skipped": False,
    }


def _full_refresh(cursor, total: int, now, sample_size: int, vocabulary_sample_size: int, limits) -> dict:
    clause, _ = _sample_clause(total, sample_size)
    cursor.execute(
        "CREATE TEMP TABLE search_sample ON COMMIT DROP AS "  # nosec B608  # identifiers and clauses come from code; values are parameters
        f"SELECT id, published_at, search_vector FROM archive_article {clause} WHERE {public_sql()}"
    )
    cursor.execute("SELECT count(*), coalesce(avg(length(search_vector)), 0) FROM search_sample")
    sampled, avg_length = cursor.fetchone()
    scale = total / sampled if sampled else 1.0
    cursor.execute("DELETE FROM archive_searchterm")
    cursor.execute(
        """
        INSERT INTO archive_searchterm (lexeme, ndoc)
        SELECT word, least(round(ndoc * %s), %s) FROM ts_stat('SELECT search_vector FROM search_sample')
        WHERE ndoc * %s >= %s
        """,
        [scale, total, scale, limits.min_stored_df],
    )
    terms = cursor.rowcount

    vocab_clause, _ = _sample_clause(total, vocabulary_sample_size)
    cursor.execute(f"SELECT count(*) FROM archive_article {vocab_clause} WHERE {public_sql()}")  # nosec B608  # identifiers and clauses come from code; values are parameters
    vocab_sampled = cursor.fetchone()[0] or 1
    vocab_scale = total / vocab_sampled
    min_ndoc = 1 if vocab_scale == 1 else 2
    cursor.execute("DELETE FROM archive_searchword")
    cursor.execute(
        f"INSERT INTO archive_searchword (word, ndoc) SELECT word, round(ndoc * %s) FROM ({_vocabulary_sql(vocab_clause)}) w "  # nosec B608  # identifiers and clauses come from code; values are parameters
        "WHERE ndoc >= %s",
        [vocab_scale, min_ndoc],
    )
    words = cursor.rowcount
    cursor.execute("DELETE FROM archive_searchstats")
    cursor.execute(
        "INSERT INTO archive_searchstats (ndocs, avg_length, sampled, refreshed_at) VALUES (%s, %s, %s, %s)",
        [total, float(avg_length), sampled, now],
    )
    impact = refresh_impact_lists(cursor, float(avg_length) or 1.0, total, sampled, limits)
    pairs = refresh_pairs(cursor)
    return {"sampled": sampled, "terms": terms, "words": words, "avg_length": float(avg_length)} | impact | pairs


def _incremental_refresh(cursor, total: int, now, avg_length: float, since, limits) -> dict:
    """Fold the articles changed since `since` into the vocabulary and the candidate lists."""
    started = time.monotonic()
    cursor.execute(
        "CREATE TEMP TABLE changed_articles ON COMMIT DROP AS "  # nosec B608  # SQL defined in code; values are parameters
        f"SELECT id, published_at, search_vector FROM archive_article WHERE {_CHANGED_BETWEEN}",
        [since, now, since, now],
    )
    cursor.execute("SELECT count(*) FROM changed_articles")
    changed = cursor.fetchone()[0]
    words = lexemes = 0
    if changed:
        cursor.execute(
            f"INSERT INTO archive_searchword (word, ndoc) {_vocabulary_sql(condition='id IN (SELECT id FROM changed_articles)')} "
            "ON CONFLICT (word) DO NOTHING"
        )
        words = cursor.rowcount
        cursor.execute(
            "CREATE TEMP TABLE impact_threshold ON COMMIT DROP AS "
            "SELECT lexeme, 0::float8 AS threshold FROM archive_searchterm WHERE has_impact_list"
        )
        cursor.execute("ANALYZE impact_threshold")
        rows, params = _impact_rows("changed_articles", avg_length)
        cursor.execute(f"CREATE TEMP TABLE changed_impact ON COMMIT DROP AS {rows}", params)
        cursor.execute("DELETE FROM archive_searchimpact WHERE article_id IN (SELECT id FROM changed_articles)")
        # Each touched list's current size and weakest entry: a changed article joins a full list only
        # when it beats that entry.
        cursor.execute(
            """
            CREATE TEMP TABLE touched ON COMMIT DROP AS
            SELECT si.lexeme, count(*) AS n, min(si.impact) AS weakest FROM archive_searchimpact si
            WHERE si.lexeme IN (SELECT DISTINCT lexeme FROM changed_impact) GROUP BY si.lexeme
            """
        )
        cursor.execute(
            """
            INSERT INTO archive_searchimpact (lexeme, article_id, impact)
            SELECT c.lexeme, c.id, c.impact FROM changed_impact c LEFT JOIN touched t ON t.lexeme = c.lexeme
            WHERE t.lexeme IS NULL OR t.n < %s OR c.impact > t.weakest
            ON CONFLICT (lexeme, article_id) DO UPDATE SET impact = excluded.impact
            """,
            [limits.impact_list_size],
        )
        lexemes = cursor.rowcount
        # Lists that grew well past their size go back to it.
        cursor.execute(
            """
            DELETE FROM archive_searchimpact si USING (
                SELECT lexeme, article_id, row_number() OVER (PARTITION BY lexeme ORDER BY impact DESC) AS r
                FROM archive_searchimpact WHERE lexeme IN (
                    SELECT lexeme FROM archive_searchimpact WHERE lexeme IN (SELECT lexeme FROM changed_impact)
                    GROUP BY lexeme HAVING count(*) > %s)
            ) x WHERE x.r > %s AND si.lexeme = x.lexeme AND si.article_id = x.article_id
            """,
            [int(limits.impact_list_size * LIST_SLACK), limits.impact_list_size],
        )
        cursor.execute("SELECT pairs_built FROM archive_searchstats ORDER BY id DESC LIMIT 1")
        if cursor.fetchone()[0]:
            cursor.execute("DELETE FROM archive_searchpairs WHERE article_id IN (SELECT id FROM changed_articles)")
            cursor.execute(_pairs_sql("changed_articles"), [_listed_lexemes(cursor)])
    cursor.execute("UPDATE archive_searchstats SET ndocs = %s, refreshed_at = %s", [total, now])
    return {
        "sampled": changed,
        "terms": 0,
        "words": words,
        "avg_length": avg_length,
        "impact_lexemes": lexemes,
        "impact_seconds": time.monotonic() - started,
    }


def _impact_rows(table: str, avg_length: float) -> tuple[str, list]:
    """SQL for (lexeme, id, impact) of every common lexeme in every article of `table`, in one pass.

    The impact is the lexeme's BM25 score in the article without idf (a constant per lexeme), with
    recency: archive.search.bm25's formula, the value ranking gives a one-word query, with the term
    frequency counted from the vector's own weights, so each vector is read once rather than once per
    common word.
    """
    tf = " + ".join(
        f"{round(w / bm25.WEIGHTS[0], 3)}::float8 * cardinality(array_positions(u.weights, '{letter}'))"
        for letter, w in bm25.WEIGHT_OF_LETTER.items()
    )
    recency, recency_params = bm25.recency_sql("a.published_at")
    # The length norm and recency are computed once per article (OFFSET 0 keeps them in the subquery):
    # written per lexeme, each row would decompress the whole vector again.
    sql = f"""
        SELECT u.lexeme, v.id, {bm25.saturation_sql(f"({tf})", "v.norm")} * v.recency AS impact, t.threshold
        FROM (SELECT a.id, a.search_vector, {bm25.length_norm_sql("a.search_vector")} AS norm,
                     {recency} AS recency FROM {table} a OFFSET 0) v
        CROSS JOIN LATERAL unnest(v.search_vector) u
        JOIN impact_threshold t ON t.lexeme = u.lexeme
    """  # nosec B608  # identifiers and clauses come from code; values are parameters
    return sql, [avg_length, *recency_params]


def refresh_impact_lists(cursor, avg_length: float, total: int, sampled: int, limits) -> dict:
    """Rebuild each common lexeme's list of the articles where it scores highest, so a search for a
    common word ranks a few thousand candidates instead of every match.

    Two passes: the sample gives each lexeme the score its impact_list_size-th best article will
    roughly have; one pass over the archive then keeps only articles above it, so nothing large is sorted.
    """
    started = time.monotonic()
    # A smaller sample is enough to place the thresholds.
    sampled = min(sampled, THRESHOLD_SAMPLE_SIZE)
    fraction = sampled / total if total else 1.0
    size = limits.impact_list_size
    rank = size if fraction >= 1 else max(1, int(size * fraction * 0.7))
    cursor.execute("TRUNCATE archive_searchimpact")
    cursor.execute(
        "CREATE TEMP TABLE impact_threshold ON COMMIT DROP AS "
        "SELECT lexeme, 0::float8 AS threshold FROM archive_searchterm WHERE ndoc >= %s",
        [limits.common_df],
    )
    cursor.execute("ALTER TABLE impact_threshold ADD PRIMARY KEY (lexeme)")
    # Without statistics on the new tables the planner joins them in nested loops.
    cursor.execute("ANALYZE impact_threshold")
    sample_rows, params = _impact_rows(f"(SELECT * FROM search_sample LIMIT {int(sampled)})", avg_length)
    cursor.execute(f"CREATE TEMP TABLE sample_impact ON COMMIT DROP AS {sample_rows}", params)
    cursor.execute("ANALYZE sample_impact")
    cursor.execute(
        """
        UPDATE impact_threshold t SET threshold = s.threshold FROM (
            SELECT lexeme, min(impact) AS threshold FROM (
                SELECT lexeme, impact, row_number() OVER (PARTITION BY lexeme ORDER BY impact DESC) AS r
                FROM sample_impact
            ) y WHERE r <= %s GROUP BY lexeme HAVING count(*) >= %s
        ) s WHERE s.lexeme = t.lexeme
        """,
        [rank, rank],
    )
    cursor.execute("ANALYZE impact_threshold")
    rows, params = _impact_rows("archive_article", avg_length)
    cursor.execute(
        f"""
        INSERT INTO archive_searchimpact (lexeme, article_id, impact)
        SELECT lexeme, id, impact FROM (
            SELECT x.lexeme, x.id, x.impact,
                   row_number() OVER (PARTITION BY x.lexeme ORDER BY x.impact DESC) AS r
            FROM ({rows}) x WHERE x.impact >= x.threshold
        ) y WHERE r <= %s
        """,  # nosec B608  # identifiers and clauses come from code; values are parameters
        [*params, size],
    )
    cursor.execute("UPDATE archive_searchterm SET has_impact_list = (lexeme IN (SELECT lexeme FROM impact_threshold))")
    cursor.execute("SELECT count(*) FROM impact_threshold")
    lexemes = cursor.fetchone()[0]
    return {"impact_lexemes": lexemes, "impact_seconds": time.monotonic() - started}


def _listed_lexemes(cursor) -> list[str]:
    cursor.execute("SELECT lexeme FROM archive_searchterm WHERE has_impact_list ORDER BY lexeme")
    return [row[0] for row in cursor.fetchall()]


def _pairs_sql(table: str) -> str:
    """SQL inserting into SearchPairs the hashed pairs of listed lexemes (one parameter: their array) at
    adjacent positions in each article of `table`: every pair at a position and the next, so that any
    phrase of two listed words an article holds is among its pairs (archive.search.ranking.phrase_pairs)."""
    return f"""
        INSERT INTO archive_searchpairs (article_id, hashes)
        SELECT a.id, p.hashes FROM {table} a CROSS JOIN LATERAL (
            WITH t AS MATERIALIZED (
                SELECT w.lexeme, unnest(w.positions) AS pos FROM unnest(a.search_vector) w
                WHERE w.lexeme = ANY(%s::text[]))
            SELECT array_agg(DISTINCT hashtext(t.lexeme || ' ' || n.lexeme)) AS hashes
            FROM t JOIN t n ON n.pos = t.pos + 1
        ) p WHERE p.hashes IS NOT NULL
    """  # nosec B608  # the table name comes from code; values are parameters


def refresh_pairs(cursor) -> dict:
    """Rebuild every article's pairs of listed lexemes (after the lists, whose lexemes they pair)."""
    from archive.models import SearchPairs

    started = time.monotonic()
    (index,) = SearchPairs._meta.indexes
    cursor.execute("TRUNCATE archive_searchpairs")
    # A million articles have some 200 million pairs: the index is built once after them, as after a
    # restore, rather than grown by each.
    with connection.schema_editor(atomic=False) as editor:
        editor.remove_index(SearchPairs, index)
    cursor.execute(_pairs_sql("archive_article"), [_listed_lexemes(cursor)])
    articles = cursor.rowcount
    with connection.schema_editor(atomic=False) as editor:
        editor.add_index(SearchPairs, index)
    cursor.execute("ANALYZE archive_searchpairs")
    cursor.execute("UPDATE archive_searchstats SET pairs_built = true")
    return {"pair_articles": articles, "pair_seconds": time.monotonic() - started}
