"""Search speed as readers and partners meet it: real HTTP to the server `make run` starts, on an archive
built by import alone, beside naive SQL in the same run.

    DATABASE_URL=<its own database> python -m bench.speed [--articles 100000] [--queries 20]

1. Builds the archive once as a user would: generate_articles writes JSON Lines, import_articles
   --publish imports them. Nothing else: no separate statistics refresh, no prewarming; the import
   brings the search statistics up to date itself at its end, as a user's import does.
2. Starts `manage.py runserver` (as `make run` does, without the reloader) on the bench database.
3. Per query class, for queries drawn from the archive's own words: times the search page and the API
   search over HTTP (each query's first request, then the same request again, which the result cache
   answers), and naive SQL (count + top 10 by ts_rank_cd + tag, year and source facet counts over all
   matches); the overlap of the API's top 10 with exhaustive ranking of every match.
Generated files stay under $ARCHIVE_DATA_DIR/bench.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import django

BASE_DIR = Path(__file__).resolve().parent.parent

# Fields the page's facets count (naive SQL counts the same).
NAIVE_SQL = {
    "count": "SELECT count(*) FROM archive_article a WHERE {where}",
    "top 10": "SELECT a.id FROM archive_article a WHERE {where} "
    "ORDER BY ts_rank_cd(a.search_vector, {query}) DESC, a.published_at DESC LIMIT 10",
    "tags": "SELECT at.tag_id, count(*) FROM archive_article a JOIN archive_articletag at ON at.article_id = a.id "
    "WHERE {where} GROUP BY at.tag_id ORDER BY count(*) DESC LIMIT 20",
    "years": "SELECT extract(year FROM a.published_at), count(*) FROM archive_article a WHERE {where} GROUP BY 1",
    "sources": "SELECT a.source_id, count(*) FROM archive_article a WHERE {where} GROUP BY 1",
}


def data_dir() -> Path:
    return Path(os.environ.get("ARCHIVE_DATA_DIR") or BASE_DIR / ".data") / "bench"


def build(articles: int) -> None:
    from django.core.management import call_command

    from archive.models import Article

    have = Article.objects.count()
    if have >= articles:
        print(f"The bench database holds {have} articles already: measuring it as it is.")
        return
    if have:
        sys.exit(f"The bench database holds {have} articles, fewer than {articles}: drop it or use another.")
    path = data_dir() / f"articles-{articles}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        started = time.monotonic()
        call_command("generate_articles", articles, str(path), seed=1)
        print(f"Generated {articles} articles in {time.monotonic() - started:.0f} s ({path.name}).")
    started = time.monotonic()
    call_command("import_articles", str(path), "--publish", verbosity=0)
    seconds = time.monotonic() - started
    print(f"Imported {Article.objects.count()} articles with import_articles --publish in {seconds:.0f} s.")


@dataclass(frozen=True)
class Vocabulary:
    """What queries are drawn from: each word's share of the articles (from a 1-in-20 sample), tags and
    places, and the archive's size."""

    share: dict[str, float]
    tags: list[str]
    places: list[str]
    total: int


def vocabulary() -> Vocabulary:
    """The words of a sample of the archive (the bench's own count, not the archive's statistics, which
    an import alone does not build), read once: the slow part of drawing queries."""
    from django.db import connection

    from archive.models import Article, Tag

    total = Article.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT to_tsvector(''simple'', body) FROM archive_article "
            "WHERE id % 20 = 0') WHERE length(word) > 3 AND word ~ '^[a-z]+$'"
        )
        share = {word: ndoc * 20 / total for word, ndoc in cursor.fetchall()}
    return Vocabulary(
        share,
        sorted(Tag.objects.values_list("slug", flat=True)),
        sorted(Tag.objects.filter(kind="place").values_list("name", flat=True)),
        total,
    )


