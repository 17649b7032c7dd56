"""Refreshing the statistics ranking and "did you mean" read: document frequencies and the vocabulary.

A cheap refresh rather than triggers: it reads a sample of the archive (all of it when small), so it
costs seconds at a million articles, and writes no row per article write. Only common words' document
frequencies are stored; rare words are counted on the index at query time (archive.search.ranking),
so a word that appeared since the last refresh is still weighed right. Run it after large imports
(`manage.py refresh_search_stats`); a stale refresh only shifts common words' weights slightly.
"""

import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from archive.textsearch import SIMPLE_CONFIG

SAMPLE_SIZE = 50_000
VOCABULARY_SAMPLE_SIZE = 10_000
# Document frequencies below this are counted exactly at query time; storing them would only go stale.
MIN_STORED_DF = 100
# Lexemes in at least this many articles get a candidate list of their IMPACT_LIST_SIZE best articles.
IMPACT_MIN_DF = 5_000
IMPACT_LIST_SIZE = 2_000
THRESHOLD_SAMPLE_SIZE = 10_000


def _sample_clause(total: int, wanted: int) -> tuple[str, float]:
    if total <= wanted:
        return "", 1.0
    # Block sampling reads few pages; ask for a little more than wanted.
    percent = min(100.0, 100.0 * wanted * 1.2 / total)
    return f"TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (1)", None


