"""Speed of the search core on a synthetic archive, beside the exhaustive "rank every match" reference.

    DATABASE_URL=<its own database> python -m bench.speed [--articles 100000] [--queries 15]

Builds the archive once (generate_articles, then import_articles --publish: the bulk import path) and
reports articles per second; refreshes the search statistics; then, per query class, prints p50 / p95
of the whole search page (counts, facets, snippets, suggestion), of the bare ranked query (the page of
ids), of the exhaustive reference, and the overlap of the fast top 10 with the exhaustive top 10.
Generated files stay under $ARCHIVE_DATA_DIR/bench.
"""

import argparse
import contextlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

SETTINGS = (
    "shared_buffers",
    "work_mem",
    "effective_cache_size",
    "random_page_cost",
    "jit",
    "max_parallel_workers_per_gather",
)


def data_dir() -> Path:
    return Path(os.environ.get("ARCHIVE_DATA_DIR") or Path(__file__).resolve().parent.parent / ".data") / "bench"


# Built once after loading an empty benchmark archive, as pg_restore does: maintaining them row by row
# takes most of a million-article import (an import into a live archive keeps them, as it must).
DEFERRED_INDEXES = (
    "article_search_vector_idx",
    "article_search_sample_idx",
    "article_search_thin_sample_idx",
    "article_title_trgm_idx",
    "article_tag_ids_idx",
)


@contextlib.contextmanager
def search_indexes_deferred():
    from django.db import connection

    timing = {"seconds": 0.0}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [list(DEFERRED_INDEXES)])
        definitions = cursor.fetchall()
        for name, _ in definitions:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield timing
    finally:
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _, definition in definitions:
                cursor.execute(definition)
            cursor.execute("ANALYZE archive_article")
        timing["seconds"] = time.monotonic() - started


def build(articles: int, refresh: bool = True) -> None:
    from django.core.management import call_command

    from archive.models import Article
    from archive.search import refresh_search_stats
    from bench.load import import_jsonl

    have = Article.objects.count()
    if have < articles:
        if have:
            sys.exit(f"The bench database holds {have} articles, fewer than {articles}: drop it or use another.")
        path = data_dir() / f"articles-{articles}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            started = time.monotonic()
            call_command("generate_articles", articles, str(path), seed=1)
            print(f"Generated {articles} articles in {time.monotonic() - started:.0f} s ({path.name}).")
        with search_indexes_deferred() as rebuilt:
            summary = import_jsonl(path)
        print(
            f"Imported {summary['articles']} articles in {summary['seconds']:.0f} s "
            f"({summary['articles'] / summary['seconds']:.0f} articles/s) via {summary['path']}, "
            f"then built the text indexes in {rebuilt['seconds']:.0f} s."
        )
    if not refresh:
        return
    started = time.monotonic()
    stats = refresh_search_stats()
    if stats["full"]:
        print(
            f"Refreshed search statistics in full in {time.monotonic() - started:.1f} s: {stats['terms']} common "
            f"lexemes, {stats['words']} vocabulary words, impact lists for {stats['impact_lexemes']} lexemes "
            f"({stats['impact_seconds']:.1f} s), common-word pairs of {stats['pair_articles']} articles "
            f"({stats['pair_seconds']:.1f} s)."
        )
    else:
        print(
            f"Refreshed search statistics incrementally in {time.monotonic() - started:.1f} s "
            f"({stats['changed']} articles changed since the last refresh)."
        )


# What a search reads, loaded before measuring as a server that has been answering searches has it: an
# archive larger than shared_buffers is otherwise read from disk page by page by the first queries.
PREWARMED = (
    "archive_article",
    "archive_searchimpact",
    "archive_searchpairs",
    "archive_searchword",
    "archive_articletag",
    "archive_tag",
)


def prewarm() -> None:
    from django.db import DatabaseError, connection, transaction

    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            cursor.execute(
                # The tables, their TOAST tables and every index on them.
                "WITH t AS (SELECT c.oid FROM pg_class c WHERE c.relname = ANY(%s) "
                "UNION SELECT c.reltoastrelid FROM pg_class c WHERE c.relname = ANY(%s) AND c.reltoastrelid <> 0) "
                "SELECT coalesce(sum(pg_prewarm(r.oid, 'read')), 0) * current_setting('block_size')::bigint FROM ("
                "SELECT oid FROM t UNION SELECT i.indexrelid FROM pg_index i JOIN t ON t.oid = i.indrelid) r",
                [list(PREWARMED), list(PREWARMED)],
            )
            size = cursor.fetchone()[0]
    except DatabaseError as error:
        print(f"Not prewarmed ({str(error).strip().splitlines()[0]}): the first queries read from disk.")
        return
    print(
        f"Prewarmed {size / 2**20:.0f} MB (articles, tags, candidate lists, pairs, vocabulary, their TOAST tables and indexes) into the OS cache in "
        f"{time.monotonic() - started:.0f} s."
    )