def query_classes(n: int, rng: random.Random, words: Vocabulary | None = None, salt: str = "") -> dict[str, list[dict]]:
    """n queries per class (fewer where the archive has fewer tags or places), drawn with `rng`; phrases
    come from n articles in an order `salt` shuffles."""
    from django.db import connection

    words = words or vocabulary()

    def drawn(low: float, high: float) -> list[str]:
        found = sorted(w for w, s in words.share.items() if low <= s <= high)
        rng.shuffle(found)
        return found[:n]

    # Once in the 1-in-20 sample: some 20 articles, whatever the archive's size.
    rare = drawn(0, 1.5 * 20 / words.total)
    medium = drawn(0.002, 0.01)
    common = drawn(0.1, 1.0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM archive_article ORDER BY md5(id::text || %s) LIMIT %s", [salt, n])
        phrases = []
        for (body,) in cursor.fetchall():
            tokens = [t.strip(".,").lower() for t in body.split()]
            i = rng.randrange(0, max(1, len(tokens) - 2))
            phrases.append(f'"{tokens[i]} {tokens[i + 1]}"')
    tags = rng.sample(words.tags, k=min(n, len(words.tags)))
    places = rng.sample(words.places, k=min(n, len(words.places)))
    years = [rng.randint(2006, 2024) for _ in range(n)]
    return {
        "rare word": [{"q": w} for w in rare],
        "medium word": [{"q": w} for w in medium],
        "common word": [{"q": w} for w in common],
        "two words": [{"q": f"{c} {m}"} for c, m in zip(common, medium)],
        "phrase": [{"q": p} for p in phrases],
        "place name": [{"q": p} for p in places],
        "word + tag": [{"q": c, "tag": t} for c, t in zip(common, tags)],
        "word + year": [{"q": c, "year": y} for c, y in zip(common, years)],
    }


def naive_sql(cursor, params: dict) -> tuple[float, int]:
    """Seconds for naive SQL over every match of the query (with its filter), and the match count."""
    where = "a.search_vector @@ websearch_to_tsquery('archive_english', %(q)s) AND a.status = 'published'"
    if "tag" in params:
        where += " AND a.id IN (SELECT at.article_id FROM archive_articletag at JOIN archive_tag t ON t.id = at.tag_id WHERE t.slug = %(tag)s)"
    if "year" in params:
        where += " AND a.published_at >= make_date(%(year)s, 1, 1) AND a.published_at < make_date(%(year)s + 1, 1, 1)"
    started = time.monotonic()
    count = 0
    for name, sql in NAIVE_SQL.items():
        cursor.execute(sql.format(where=where, query="websearch_to_tsquery('archive_english', %(q)s)"), params)
        rows = cursor.fetchall()
        if name == "count":
            count = rows[0][0]
    return time.monotonic() - started, count


def exhaustive_top(params: dict) -> list[str]:
    from archive.search import SearchRequest, search

    request = {"q": params["q"], "tags": [params["tag"]] if "tag" in params else [], "year": params.get("year")}
    return [h.article.slug for h in search(SearchRequest(**request), facets=False, exhaustive=True, per_page=10).hits]


def wait_until_up(session, base: str, log: Path) -> None:
    """Return once the server at `base` answers its health check; exit (pointing at its log) after a minute."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if session.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"the server at {base} did not start; see {log}")


class Server:
    """`manage.py runserver` on the bench database, as `make run` starts it (without the reloader)."""

    def __init__(self, database_url: str, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.log = data_dir() / "runserver.log"
        env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "project.settings"}
        env.pop("DATABASE_POOL_SIZE", None)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR, env=env, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait(self, session) -> None:
        wait_until_up(session, self.base, self.log)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(15)


def timed_get(session, url: str, params: dict, headers=None) -> tuple[float, object]:
    started = time.monotonic()
    response = session.get(url, params=params, headers=headers, timeout=120)
    elapsed = time.monotonic() - started
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code} from {response.url}")
    return elapsed, response


def pct(values, p) -> float:
    values = sorted(values)
    return 1000 * values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(server: Server, classes: dict[str, list[dict]], api_key: str) -> None:
    import requests
    from django.db import connection

    session = requests.Session()
    server.wait(session)
    api = {"Authorization": f"Api-Key {api_key}", "X-Forwarded-Proto": "https"}
    site = {"X-Forwarded-Proto": "https"}
    # One request of each kind first: the server's own start-up (imports, first connections) is not timed.
    session.get(f"{server.base}/search/", params={"q": "warm"}, headers=site, timeout=120)
    session.get(f"{server.base}/api/v1/articles/", params={"q": "warm"}, headers=api, timeout=120)
    print(
        f"\n{'class':12} {'n':>3} {'matches':>8} | {'naive p50':>9} {'p95':>6} | {'page p50':>8} {'p95':>6} "
        f"{'again':>6} | {'API p50':>7} {'p95':>6} | {'top-10 overlap':>14}"
    )
    for name, queries in classes.items():
        naive_t, page_t, again_t, api_t, overlap, totals = [], [], [], [], [], []
        for params in queries:
            with connection.cursor() as cursor:
                seconds, count = naive_sql(cursor, params)
            naive_t.append(seconds)
            totals.append(count)
            seconds, _ = timed_get(session, f"{server.base}/search/", params, site)
            page_t.append(seconds)
            again_t.append(timed_get(session, f"{server.base}/search/", params, site)[0])
            api_params = {"q": params["q"], "page_size": 10}
            if "tag" in params:
                api_params["tag"] = params["tag"]
            if "year" in params:
                year = params["year"]
                api_params |= {"published_after": f"{year}-01-01", "published_before": f"{year + 1}-01-01"}
            seconds, response = timed_get(session, f"{server.base}/api/v1/articles/", api_params, api)
            api_t.append(seconds)
            fast = [hit["slug"] for hit in response.json()["results"][:10]]
            reference = exhaustive_top(params)
            overlap.append(len(set(fast) & set(reference)) / len(reference) if reference else 1.0)
        if not queries:
            continue
        print(
            f"{name:12} {len(queries):>3} {int(statistics.median(totals)):>8} | {pct(naive_t, 50):>9.1f} "
            f"{pct(naive_t, 95):>6.1f} | {pct(page_t, 50):>8.1f} {pct(page_t, 95):>6.1f} {pct(again_t, 50):>6.1f} | "
            f"{pct(api_t, 50):>7.1f} {pct(api_t, 95):>6.1f} | {statistics.mean(overlap):>14.2f}",
            flush=True,
        )
    print(
        "(ms; 'matches' is the median count by naive SQL; page and API are first requests of each query over\n"
        " HTTP, 'again' the same page requested again; overlap: the API's top 10 against exhaustive ranking)"
    )


@contextmanager
def partner_key() -> Iterator[str]:
    """A partner key for one run's API requests, revoked when the run ends: the archive keeps none per run."""
    from archive.models import Partner

    # A rate the run cannot reach: throttling is not what is measured.
    partner, _ = Partner.objects.update_or_create(name="Benchmark partner", defaults={"rate_limit": "1000000/hour"})
    key, plain = partner.create_key("bench")
    try:
        yield plain
    finally:
        key.delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 100_000)))
    parser.add_argument("--queries", type=int, default=20, help="Queries per class.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8765)))
    parser.add_argument("--build-only", action="store_true", help="Build the archive, measure nothing.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    from django.db import connection

    build(args.articles)
    if args.build_only:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"PostgreSQL {cursor.fetchone()[0]}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    classes = query_classes(args.queries, random.Random(7))
    server = Server(os.environ["DATABASE_URL"], args.port)
    try:
        with partner_key() as key:
            measure(server, classes, key)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
