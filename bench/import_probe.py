"""Where searches slow down while an import writes: rare and misspelt words' search pages, phase by phase.

    DATABASE_URL=<a built bench archive> python -m bench.import_probe [--articles 6000]

A diagnostic beside `make bench-catchup`, in-process (Django's test client, caches emptied before each
request, so every page searches and renders): a thread asks the search page for a word met in a single
article, or the same word misspelt (which makes "did you mean" look for it), about five times a second,
timing each page and the word's bare count query, while this process imports `--articles` generated
articles with `import_articles --publish --no-refresh`, waits, then runs `refresh_search_stats`. Prints
p50 / p95 / max per phase (before, import, between, refresh, after) and each slow page's slowest queries.
Grows the archive by `--articles`.
"""

import argparse
import os
import random
import threading
import time
from dataclasses import dataclass

import django

from bench.speed import data_dir, pct

PAUSE_SECONDS = 0.15  # between two pages: a reader's pace, not a load test
QUIET_SECONDS = 20  # before the import, between the import and the refresh, after the refresh
SLOW_PAGE_SECONDS = 0.2  # a page this slow has its slowest queries printed
PHASES = ("before", "import", "between", "refresh", "after")


@dataclass(frozen=True)
class Probe:
    phase: str
    count_seconds: float
    page_seconds: float


class Prober(threading.Thread):
    def __init__(self, words: list[str]):
        super().__init__(daemon=True)
        self.words = words
        self.phase = PHASES[0]
        self.probes: list[Probe] = []
        self.slow: list[str] = []
        self.running = True

    def run(self):
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        client, draw = Client(), random.Random(7)
        while self.running:
            word = draw.choice(self.words) + draw.choice(("", "s"))  # as found, or misspelt
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM archive_article WHERE status = 'published' "
                    "AND search_vector @@ to_tsquery('archive_english', %s)",
                    [word],
                )
            counted = time.perf_counter()
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get("/search/", {"q": word})
            paged = time.perf_counter()
            self.probes.append(Probe(self.phase, counted - started, paged - counted))
            if paged - counted > SLOW_PAGE_SECONDS:
                slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:2]
                self.slow.append(
                    f"{self.phase} {word!r} {1000 * (paged - counted):.0f} ms: "
                    + " | ".join(f"{1000 * float(q['time']):.0f} ms {' '.join(q['sql'].split())[:90]}" for q in slowest)
                )
            time.sleep(PAUSE_SECONDS)
        connection.close()


def rare_words(limit: int = 400) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM ts_stat('SELECT search_vector FROM archive_article WHERE id %% 97 = 0') "
            "WHERE ndoc = 1 AND length(word) > 5 LIMIT %s",
            [limit],
        )
        return [word for (word,) in cursor.fetchall()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    from django.core.management import call_command

    seed = int(time.time())  # new articles each run (the same seed twice would import nothing new)
    path = data_dir() / f"probe-{args.articles}-seed{seed}.jsonl"
    call_command("generate_articles", args.articles, str(path), seed=seed)
    prober = Prober(rare_words())
    prober.start()
    for phase in PHASES:
        prober.phase = phase
        if phase == "import":
            call_command("import_articles", str(path), "--publish", "--no-refresh", verbosity=1)
        elif phase == "refresh":
            call_command("refresh_search_stats", verbosity=1)
        else:
            time.sleep(QUIET_SECONDS)
    prober.running = False
    prober.join()
    path.unlink(missing_ok=True)
    print(
        f"{'phase':8} {'n':>4} | {'count p50':>9} {'p95':>6} {'max':>6} | {'page p50':>8} {'p95':>6} {'max':>6}  (ms)"
    )
    for phase in PHASES:
        probes = [p for p in prober.probes if p.phase == phase]
        if not probes:
            continue
        counts, pages = [p.count_seconds for p in probes], [p.page_seconds for p in probes]
        print(
            f"{phase:8} {len(probes):4} | {pct(counts, 50):9.1f} {pct(counts, 95):6.1f} {1000 * max(counts):6.1f} |"
            f" {pct(pages, 50):8.1f} {pct(pages, 95):6.1f} {1000 * max(pages):6.1f}"
        )
    for line in prober.slow[:10]:
        print("slow:", line)


if __name__ == "__main__":
    main()
