"""Catch-up: how searching feels while an archive grows by 10 % and the background worker catches up.

    DATABASE_URL=<the bench database> python -m bench.catchup [--articles 100000]

On the archive `make bench` builds (built here first when the database is empty), starts the web server
and the background worker with the same honcho command and Procfile.dev as `make run`, then asks the
search page over HTTP at a steady rate (the query classes and query drawing of bench.speed, each class
drawn in proportion to its pool of queries), while `import_articles --publish` imports 10 % more generated articles (another seed).
Prints the page p95 per class in four windows beside the steady state before the import:
during the import, the first minute after it, and once the worker's refresh job has finished. Then the
worker is asked for the full refresh it runs nightly, and a last window times the grown archive in the
state the first steady state was in (its statistics built in full): "caught up" is judged against both.
The archive is 10 % larger after the import, so a common word has 10 % more matches to count and rank;
against the first steady state that growth reads as a slower "caught up" that no worker could catch.

The windows compared closely ask the same queries: the steady state, "caught up" and the full refresh
each replay one script of queries from its start, so that a class's p95 in two of them differs by the
archive's state, not by which of a pool's queries each drew (drawn apart, two windows of one state
differed by up to 20 % in a class). Each of them is a generation of its own (the import and each refresh
move it), so the result cache answers none of a replay's requests: each is its query's first in that
state, as in bench.speed. The other windows, and the time between windows, ask queries of their own, each
once. Bounded: each window has a time limit and each class a pool of queries.
"""

import argparse
import logging
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import django

from bench.speed import BASE_DIR, Server, build, data_dir, pct, query_classes, timed_get, vocabulary

# Searches run this long before the steady state is timed: the server's and the worker's start (first
# imports and connections, the worker's first scheduled jobs, cold caches) is not the steady state.
WARM_UP_SECONDS = 20
# The windows compared with ±10 %: long enough that each class has some 150 requests or more in them (at
# 90 s, some 40, two windows of one archive state differed by up to 20 % in a class; at 180 s, up to 15 %).
STEADY_SECONDS = 240
AFTER_SECONDS = 60  # "the first minute after" the import
CAUGHT_UP_SECONDS = 240
# The grown archive's own steady state, once the worker's full refresh has run.
REFERENCE_SECONDS = 240
IMPORT_LIMIT_SECONDS = 900
REFRESH_WAIT_SECONDS = 300
# A row over every request of a window: the import of a small archive is over in seconds, too few
# requests per class for a p95 of its own.
ALL_CLASSES = "all classes"
# The import adds this share of the archive by default. One of more than a fifth
# (SearchLimits.full_refresh_share) ends with a full refresh of the statistics, not an incremental one.
GROWTH = 0.10
# The worker's jobs that refresh the search statistics (archive.jobs).
REFRESH_TASKS = (
    "refresh_search_statistics",
    "scheduled_refresh",
    "nightly_full_refresh",
)
# Goals of the measurement: p95 within this ratio of the steady state during the import and the minute
# after, and within this tolerance of it once the worker has caught up.
GOAL_DURING = 1.5
GOAL_CAUGHT_UP = 0.10
# A class's p95 over fewer requests than this is printed but not judged: it is its one or two slowest.
MIN_SAMPLES = 30
# Query pools: draws of bench.speed's query_classes with these many seeds, each query asked once.
POOL_DRAWS = 100
QUERIES_PER_DRAW = 20
# Readers' searches arrive at this steady rate (a server answering faster waits for the next one), so the
# pools last the whole run and the windows compare the same load.
SEARCHES_PER_SECOND = 12
# The replayed script holds a little more than the longest replaying window asks at that rate.
SCRIPT_LENGTH = int(max(STEADY_SECONDS, CAUGHT_UP_SECONDS, REFERENCE_SECONDS) * SEARCHES_PER_SECOND * 1.1)


@dataclass(frozen=True)
class Sample:
    at: float  # time.monotonic() when the request started
    query_class: str
    seconds: float


# The windows' names; "caught up" is compared with the grown archive's own steady state, the others with the first.
STEADY = "steady"
CAUGHT_UP = "caught up"
FULLY_REFRESHED = "full refresh"


@dataclass(frozen=True)
class Window:
    name: str
    start: float
    end: float
    # The window whose p95 this one's is divided by (None: the first window, the steady state).
    compared_with: str | None = None

    def holds(self, sample: Sample) -> bool:
        return self.start <= sample.at < self.end


