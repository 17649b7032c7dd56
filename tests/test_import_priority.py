"""import_articles yields the processor to readers: its process and, when the database runs on this host,
its backend run at a lower CPU priority while it imports, and its queries start no parallel workers (which
PostgreSQL would fork at the server's priority)."""

import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.test_ops_deploy import BASE_DIR

# Each in a process of its own: a lowered priority cannot be raised again, and the suite must not slow.
PROBE = (
    "import os; from django.db import connection; from archive.importers.priority import yield_to_readers; "
    "print(yield_to_readers().summary()); cur = connection.cursor(); cur.execute('SELECT pg_backend_pid()'); "
    "backend = cur.fetchone()[0]; cur.execute('SHOW max_parallel_workers_per_gather'); "
    "print(os.getpriority(os.PRIO_PROCESS, 0), os.getpriority(os.PRIO_PROCESS, backend), cur.fetchone()[0])"
)


def database_url(db: dict) -> str:
    if str(db["HOST"]).startswith("/"):
        return f"postgres://{db['USER']}@/{db['NAME']}?host={quote(db['HOST'], safe='')}"
    return f"postgres://{db['USER']}:{quote(db.get('PASSWORD') or '', safe='')}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def probe(**env) -> list[str]:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url(connection.settings_dict), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-2:]


@pytest.mark.django_db
def test_an_import_runs_below_readers_and_so_does_its_local_backend():
    if not str(settings.DATABASES["default"].get("HOST", "")).startswith("/"):
        pytest.skip("the database is reached over TCP: its backend may be on another host")
    lowered, priorities = probe(ARCHIVE_IMPORT_NICENESS="10")
    assert lowered == "{'parallel workers per query': 0, 'process': 10, 'database backend': 10}"
    assert priorities == "10 10 0"


@pytest.mark.django_db
def test_an_imports_queries_start_no_parallel_workers_on_any_server():
    lowered, priorities = probe(ARCHIVE_IMPORT_NICENESS="10")
    assert "'parallel workers per query': 0" in lowered
    assert priorities.split()[2] == "0"


@pytest.mark.django_db
def test_niceness_zero_leaves_the_import_as_it_was():
    lowered, priorities = probe(ARCHIVE_IMPORT_NICENESS="0")
    assert lowered == "{}"
    assert priorities.split()[0] == str(os.getpriority(os.PRIO_PROCESS, 0))
    assert priorities.split()[2] != "0"  # the server's own setting


# An import in the middle of a program: its priority and parallel workers before, inside readers_first(), after.
PROBE_AFTER = (
    "import json, os; from django.db import connection; from archive.importers.priority import readers_first\n"
    "def state():\n"
    "    with connection.cursor() as cursor:\n"
    "        cursor.execute('SHOW max_parallel_workers_per_gather')\n"
    "        return [os.getpriority(os.PRIO_PROCESS, 0), cursor.fetchone()[0]]\n"
    "before = state()\n"
    "with readers_first():\n"
    "    during = state()\n"
    "print(json.dumps([before, during, state()]))"
)


@pytest.mark.django_db
def test_a_program_that_imports_goes_on_at_its_own_priority_and_settings_afterwards():
    niceness = os.getpriority(os.PRIO_PROCESS, 0) + 5
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE_AFTER],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "ARCHIVE_IMPORT_NICENESS": str(niceness),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    before, during, after = json.loads(result.stdout.strip().splitlines()[-1])
    assert during == [niceness, "0"] and before[1] != "0"
    assert after[1] == before[1]  # the server's own setting again
    if os.geteuid() == 0:  # raising a priority back needs the privilege to
        assert after[0] == before[0]
