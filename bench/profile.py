"""What the search page, the article page and the API search add on top of their SQL, in-process.

    DATABASE_URL=<a built bench archive> python -m bench.profile [--queries 10] [--rounds 3]

Requests each page with Django's test client (no HTTP, no server), with the cache emptied before every
request so each one searches and renders. Per page and query class: wall time, the time spent waiting
on the database, the rest (Python: views, search core, templates) and the number of queries, p50 over
every request. The queries are those of `make bench` (bench.speed.query_classes), fewer per class.
With --statements, each search page's statements too, in the order the page runs them: p50 ms and the
start of each one's SQL (which of the core's steps it is).
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

import django

CLASSES = ("rare word", "medium word", "two words", "common word", "word + tag")


@dataclass(frozen=True)
class Statement:
    """One statement a request ran: the opening of its SQL and its seconds, round trip included."""

    opening: str
    seconds: float


@dataclass(frozen=True)
class Timing:
    """One request: wall seconds, seconds inside database calls, and how many queries."""

    wall: float
    sql: float
    queries: int
    # In the order they ran.
    statements: list[Statement] = field(default_factory=list)


def _opening(sql: str, length: int = 60) -> str:
    return " ".join(sql.split())[:length]


def timed(client, url: str, params: dict, headers: dict) -> Timing:
    from django.core.cache import cache
    from django.db import connection

    statements = []

    def wrapper(execute, sql, sql_params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, sql_params, many, context)
        finally:
            statements.append(Statement(_opening(sql), time.perf_counter() - started))

    cache.clear()
    started = time.perf_counter()
    with connection.execute_wrapper(wrapper):
        response = client.get(url, params, headers=headers)
    wall = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code} from {url} {params}")
    return Timing(wall, sum(s.seconds for s in statements), len(statements), statements)


def p50(values) -> float:
    return 1000 * statistics.median(values)


def report(name: str, timings: list[Timing]) -> None:
    print(
        f"{name:26} {len(timings):>3} | {p50([t.wall for t in timings]):>7.1f} {p50([t.sql for t in timings]):>7.1f} "
        f"{p50([t.wall - t.sql for t in timings]):>7.1f} | {statistics.median(t.queries for t in timings):>5.0f}",
        flush=True,
    )


def report_statements(timings: list[Timing]) -> None:
    """p50 of each statement by its place in the page and its SQL's opening (a page that asks one more,
    "did you mean", shows it as a row of its own with fewer requests)."""
    by_step = defaultdict(list)
    for timing in timings:
        for place, statement in enumerate(timing.statements):
            by_step[place, statement.opening].append(statement.seconds)
    for (place, opening), seconds in sorted(by_step.items()):
        print(f"    {place:>2} {p50(seconds):>6.2f} ms  {len(seconds):>3}x  {opening}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=10, help="Queries per class.")
    parser.add_argument("--rounds", type=int, default=3, help="Times each request is made.")
    parser.add_argument("--statements", action="store_true", help="Each search page's statements, p50.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    from django.test import Client

    from archive.models import Article
    from bench.speed import partner_key, query_classes

    classes = query_classes(args.queries, random.Random(7))
    client = Client()
    site = {"X-Forwarded-Proto": "https"}
    with partner_key() as key:
        api = {"Authorization": f"Api-Key {key}", **site}
        # The same articles every run: spread over the first thousand.
        slugs = list(Article.objects.published().order_by("id").values_list("slug", flat=True)[:1000])
        slugs = slugs[:: max(1, len(slugs) // args.queries)][: args.queries]
        # The first request of each kind pays for imports and connections; it is not counted.
        timed(client, "/search/", {"q": "warm"}, site)
        timed(client, "/api/v1/articles/", {"q": "warm"}, api)
        print(f"{'page / class':26} {'n':>3} | {'wall':>7} {'SQL':>7} {'Python':>7} | {'qs':>5}   (ms, p50)")
        for name in CLASSES:
            queries = classes[name]
            page, api_t = [], []
            for _ in range(args.rounds):
                for params in queries:
                    page.append(timed(client, "/search/", params, site))
                    api_params = {"q": params["q"], "page_size": 10} | (
                        {"tag": params["tag"]} if "tag" in params else {}
                    )
                    api_t.append(timed(client, "/api/v1/articles/", api_params, api))
            report(f"search page, {name}", page)
            if args.statements:
                report_statements(page)
            report(f"API search, {name}", api_t)
        article = [timed(client, f"/articles/{slug}/", {}, site) for _ in range(args.rounds) for slug in slugs]
        report("article page", article)
    return 0


if __name__ == "__main__":
    sys.exit(main())
