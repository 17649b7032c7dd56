"""Django's connection pool: the servers borrow database connections instead of opening one per request.

runserver serves each request on a new thread; without the pool each thread opened (and closed) a
PostgreSQL backend of its own. Run against a throwaway server so its connections can be counted.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
import requests

from tests import ops_servers

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def migrated_copy(django_db_setup):
    from django.db import connection

    return dict(connection.settings_dict)


@contextmanager
def runserver(folder, **env):
    """`manage.py runserver` (as `make run` starts it, without the reloader) on a free port."""
    port = ops_servers.free_port()
    log = folder / f"runserver-{port}.log"
    environment = {**os.environ, "ARCHIVE_DATA_DIR": str(folder), "DJANGO_SETTINGS_MODULE": "project.settings", **env}
    environment.pop("DATABASE_POOL_SIZE", None)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ops_servers.BASE_DIR, env=environment, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"runserver did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        print(f"--- runserver log ---\n{log.read_text()[-4000:]}")
        process.terminate()
        process.wait(15)


def backends(server) -> set[str]:
    """The process ids of the client connections to the archive database (this psql's own left out)."""
    rows = server.psql(
        "SELECT pid FROM pg_stat_activity WHERE datname = 'archive' AND backend_type = 'client backend' "
        "AND pid <> pg_backend_pid()"
    )
    return set(rows.split())


def test_runserver_borrows_pooled_connections(migrated_copy):
    with ops_servers.temp_dir() as folder, ops_servers.throwaway_postgres(folder) as server:
        ops_servers.copy_database(migrated_copy, server)
        with runserver(folder, DATABASE_URL=server.url()) as base:
            assert requests.get(f"{base}/search/?q=fence", timeout=30).status_code == 200
            before = backends(server)
            for n in range(12):
                assert requests.get(f"{base}/search/?q=fence{n}", timeout=30).status_code == 200
            after = backends(server)
    # Twelve requests on twelve threads, served by the pool's connections: none opened, none closed.
    assert before and after == before
    assert len(after) <= 8


def test_commands_and_tests_use_no_pool():
    from django.db import connection

    assert "pool" not in connection.settings_dict["OPTIONS"]
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'project.settings');"
         "django.setup(); from django.conf import settings; d = settings.DATABASES['default'];"
         "print(d['OPTIONS']['pool']['max_size'], d['CONN_MAX_AGE'])"],
        cwd=ops_servers.BASE_DIR, env={**os.environ, "DATABASE_POOL_SIZE": "3"}, capture_output=True, text=True,
    )  # fmt: skip
    assert result.stdout.split() == ["3", "0"], result.stderr
