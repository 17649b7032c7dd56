"""Refreshing the statistics ranking and "did you mean" read: document frequencies and the vocabulary.

A cheap refresh rather than triggers: it reads a sample of the archive (all of it when small), so it
costs seconds at a million articles, and writes no row per article write. Only common words' document
frequencies are stored; rare words are counted on the index at query time (archive.search.ranking),
so a word that appeared since the last refresh is still weighed right. Run it after large imports
(`manage.py refresh_search_stats`); a stale refresh only shifts common words' weights slightly.
"""

import time

from django.db import connection, transaction
from django.utils import timezone

from archive.textsearch import SIMPLE_CONFIG

SAMPLE_SIZE = 50_000
VOCABULARY_SAMPLE_SIZE = 20_000
# Document frequencies below this are counted exactly at query time; storing them would only go stale.
MIN_STORED_DF = 100
# Lexemes in at least this many articles get a candidate list of their IMPACT_LIST_SIZE best articles.
IMPACT_MIN_DF = 5_000
IMPACT_LIST_SIZE = 2_000


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
            f"CREATE TEMP TABLE search_sample ON COMMIT DROP AS SELECT search_vector FROM archive_article {clause}"
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
    summary = {"articles": total, "sampled": sampled, "terms": terms, "words": words, "avg_length": float(avg_length)}
    summary |= refresh_impact_lists(float(avg_length) or 1.0)
    return summary


def refresh_impact_lists(avg_length: float) -> dict:
    """Rebuild each common lexeme's list of the articles where it scores highest (without its idf,
    which is the same for all of them), so a search for a common word ranks a few thousand candidates
    instead of every match."""
    from archive.search.ranking import K1, CompiledQuery, CompiledUnit

    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_searchimpact")
        cursor.execute(
            "SELECT lexeme FROM archive_searchterm WHERE ndoc >= %s AND lexeme !~ '\\\\' ORDER BY lexeme",
            [IMPACT_MIN_DF],
        )
        lexemes = [row[0] for row in cursor.fetchall()]
        cursor.execute("UPDATE archive_searchterm SET has_impact_list = (lexeme = ANY(%s))", [lexemes])
        for lexeme in lexemes:
            tsquery = "'" + lexeme.replace("'", "''") + "'"
            unit = CompiledUnit(lexeme, tsquery, 0, idf=1 / (K1 + 1))
            score_sql, params = CompiledQuery(units=[unit], avg_length=avg_length).score_sql(
                vector="a.search_vector", published="a.published_at"
            )
            cursor.execute(
                f"""
                INSERT INTO archive_searchimpact (lexeme, article_id, impact)
                SELECT %s, id, impact FROM (
                    SELECT a.id, {score_sql} AS impact FROM archive_article a WHERE a.search_vector @@ %s::tsquery
                ) s ORDER BY impact DESC LIMIT %s
                """,
                [lexeme, *params, tsquery, IMPACT_LIST_SIZE],
            )
    return {"impact_lexemes": len(lexemes), "impact_seconds": time.monotonic() - started}