def refresh_search_stats(sample_size: int = SAMPLE_SIZE, vocabulary_sample_size: int = VOCABULARY_SAMPLE_SIZE) -> dict:
    """Recompute document frequencies, the mean vector length and the vocabulary; returns a summary."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_article")
        total = cursor.fetchone()[0]
        clause, _ = _sample_clause(total, sample_size)
        cursor.execute(
            "CREATE TEMP TABLE search_sample ON COMMIT DROP AS "
            f"SELECT id, published_at, search_vector FROM archive_article {clause}"
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
            [scale, total, scale, MIN_STORED_DF],
        )
        terms = cursor.rowcount

        vocab_clause, _ = _sample_clause(total, vocabulary_sample_size)
        vocab_scale_sql = f"SELECT count(*) FROM archive_article {vocab_clause}"
        cursor.execute(vocab_scale_sql)
        vocab_sampled = cursor.fetchone()[0] or 1
        vocab_scale = total / vocab_sampled
        # Words as written (accents folded, not stemmed), from titles, deks, captions and bodies.
        document = (
            f"SELECT to_tsvector(''{SIMPLE_CONFIG}'', concat_ws('' '', title, dek, caption_text, body)) "
            f"FROM archive_article {vocab_clause.replace(chr(39), chr(39) * 2)}"
        )
        min_ndoc = 1 if vocab_scale == 1 else 2
        cursor.execute("DELETE FROM archive_searchword")
        cursor.execute(
            f"""
            INSERT INTO archive_searchword (word, ndoc)
            SELECT word, round(ndoc * %s) FROM ts_stat('{document}')
            WHERE ndoc >= %s AND length(word) BETWEEN 3 AND 40 AND word ~ '^[[:alpha:]]+$'
            """,
            [vocab_scale, min_ndoc],
        )
        words = cursor.rowcount
        cursor.execute("DELETE FROM archive_searchstats")
        cursor.execute(
            "INSERT INTO archive_searchstats (ndocs, avg_length, sampled, refreshed_at) VALUES (%s, %s, %s, %s)",
            [total, float(avg_length), sampled, timezone.now()],
        )
        impact = refresh_impact_lists(float(avg_length) or 1.0, total, sampled)
    summary = {"articles": total, "sampled": sampled, "terms": terms, "words": words, "avg_length": float(avg_length)}
    return summary | impact


def _impact_rows(table: str, avg_length: float) -> tuple[str, list]:
    """SQL for (lexeme, id, impact) of every common lexeme in every article of `table`, in one pass.

    The impact is the lexeme's BM25 score in the article without idf (a constant per lexeme), with
    recency: the same value ranking.score_sql gives a one-word query, computed from the vector's own
    weights, so each vector is read once rather than once per common word.
    """
    from archive.search.ranking import B, K1, WEIGHTS

    weight = {"A": WEIGHTS[3], "B": WEIGHTS[2], "C": WEIGHTS[1], "D": WEIGHTS[0]}
    tf = " + ".join(
        f"{round(w / WEIGHTS[0], 3)}::float8 * cardinality(array_positions(u.weights, '{letter}'))"
        for letter, w in weight.items()
    )
    # float8 throughout: numeric arithmetic on millions of rows costs several times more.
    norm = f"({K1}::float8 * (1 - {B}::float8 + {B}::float8 * length(a.search_vector) / %s::float8))"
    recency = (
        "(1 + %s::float8 / (1 + greatest(0, extract(epoch FROM now() - a.published_at))::float8 / 31557600.0))"
    )
    sql = f"""
        SELECT u.lexeme, a.id, (1 - {norm} / (({tf}) + {norm})) * coalesce({recency}, 1) AS impact
        FROM {table} a CROSS JOIN LATERAL unnest(a.search_vector) u
        JOIN impact_threshold t ON t.lexeme = u.lexeme
    """
    return sql, [avg_length, avg_length, settings.ARCHIVE_RECENCY_WEIGHT]


def refresh_impact_lists(avg_length: float, total: int, sampled: int) -> dict:
    """Rebuild each common lexeme's list of the articles where it scores highest, so a search for a
    common word ranks a few thousand candidates instead of every match.

    Two passes: the sample gives each lexeme the score its IMPACT_LIST_SIZE-th best article will
    roughly have; one pass over the archive then keeps only articles above it, so nothing large is sorted.
    """
    started = time.monotonic()
    # A smaller sample is enough to place the thresholds.
    sampled = min(sampled, THRESHOLD_SAMPLE_SIZE)
    fraction = sampled / total if total else 1.0
    rank = IMPACT_LIST_SIZE if fraction >= 1 else max(1, int(IMPACT_LIST_SIZE * fraction * 0.7))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_searchimpact")
        cursor.execute(
            "CREATE TEMP TABLE impact_threshold ON COMMIT DROP AS "
            "SELECT lexeme, 0::float8 AS threshold FROM archive_searchterm WHERE ndoc >= %s",
            [IMPACT_MIN_DF],
        )
        # Without statistics on the new tables the planner joins them in nested loops.
        cursor.execute("ANALYZE impact_threshold")
        cursor.execute("ANALYZE search_sample")
        sample_rows, params = _impact_rows(f"(SELECT * FROM search_sample LIMIT {int(sampled)})", avg_length)
        cursor.execute(
            f"""
            UPDATE impact_threshold t SET threshold = s.threshold FROM (
                SELECT lexeme, min(impact) AS threshold FROM (
                    SELECT lexeme, impact, row_number() OVER (PARTITION BY lexeme ORDER BY impact DESC) AS r
                    FROM ({sample_rows}) x
                ) y WHERE r <= %s GROUP BY lexeme HAVING count(*) >= %s
            ) s WHERE s.lexeme = t.lexeme
            """,
            [*params, rank, rank],
        )
        cursor.execute("ANALYZE impact_threshold")
        rows, params = _impact_rows("archive_article", avg_length)
        cursor.execute(
            f"""
            INSERT INTO archive_searchimpact (lexeme, article_id, impact)
            SELECT lexeme, id, impact FROM (
                SELECT x.lexeme, x.id, x.impact,
                       row_number() OVER (PARTITION BY x.lexeme ORDER BY x.impact DESC) AS r
                FROM ({rows}) x JOIN impact_threshold t ON t.lexeme = x.lexeme
                WHERE x.impact >= t.threshold
            ) y WHERE r <= %s
            """,
            [*params, IMPACT_LIST_SIZE],
        )
        cursor.execute(
            "UPDATE archive_searchterm SET has_impact_list = "
            "(lexeme IN (SELECT lexeme FROM impact_threshold))"
        )
        cursor.execute("SELECT count(*) FROM impact_threshold")
        lexemes = cursor.fetchone()[0]
    return {"impact_lexemes": lexemes, "impact_seconds": time.monotonic() - started}
