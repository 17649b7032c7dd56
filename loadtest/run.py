"""Load test: gunicorn with production settings on the benchmark archive, 50 locust clients for 60 s.

    python -m loadtest.run --database archive_bench [--users 50] [--seconds 60] [--distinct] [--redis]

60 % search pages with queries drawn Zipf-like from 140 built from the archive's words, 25 % article
pages, 15 % API searches (loadtest/locustfile.py); with --distinct every query is asked once.

Prints requests, errors, p50 / p95 / p99 and throughput per page, and each worker's memory at the
start and end of the run, and writes them to bench-results/loadtest-<time>.json. Exits non-zero if a
request failed. Everything runs on loopback; the run stops by itself after --seconds.
"""

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
LOCUST_VENV = BASE_DIR / ".venv-load"
PYTHON = sys.executable


def database_url(args) -> str:
    if args.database_url:
        return args.database_url
    from bench.database import database_url

    return database_url(args.database)


def published_slugs(url: str, limit: int = 5000) -> list[str]:
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            rows = conn.execute(
                "SELECT slug FROM archive_article WHERE status = 'published' AND (publish_at IS NULL OR publish_at <= now())"
                " ORDER BY random() LIMIT %s",
                [limit],
            ).fetchall()
    except psycopg.Error as error:
        sys.exit(f"The benchmark archive is not there ({str(error).strip()}); build it with `make bench` first.")
    if not rows:
        sys.exit("The benchmark archive has no published articles; build it with `make bench` first.")
    return [row[0] for row in rows]


def archive_words(url: str, limit: int = 2000) -> list[str]:
    """Words of the archive's bodies (a sample's), commonest first."""
    with psycopg.connect(url, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', body) FROM archive_article WHERE id %% 50 = 0') "
            "WHERE length(word) > 3 AND word ~ '^[a-z]+$' ORDER BY ndoc DESC, word LIMIT %s",
            [limit],
        ).fetchall()
    return [row[0] for row in rows]


