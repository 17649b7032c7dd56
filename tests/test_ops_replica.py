"""Reads from a streaming replica, writes to the primary, and read-your-writes for whoever wrote.

A throwaway primary and a real hot standby (pg_basebackup, WAL streaming) serve gunicorn. Pausing
the standby's replay makes its lag visible: a login (a write) must still work on the next page.
Stopping the standby must not take the site down.
"""

import time

import pytest
import requests
from django.contrib.auth.hashers import make_password

from project.db_router import PIN_COOKIE
from tests import ops_servers
from tests.test_ops_database_outage import migrated_copy  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def caught_up(primary, replica) -> bool:
    lsn = primary.psql("SELECT pg_current_wal_lsn()")
    return replica.psql(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn") == "t"


def wait_until(predicate, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def admin_login(session: requests.Session, base: str) -> requests.Response:
    session.get(f"{base}/admin/login/")
    return session.post(
        f"{base}/admin/login/?next=/admin/",
        data={
            "username": "ops",
            "password": "a long test password",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )


def test_reads_go_to_the_replica_and_writers_read_their_writes(migrated_copy):  # noqa: F811
    with ops_servers.temp_dir() as folder, ops_servers.throwaway_postgres(folder) as primary:
        ops_servers.copy_database(migrated_copy, primary)
        primary.psql(
            "INSERT INTO auth_user (username, password, is_superuser, is_staff, is_active, first_name, last_name,"
            " email, date_joined) VALUES ('ops', '{}', true, true, true, '', '', '', now())".format(
                make_password("a long test password")
            )
        )
        with ops_servers.streaming_replica(primary, folder) as replica:
            assert replica.psql("SELECT pg_is_in_recovery()") == "t"
            wait_until(lambda: caught_up(primary, replica))
            env = {"DATABASE_URL": primary.url(), "DATABASE_REPLICA_URLS": replica.url()}
            with ops_servers.gunicorn(folder, **env) as (base, log, process):
                replica.psql("SELECT pg_wal_replay_pause()")

                browser = requests.Session()
                response = admin_login(browser, base)
                assert response.status_code == 302, response.text[:500]
                assert PIN_COOKIE in response.cookies  # the login wrote: the session, last_login

                # The new session exists only on the primary; the pinned browser is logged in anyway.
                assert browser.get(f"{base}/admin/", allow_redirects=False).status_code == 200
                assert replica.psql("SELECT count(*) FROM django_session") == "0"

                # Without the pin the same session's reads go to the replica, which has not seen the login.
                session_only = {"sessionid": browser.cookies["sessionid"]}
                response = requests.get(f"{base}/admin/", cookies=session_only, allow_redirects=False)
                assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]

                replica.psql("SELECT pg_wal_replay_resume()")
                wait_until(lambda: caught_up(primary, replica))
                response = requests.get(f"{base}/admin/", cookies=session_only, allow_redirects=False)
                assert response.status_code == 200
                assert PIN_COOKIE not in response.cookies  # reading wrote nothing: no new pin

                # The replica goes away: after at most one 503 per thread, reads fall back to the primary.
                replica.stop()
                statuses = [
                    requests.get(f"{base}/admin/", cookies=session_only, allow_redirects=False).status_code
                    for _ in range(4)
                ]
                assert set(statuses) <= {200, 503} and statuses[-2:] == [200, 200], statuses