@dataclass(frozen=True)
class ClassFigure:
    count: int
    p95_ms: float | None
    ratio: float | None  # p95 over the p95 of the window compared with
    compared_count: int = 0  # requests in the window compared with


@dataclass
class WindowFigures:
    window: Window
    per_class: dict[str, ClassFigure] = field(default_factory=dict)


def window_figures(samples: list[Sample], windows: list[Window], classes: list[str]) -> list[WindowFigures]:
    """p95 per class per window, and its ratio to the p95 of the window it is compared with (the first
    window, the steady state, unless it names another)."""
    timings: dict[str, dict[str, list[float]]] = {
        window.name: {
            name: [s.seconds for s in samples if name in (ALL_CLASSES, s.query_class) and window.holds(s)]
            for name in classes
        }
        for window in windows
    }
    p95 = {w: {name: pct(seconds, 95) if seconds else None for name, seconds in by_class.items()}
           for w, by_class in timings.items()}  # fmt: skip
    figures = []
    for window in windows:
        base_window = window.compared_with or windows[0].name
        row = WindowFigures(window)
        for name in classes:
            own, base = p95[window.name][name], p95[base_window][name]
            ratio = own / base if own is not None and base else None
            row.per_class[name] = ClassFigure(
                len(timings[window.name][name]), own, ratio, len(timings[base_window][name])
            )
        figures.append(row)
    return figures


def steady_spread(samples: list[Sample], steady: Window, classes: list[str]) -> dict[str, float | None]:
    """Per class, the p95 of the steady state's second half over its first half's: how far two sets of
    queries differ in one archive state (the spread that replaying one script in the compared windows
    takes out of their comparison)."""
    middle = (steady.start + steady.end) / 2
    halves = [Window(STEADY, steady.start, middle), Window("second half", middle, steady.end)]
    _, second = window_figures(samples, halves, classes)
    return {name: second.per_class[name].ratio for name in classes}


def meets_goal(window_name: str, figure: ClassFigure) -> bool | None:
    """Whether a window's ratio meets the goal printed beside it (None: no goal, no figure, or too few
    requests in the window or the one it is compared with to tell)."""
    ratio = figure.ratio
    if (
        ratio is None
        or window_name in (STEADY, FULLY_REFRESHED)
        or min(figure.count, figure.compared_count) < MIN_SAMPLES
    ):
        return None
    if window_name == CAUGHT_UP:
        return abs(ratio - 1) <= GOAL_CAUGHT_UP
    return ratio <= GOAL_DURING


def query_pools(draws: int, per_draw: int) -> dict[str, list[dict]]:
    """Distinct queries per class from several draws of bench.speed's query_classes."""
    pools: dict[str, list[dict]] = {}
    words = vocabulary()
    for seed in range(draws):
        for name, queries in query_classes(per_draw, random.Random(1000 + seed), words, salt=str(seed)).items():
            pool = pools.setdefault(name, [])
            pool.extend(q for q in queries if q not in pool)
    # Each window draws from the whole pool, not from one seed's draw.
    for pool in pools.values():
        random.Random(0).shuffle(pool)
    return pools


@dataclass(frozen=True)
class Query:
    query_class: str
    params: dict


def interleaved(pools: dict[str, list[dict]]) -> list[Query]:
    """Every query of the pools once, the classes interleaved in proportion to their pools, so that a small
    pool (place names: as many as the gazetteer has) is spread over the whole run rather than used up early."""
    left = {name: list(queries) for name, queries in pools.items()}
    names = list(left)
    chooser = random.Random(0)
    order = []
    while any(left.values()):
        weights = [len(left[name]) for name in names]
        name = chooser.choices(names, weights)[0]
        order.append(Query(name, left[name].pop()))
    return order


