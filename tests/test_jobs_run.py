"""`make run` starts the background worker beside the web server, and Ctrl-C stops both.

The test runs the launcher the Makefile's `run` target runs (read from `make -n run`, so the two cannot
drift apart) on a free port against the test database, checks over HTTP that a worker is up, then
sends Ctrl-C (SIGINT to the process group, as a terminal does) and checks every process is gone.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import requests
from django.db import connection

from tests.jobs_support import clear_queue, database_url
from tests.ops_servers import free_port

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent.parent


def launcher(port: int) -> str:
    """The last command `make run` would run (after setup): the launcher."""
    # Not as a sub-make of `make test`: that would print "Entering/Leaving directory" lines.
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    planned = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", f"PORT={port}", f"VENV={VENV}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return planned.stdout.strip().splitlines()[-1]


def wait_for(condition, what: str, limit: float = 120.0):
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.3)


def jobs_health(port: int) -> dict | None:
    try:
        return requests.get(f"http://127.0.0.1:{port}/healthz/jobs", timeout=5).json()
    except (requests.ConnectionError, requests.Timeout, ValueError):
        return None


def worker_processes(root: psutil.Process) -> list[psutil.Process]:
    """The worker's Python process (honcho starts it through a shell)."""
    return [
        p
        for p in root.children(recursive=True)
        if p.name().startswith("python") and "procrastinate worker" in " ".join(p.cmdline())
    ]


@pytest.mark.django_db(transaction=True)
def test_make_run_starts_the_worker_beside_the_web_server_and_ctrl_c_stops_both(tmp_path):
    clear_queue()
    port = free_port()
    command = launcher(port)
    assert "honcho" in command and "Procfile.dev" in command
    env = os.environ | {"DATABASE_URL": database_url(), "ARCHIVE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_REPLICA_URLS", None)
    log = tmp_path / "run.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, shell=True, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        root = psutil.Process(process.pid)
        wait_for(lambda: (jobs_health(port) or {}).get("workers") == 1, "the worker's first heartbeat")
        health = jobs_health(port)
        assert health["last_heartbeat"] and health["heartbeat_age_seconds"] < 60
        workers = worker_processes(root)
        assert len(workers) == 1
        everything = [root, *root.children(recursive=True)]
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C
        process.wait(timeout=60)

    gone, alive = psutil.wait_procs(everything, timeout=30)
    assert not alive, f"still running after Ctrl-C: {[p.cmdline() for p in alive]}\n{log.read_text()}"
    assert workers[0] in gone
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_workers")
        assert cursor.fetchone()[0] == 0  # the worker said goodbye: nothing stalled is left
    assert jobs_health(port) is None  # and the web server is down
