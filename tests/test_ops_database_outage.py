"""PostgreSQL stops under a running site: fast 503s, and recovery without a restart when it returns.

Runs gunicorn against a throwaway PostgreSQL server that the test stops and starts.
"""

import json
import time

import pytest
import requests

from tests import ops_servers

# The migrated test database is the source the throwaway servers are filled from.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def migrated_copy(django_db_setup):
    """Django's settings for the migrated test database, to copy into throwaway servers."""
    from django.db import connection

    return dict(connection.settings_dict)


def timed_get(url: str, **kwargs):
    started = time.monotonic()
    response = requests.get(url, timeout=15, allow_redirects=False, **kwargs)
    return response, time.monotonic() - started


def wait_for(predicate, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_database_outage_gives_fast_503s_and_recovers_without_restart(migrated_copy):
    with ops_servers.temp_dir() as folder, ops_servers.throwaway_postgres(folder) as server:
        with ops_servers.gunicorn(folder, DATABASE_URL=server.url()) as (base, log, process):
            # Reachable but not migrated: not ready, while the process itself is healthy.
            response, _ = timed_get(f"{base}/readyz")
            assert response.status_code == 503
            assert response.json()["pending_migrations"] > 0

            ops_servers.copy_database(migrated_copy, server)
            assert timed_get(f"{base}/readyz")[0].json() == {"status": "ok", "database": "ok", "migrations": "applied"}
            page = f"{base}/articles/no-such-article/"
            api = f"{base}/api/v1/articles/"
            assert timed_get(page)[0].status_code == 404

            server.stop()

            for _ in range(4):  # both threads, each with its own (now broken) connection
                response, seconds = timed_get(page)
                assert response.status_code == 503
                assert seconds < 3
                assert response.headers["Retry-After"] == "10"
                assert "temporarily unavailable" in response.text
            response, seconds = timed_get(api, headers={"Accept": "application/json", "Authorization": "Api-Key x.y"})
            assert (response.status_code, response.json()["code"]) == (503, "database_unavailable")
            assert seconds < 3
            assert timed_get(f"{base}/readyz")[0].status_code == 503
            assert timed_get(f"{base}/healthz")[0].status_code == 200

            server.start()

            assert wait_for(lambda: timed_get(page)[0].status_code == 404, seconds=10)
            assert timed_get(f"{base}/readyz")[0].status_code == 200
            assert process.poll() is None  # the same gunicorn, never restarted

            lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
            outage = [line for line in lines if line.get("logger") == "archive.requests" and line["status"] == 503]
            assert outage and outage[0]["path"] == "/articles/no-such-article/"
            assert not any("Traceback" in line for line in log.read_text().splitlines())