class Searcher(threading.Thread):
    """Asks the search page at SEARCHES_PER_SECOND (or as fast as it answers, if slower) until stopped, out
    of time or out of queries: the script's queries from its start after each replay(), else fresh ones,
    each asked once."""

    def __init__(self, base: str, script: list[Query], fresh: list[Query], limit_seconds: float):
        super().__init__(daemon=True)
        self.base, self.limit = base, limit_seconds
        self.script, self.fresh = script, list(reversed(fresh))
        self.samples: list[Sample] = []
        self.error: str | None = None
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._replaying: list[Query] = []

    def replay(self) -> None:
        """Ask the script again from its first query (in a new generation of the archive: see the module)."""
        with self._lock:
            self._replaying = list(reversed(self.script))

    def ask_fresh(self) -> None:
        """Leave the script: ask queries not asked before."""
        with self._lock:
            self._replaying = []

    def _next(self) -> Query | None:
        with self._lock:
            if self._replaying:
                return self._replaying.pop()
            return self.fresh.pop() if self.fresh else None

    def run(self) -> None:
        import requests

        session = requests.Session()
        site = {"X-Forwarded-Proto": "https"}
        deadline = time.monotonic() + self.limit
        next_at = time.monotonic()
        try:
            while not self.stopping.is_set() and time.monotonic() <= deadline:
                query = self._next()
                if query is None:
                    return
                time.sleep(max(0.0, next_at - time.monotonic()))
                started = time.monotonic()
                next_at = max(next_at + 1 / SEARCHES_PER_SECOND, started)
                seconds, _ = timed_get(session, f"{self.base}/search/", query.params, site)
                self.samples.append(Sample(started, query.query_class, seconds))
        except (SystemExit, OSError) as error:  # timed_get exits on a non-200
            self.error = str(error)

    def queries_left(self) -> int:
        return len(self.fresh)