def query_list(words: list[str], n: int = 140) -> list[str]:
    """n queries: single words spread over the frequencies, and pairs of them (a fifth)."""
    step = max(1, len(words) // n)
    singles = words[::step][:n]
    pairs = [f"{a} {b}" for a, b in zip(singles[::2], singles[1::2])][: n // 5]
    return (singles[: n - len(pairs)] + pairs)[:n]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sample_memory(master: psutil.Process, samples: list, stop: threading.Event) -> None:
    while not stop.wait(5):
        try:
            workers = master.children()
            samples.append(
                {"t": round(time.time(), 1), "rss_mib": [round(w.memory_info().rss / 2**20, 1) for w in workers]}
            )
        except psutil.Error:
            pass


def warm_up(port: int, slugs: list[str], key: str) -> None:
    """A few requests per worker thread first, so the figures measure serving, not start-up."""
    import requests

    base, headers = f"http://127.0.0.1:{port}", {"X-Forwarded-Proto": "https"}
    for n in range(16):
        for path, extra in (
            (f"/search/?q=border+{n}", {}),
            (f"/articles/{slugs[n % len(slugs)]}/", {}),
            ("/api/v1/articles/?q=river", {"Authorization": f"Api-Key {key}"}),
        ):
            requests.get(base + path, headers=headers | extra, timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database", default="archive_bench", help="its name, on DATABASE_URL's server or the embedded one"
    )
    parser.add_argument("--database-url", default="", help="or its full URL")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--redis", action="store_true", help="share caches and throttles through REDIS_URL")
    parser.add_argument("--distinct", action="store_true", help="every query asked once (no repetition to help)")
    args = parser.parse_args()
    if not (LOCUST_VENV / "bin" / "locust").exists():
        sys.exit(
            f"locust is not installed: python3 -m venv {LOCUST_VENV} && {LOCUST_VENV}/bin/pip install -r loadtest/requirements.txt"
        )

    url = database_url(args)
    slugs = published_slugs(url)
    work = Path(tempfile.mkdtemp(prefix="archive-loadtest-"))
    (work / "slugs.txt").write_text("\n".join(slugs))
    words = archive_words(url)
    (work / "words.txt").write_text("\n".join(words))
    (work / "queries.txt").write_text("\n".join(query_list(words)))
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ARCHIVE_PRODUCTION": "1",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        # No recycling during the run, so the memory figures show any growth.
        "GUNICORN_MAX_REQUESTS": "10000000",
        # Each run starts with no page cached, as a server on a changed archive does: otherwise a run
        # within minutes of another would find the pages it rendered (they stay valid until a change).
        "ARCHIVE_CACHE_DIR": str(work / "cache"),
    }
    if not args.redis:
        env.pop("REDIS_URL", None)

    partner = f"Load test {int(time.time())}"
    key = subprocess.run(
        [PYTHON, "manage.py", "create_partner", partner, "--rate", "100000000/hour"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], cwd=BASE_DIR, env=env, check=True
    )

    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "-c", "gunicorn.conf.py", "project.wsgi"],
        cwd=BASE_DIR, env=env, stdout=open(work / "gunicorn.log", "wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    samples, stop = [], threading.Event()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"gunicorn did not start; see {work / 'gunicorn.log'}")
                time.sleep(0.5)
        warm_up(port, slugs, key)
        master = psutil.Process(server.pid)
        sampler = threading.Thread(target=sample_memory, args=(master, samples, stop), daemon=True)
        sampler.start()
        subprocess.run(
            [str(LOCUST_VENV / "bin" / "locust"), "-f", str(BASE_DIR / "loadtest" / "locustfile.py"), "--headless",
             "-u", str(args.users), "-r", str(max(1, args.users // 5)), "-t", f"{args.seconds}s", "--stop-timeout", "10",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(work / "locust"), "--only-summary"],
            env=os.environ
            | {
                "LOADTEST_SLUGS": str(work / "slugs.txt"),
                "LOADTEST_QUERIES": str(work / "queries.txt"),
                "LOADTEST_WORDS": str(work / "words.txt"),
                "LOADTEST_DISTINCT": "1" if args.distinct else "0",
                "LOADTEST_API_KEY": key,
            },
            timeout=args.seconds + 120, check=False,
        )  # fmt: skip
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        remove = f"from archive.models import Partner; Partner.objects.filter(name={partner!r}).delete()"
        subprocess.run([PYTHON, "manage.py", "shell", "-c", remove], cwd=BASE_DIR, env=env, check=False)
    return report(work, args, samples)


def report(work: Path, args, samples: list) -> int:
    with open(work / "locust_stats.csv") as stats_file:
        rows = list(csv.DictReader(stats_file))
    results = {
        "distinct": args.distinct,
        "users": args.users,
        "seconds": args.seconds,
        "pages": [
            {
                "name": row["Name"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
                "rps": round(float(row["Requests/s"]), 1),
            }
            for row in rows
        ],
        "worker_rss_mib": {
            "first": samples[0]["rss_mib"] if samples else [],
            "last": samples[-1]["rss_mib"] if samples else [],
        },
        "memory_samples": samples,
    }
    print(
        f"\n{args.users} clients, {args.seconds} s, {'every query distinct' if args.distinct else '140 queries, Zipf-like'}"
    )
    print(f"{'page':28} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7}")
    for page in results["pages"]:
        print(
            f"{page['name']:28} {page['requests']:>9} {page['failures']:>7} {page['p50_ms']:>8.0f} "
            f"{page['p95_ms']:>8.0f} {page['p99_ms']:>8.0f} {page['rps']:>7}"
        )
    print(
        f"worker memory (MiB), first sample → last: {results['worker_rss_mib']['first']} → {results['worker_rss_mib']['last']}"
    )
    out = BASE_DIR / "bench-results" / f"loadtest-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written to {out}")
    failures = sum(page["failures"] for page in results["pages"] if page["name"] != "Aggregated")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
