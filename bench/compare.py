"""Two versions of the archive over HTTP on one database, each query asked of both in turn.

    DATABASE_URL=<a built bench archive> python -m bench.compare BEFORE_DIR AFTER_DIR [--queries 20]

On a machine shared with other work, `make bench` run twice, minutes apart, measures the load as much
as the code. Here both versions' servers (`manage.py runserver`, as `make run` starts it, each from
its own checkout and with its own cache) run side by side, and each query's first request goes to
both, alternating which goes first, so a busy moment falls on both alike. The queries are those of
`make bench` (bench.speed.query_classes); the search page and the API search are timed, p50 / p95 in ms.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import django

SIDES = ("before", "after")


def start(directory: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "project.settings", "PYTHONPATH": str(directory)}
    env.pop("DATABASE_POOL_SIZE", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=directory, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def api_params(params: dict) -> dict:
    wanted = {"q": params["q"], "page_size": 10}
    if "tag" in params:
        wanted["tag"] = params["tag"]
    if "year" in params:
        year = params["year"]
        wanted |= {"published_after": f"{year}-01-01", "published_before": f"{year + 1}-01-01"}
    return wanted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="Checkout of the version before.")
    parser.add_argument("after", type=Path, help="Checkout of the version after.")
    parser.add_argument("--queries", type=int, default=20, help="Queries per class.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8931)), help="And the next.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    import requests

    from bench.speed import data_dir, partner_key, pct, query_classes, wait_until_up

    data_dir().mkdir(parents=True, exist_ok=True)
    bases = {side: f"http://127.0.0.1:{args.port + i}" for i, side in enumerate(SIDES)}
    directories = {"before": args.before.resolve(), "after": args.after.resolve()}
    servers = {
        side: start(directories[side], args.port + i, data_dir() / f"compare-{side}.log")
        for i, side in enumerate(SIDES)
    }
    keys = ExitStack()
    try:
        session = requests.Session()
        site = {"X-Forwarded-Proto": "https"}
        api = {"Authorization": f"Api-Key {keys.enter_context(partner_key())}", **site}
        for side, base in bases.items():
            wait_until_up(session, base, data_dir() / f"compare-{side}.log")
            # Each server's own start-up (imports, first connections) is not timed.
            session.get(f"{base}/search/", params={"q": "warm"}, headers=site, timeout=120)
            session.get(f"{base}/api/v1/articles/", params={"q": "warm"}, headers=api, timeout=120)
        print(f"{'class':12} | {'page before':>13} {'page after':>13} | {'API before':>13} {'API after':>13}")
        for name, queries in query_classes(args.queries, random.Random(7)).items():
            timings = {(side, kind): [] for side in SIDES for kind in ("page", "api")}
            for i, params in enumerate(queries):
                order = SIDES if i % 2 == 0 else SIDES[::-1]
                asked = (("page", "/search/", params, site), ("api", "/api/v1/articles/", api_params(params), api))
                for kind, path, query, headers in asked:
                    for side in order:
                        started = time.monotonic()
                        response = session.get(f"{bases[side]}{path}", params=query, headers=headers, timeout=120)
                        timings[(side, kind)].append(time.monotonic() - started)
                        if response.status_code != 200:
                            sys.exit(f"{response.status_code} from {side}: {response.url}")
            if not queries:
                continue
            cells = [f"{pct(timings[key], 50):5.0f} /{pct(timings[key], 95):5.0f}" for key in timings]
            # Keys run before-page, before-api, after-page, after-api.
            print(f"{name:12} | {cells[0]:>13} {cells[2]:>13} | {cells[1]:>13} {cells[3]:>13}", flush=True)
        print("(ms, p50 / p95; each query's first request to each server, alternating which is asked first)")
    finally:
        keys.close()
        for server in servers.values():
            server.terminate()
            server.wait(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