class DevServers(Server):
    """The web server and the worker as `make run` starts them: honcho with Procfile.dev."""

    def __init__(self, database_url: str, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.log = data_dir() / "catchup-servers.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "project.settings",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "ARCHIVE_PYTHON": sys.executable,
        }
        env.pop("DATABASE_POOL_SIZE", None)
        honcho = str(BASE_DIR / ".venv" / "bin" / "honcho")
        self.process = subprocess.Popen(
            [honcho, "-e", "/dev/null", "-f", "Procfile.dev", "start"],
            cwd=BASE_DIR, env=env, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def stop(self) -> None:
        # honcho stops both on SIGTERM (as on Ctrl-C); its own process group, so nothing else is touched.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def refresh_pending() -> int:
    """Refresh jobs due or running on the worker."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE task_name = ANY(%s) AND (status = 'doing' "
            "OR (status = 'todo' AND (scheduled_at IS NULL OR scheduled_at <= now())))",
            [list(REFRESH_TASKS)],
        )
        return cursor.fetchone()[0]


def new_articles(have: int, growth: float = GROWTH):
    """A file of `growth` × `have` generated articles none of which the archive holds yet."""
    from django.core.management import call_command

    # The seed is the archive's size: never bench.speed's seed 1, and another one after each run grew it
    # (a seed used before would give the same articles again, which the import leaves unchanged).
    count, seed = max(1, round(have * growth)), 1_000_000 + have
    path = data_dir() / f"catchup-{count}-seed{seed}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        call_command("generate_articles", count, str(path), seed=seed)
    return path


def print_table(figures: list[WindowFigures], classes: list[str], spread: dict[str, float | None]) -> None:
    names = [f.window.name for f in figures]
    print(f"\n{'class':12} | " + " | ".join(f"{n + ' p95':>16}" for n in names) + " | steady halves")
    for name in classes:
        cells = []
        for row in figures:
            figure = row.per_class[name]
            if figure.p95_ms is None:
                cells.append(f"{'-':>16}")
                continue
            ok = meets_goal(row.window.name, figure)
            judged = row.window.name not in (STEADY, FULLY_REFRESHED)
            mark = {None: " ~", True: " ok", False: " !!"}[ok] if judged else "   "
            ratio = "" if row.window.name == STEADY or figure.ratio is None else f" {figure.ratio:.2f}x{mark}"
            cells.append(f"{figure.p95_ms:>6.0f}{ratio:>10}")
        halves = f"{spread[name]:.2f}x" if spread.get(name) else "-"
        print(f"{name:12} | " + " | ".join(cells) + f" | {halves:>13}")
    counts = ", ".join(
        f"{r.window.name} {r.per_class[ALL_CLASSES].count}" for r in figures if ALL_CLASSES in r.per_class
    )
    seconds = ", ".join(f"{r.window.name} {r.window.end - r.window.start:.0f} s" for r in figures)
    print(
        f"(ms, the search page's first request of each query over HTTP; ratio to steady state, but '{CAUGHT_UP}' "
        f"to '{FULLY_REFRESHED}', the grown archive's own steady state; ~: fewer than {MIN_SAMPLES} requests in "
        f"either window, not judged; steady, '{CAUGHT_UP}' and '{FULLY_REFRESHED}' ask the same queries; steady "
        f"halves: the steady state's second half over its first, two sets of queries in one archive state)\nrequests: {counts}"
    )
    print(f"windows: {seconds}")
    print(
        f"goal: within {GOAL_DURING}x of steady state during the import and the first minute after it, "
        f"equal (±{GOAL_CAUGHT_UP:.0%}) to the grown archive's steady state once the worker has caught up"
    )


def wait_for_refresh(limit_seconds: float) -> str:
    """Wait until the worker has no refresh job due or running; say how long it took."""
    from django.db import connection

    waited = time.monotonic()
    while refresh_pending() and time.monotonic() - waited < limit_seconds:
        time.sleep(1)
    still = refresh_pending()
    connection.close()
    return f"waited {time.monotonic() - waited:.0f} s" + (
        f", {still} still queued or running (gave up)" if still else ", none left"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 100_000)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8765)))
    parser.add_argument(
        "--growth", type=float, default=GROWTH, help="share of the archive imported (0.25: a full refresh ends it)"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    from django.db import connection

    from archive.models import Article

    build(args.articles)
    before = Article.objects.count()
    extra = new_articles(before, args.growth)
    pools = query_pools(POOL_DRAWS, QUERIES_PER_DRAW)
    classes = list(pools)
    connection.close()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {before} articles; query pools: "
          + ", ".join(f"{n} {len(p)}" for n, p in pools.items()), flush=True)  # fmt: skip

    servers = DevServers(os.environ["DATABASE_URL"], args.port)
    windows: list[Window] = []
    try:
        import requests

        servers.wait(requests.Session())
        requests.get(f"{servers.base}/search/", params={"q": "warm"}, headers={"X-Forwarded-Proto": "https"})
        limit = (
            WARM_UP_SECONDS
            + STEADY_SECONDS
            + IMPORT_LIMIT_SECONDS
            + AFTER_SECONDS
            + REFRESH_WAIT_SECONDS
            + CAUGHT_UP_SECONDS
            + REFRESH_WAIT_SECONDS
            + REFERENCE_SECONDS
        )
        queries = interleaved(pools)
        searcher = Searcher(servers.base, queries[:SCRIPT_LENGTH], queries[SCRIPT_LENGTH:], limit)
        searcher.start()
        time.sleep(WARM_UP_SECONDS)

        start = time.monotonic()
        searcher.replay()
        time.sleep(STEADY_SECONDS)
        searcher.ask_fresh()  # the import's transaction keeps the steady state's generation until it commits
        windows.append(Window(STEADY, start, time.monotonic()))

        start = time.monotonic()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "project.settings"}
        command = [sys.executable, "manage.py", "import_articles", str(extra), "--publish"]
        imported = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True,
                                  timeout=IMPORT_LIMIT_SECONDS)  # fmt: skip
        windows.append(Window("during", start, time.monotonic()))
        print(imported.stdout.strip() or imported.stderr.strip()[-2000:], flush=True)

        start = time.monotonic()
        time.sleep(AFTER_SECONDS)
        windows.append(Window("first minute", start, time.monotonic()))

        print(f"Refresh jobs pending after the first minute: {wait_for_refresh(REFRESH_WAIT_SECONDS)}", flush=True)
        start = time.monotonic()
        searcher.replay()
        time.sleep(CAUGHT_UP_SECONDS)
        searcher.ask_fresh()
        windows.append(Window(CAUGHT_UP, start, time.monotonic(), compared_with=FULLY_REFRESHED))

        # The nightly job, asked for now: the worker rebuilds the statistics in full, as they were built
        # for the first steady state.
        from archive.jobs import queue_full_refresh

        logging.getLogger("procrastinate").setLevel(logging.WARNING)  # its "Deferred 1 job" line, in JSON
        queue_full_refresh()
        print(f"The worker's full refresh: {wait_for_refresh(REFRESH_WAIT_SECONDS)}", flush=True)
        start = time.monotonic()
        searcher.replay()
        time.sleep(REFERENCE_SECONDS)
        windows.append(Window(FULLY_REFRESHED, start, time.monotonic()))
        searcher.stopping.set()
        searcher.join(130)
    finally:
        servers.stop()
    if searcher.error:
        print(f"The searches stopped early: {searcher.error}")
    if not searcher.queries_left():
        print("The query pools ran out before the end: later windows hold fewer requests.")
    print(f"{Article.objects.count()} articles now (+{Article.objects.count() - before}).")
    rows = [*classes, ALL_CLASSES]
    print_table(
        window_figures(searcher.samples, windows, rows), rows, steady_spread(searcher.samples, windows[0], rows)
    )
    return 0 if imported.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
