"""The job queue in tests: the real procrastinate queue in the test database, and a real worker.

`run_worker()` runs procrastinate's worker in this process on the test database until no job is due,
as `manage.py procrastinate worker` does forever; tests that use it need committed data
(`django_db(transaction=True)`). The queue's tables are not Django-managed, so Django's flush leaves
them: `clear_queue()` empties them between tests.
"""

import threading
from urllib.parse import quote

from django.db import connection
from procrastinate.contrib.django import app

import archive.jobs  # noqa: F401  (registers the tasks)


def clear_queue() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_jobs, procrastinate_events, procrastinate_periodic_defers, procrastinate_workers "
            "RESTART IDENTITY CASCADE"
        )


def run_worker(queues: list[str] | None = ("default",)) -> None:
    """Run every job due on `queues` (all queues: None), then stop. Scheduled jobs have their own queue,
    left out by default so that a test sees only the jobs it queued."""
    failures = []

    def work():
        try:
            with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
                worker_app.run_worker(
                    queues=list(queues) if queues else None,
                    wait=False,
                    # One job at a time: with more, the worker stops at the first empty fetch and leaves
                    # the jobs that running ones queue (a refresh after an import) for the next run.
                    concurrency=1,
                    install_signal_handlers=False,
                    listen_notify=False,
                )
        except BaseException as error:  # handed to the test
            failures.append(error)

    # A thread of its own: the worker runs an event loop, and the browser tests' Playwright may already
    # run one in this thread.
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def jobs(queue: str = "default") -> list[tuple[str, str]]:
    """(task name, status) of every job of `queue`, oldest first. The worker also queues the scheduled
    jobs due (on their own queue), so a test looks at its own queue."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name, status FROM procrastinate_jobs WHERE queue_name = %s ORDER BY id", [queue])
        return [tuple(row) for row in cursor.fetchall()]


def make_due(task_name: str) -> int:
    """Move the task's retries scheduled for later to now: the backoff's wait, without waiting."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_jobs SET scheduled_at = now() WHERE task_name = %s AND status = 'todo'", [task_name]
        )
        return cursor.rowcount


def database_url() -> str:
    """The test database, for a process started by a test."""
    s = connection.settings_dict
    host = quote(s["HOST"] or "", safe="")
    auth = quote(s["USER"] or "", safe="") + (f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else "")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{auth}@{host}{port}/{quote(s['NAME'], safe='')}"