def query_classes(n_queries: int, rng: random.Random) -> dict[str, list[dict]]:
    """Queries per class, drawn from the archive's own statistics."""
    from django.db import connection

    from archive.models import Article, Tag

    total = Article.objects.count()
    with connection.cursor() as cursor:

        def words(low, high, k):
            cursor.execute(
                "SELECT word FROM archive_searchword WHERE ndoc BETWEEN %s AND %s AND length(word) > 3 "
                "ORDER BY md5(word) LIMIT %s",
                [low, high, k * 3],
            )
            found = [r[0] for r in cursor.fetchall()]
            rng.shuffle(found)
            return found[:k]

        rare = words(3, max(4, total // 5000), n_queries)
        medium = words(total // 200, total // 50, n_queries)
        common = words(total // 10, total, n_queries)
        # Phrases: two words standing together in some article's body.
        cursor.execute("SELECT body FROM archive_article ORDER BY md5(id::text) LIMIT %s", [n_queries])
        phrases = []
        for (body,) in cursor.fetchall():
            tokens = [t.strip(".,").lower() for t in body.split()]
            i = rng.randrange(0, max(1, len(tokens) - 2))
            phrases.append(f'"{tokens[i]} {tokens[i + 1]}"')
    # Drawn with the seeded generator, as the words are, so that two runs measure the same queries.
    tags = sorted(Tag.objects.values_list("slug", flat=True))
    tags = rng.sample(tags, k=min(n_queries, len(tags)))
    # Place names: each expands to its romanisations and Hangul (the gazetteer), as readers type them.
    places = sorted(Tag.objects.filter(kind="place").values_list("name", flat=True))
    places = rng.sample(places, k=min(n_queries, len(places)))
    years = [rng.randint(2006, 2024) for _ in range(n_queries)]
    return {
        "rare word": [{"q": w} for w in rare],
        "medium word": [{"q": w} for w in medium],
        "common word": [{"q": w} for w in common],
        "two words": [{"q": f"{c} {m}"} for c, m in zip(common, medium)],
        "phrase": [{"q": p} for p in phrases],
        "place name": [{"q": p} for p in places],
        "tag-filtered": [{"q": c, "tags": [t]} for c, t in zip(common, tags)],
        "date-filtered": [{"q": c, "date_from": f"{y}-01-01", "date_to": f"{y}-12-31"} for c, y in zip(common, years)],
    }


def pct(values, p):
    values = sorted(values)
    return 1000 * values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def exact_count(req, results) -> int:
    """The true number of matches of a search whose count was estimated."""
    from archive.models import Article
    from archive.search.core import filtered, matching, prepare

    compiled = prepare(req.q)
    return matching(
        filtered(Article.objects.published(), req), compiled.any_query if results.fallback else compiled.all_query
    ).count()


def measure(classes: dict[str, list[dict]]) -> None:
    from archive.search import SearchRequest, search

    print(
        f"\n{'class':14} {'n':>3} {'matches':>9} | {'page p50':>8} {'p95':>6} | {'bare p50':>8} {'p95':>6} | "
        f"{'exhaustive p50':>14} {'p95':>6} | {'top-10 overlap':>14} | {'estimated':>9} {'error':>6}"
    )
    for name, queries in classes.items():
        page_t, bare_t, ref_t, overlap, totals, errors = [], [], [], [], [], []
        for params in queries:
            req = SearchRequest(**params)
            search(req, channel="api", facets=False)  # warm the cache as a repeated search would find it
            t = time.monotonic()
            page = search(req, channel="api", facets=True)
            page_t.append(time.monotonic() - t)
            t = time.monotonic()
            bare = search(req, channel="api", facets=False)
            bare_t.append(time.monotonic() - t)
            t = time.monotonic()
            reference = search(req, channel="api", facets=False, exhaustive=True)
            ref_t.append(time.monotonic() - t)
            fast_ids = [h.article.id for h in bare.hits[:10]]
            ref_ids = [h.article.id for h in reference.hits[:10]]
            overlap.append(len(set(fast_ids) & set(ref_ids)) / len(ref_ids) if ref_ids else 1.0)
            totals.append(page.total)
            if page.total_is_estimate:
                exact = exact_count(req, page)
                errors.append(abs(page.total - exact) / max(exact, 1))
        if not queries:
            continue
        print(
            f"{name:14} {len(queries):>3} {int(statistics.median(totals)):>9} | {pct(page_t, 50):>8.1f} "
            f"{pct(page_t, 95):>6.1f} | {pct(bare_t, 50):>8.1f} {pct(bare_t, 95):>6.1f} | "
            f"{pct(ref_t, 50):>14.1f} {pct(ref_t, 95):>6.1f} | {statistics.mean(overlap):>14.2f} | "
            f"{len(errors):>9} {f'{100 * statistics.mean(errors):.1f}%' if errors else '-':>6}"
        )
    print(
        "(times in ms; 'matches' is the median result count; page = counts, facets, snippets, suggestion;\n"
        " 'estimated' is how many counts were estimates, 'error' their mean distance from the exact count)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 100_000)))
    parser.add_argument("--queries", type=int, default=15, help="Queries per class.")
    parser.add_argument("--no-refresh", action="store_true", help="Keep the search statistics as they are.")
    parser.add_argument(
        "--build-only", action="store_true", help="Build the archive and its statistics, measure nothing."
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    from django.db import connection

    build(args.articles, refresh=not args.no_refresh)
    if args.build_only:
        return 0
    with connection.cursor() as cursor:
        values = []
        for name in SETTINGS:
            cursor.execute(f"SHOW {name}")
            values.append(f"{name}={cursor.fetchone()[0]}")
        cursor.execute("SHOW server_version")
        print(f"PostgreSQL {cursor.fetchone()[0]}: " + ", ".join(values))
    prewarm()
    measure(query_classes(args.queries, random.Random(7)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
