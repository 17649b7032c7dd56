"""An import yields the processor to readers: on a busy host its process runs at a lower CPU priority
(ARCHIVE_IMPORT_NICENESS, 10 by default; 0 leaves it), and so does its database backend when that runs on
this host under the same user (the embedded server, or any server reached through a Unix socket that
lets itself be reniced). An idle host imports as fast as before: niceness only orders who waits.

Its queries also run without parallel workers: PostgreSQL forks those at the server's priority, not the
backend's, so the statistics refresh that ends an import would otherwise take a second core at readers'
priority (seen as two "parallel worker" processes at niceness 0 beside the import's backend at 10).

When the import ends, the process, its backend and its session get their priority and settings back where
the system allows it (raising a priority back needs the privilege to), so that a program that imports and
then goes on (a benchmark timing SQL, a test run) does not go on as an import.

Measured with `make bench-catchup` (docs/benchmarks.md): searches during a 10 % import took about twice
their steady time on two cores without it.
"""

import contextlib
import logging
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

NO_PARALLEL_WORKERS = "SET max_parallel_workers_per_gather = 0"


@dataclass
class Yielded:
    """What yield_to_readers lowered: each process's niceness before and after, by pid (0: this process)."""

    before: dict[int, int] = field(default_factory=dict)
    after: dict[int, int] = field(default_factory=dict)
    parallel_workers_off: bool = False

    def summary(self) -> dict[str, int]:
        """Names and new values of what was lowered: {"parallel workers per query": 0, "process": 10, …}."""
        names = {pid: "process" if pid == 0 else "database backend" for pid in self.after}
        lowered = {"parallel workers per query": 0} if self.parallel_workers_off else {}
        return lowered | {names[pid]: niceness for pid, niceness in self.after.items()}


def import_niceness() -> int:
    return int(getattr(settings, "ARCHIVE_IMPORT_NICENESS", 10))


def yield_to_readers() -> Yielded:
    """Lower this process's priority and its database backend's, and keep its queries to that backend."""
    niceness = import_niceness()
    yielded = Yielded()
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return yielded
    with connection.cursor() as cursor:
        cursor.execute(NO_PARALLEL_WORKERS)
    yielded.parallel_workers_off = True
    _lower(0, niceness, yielded)
    # Only a backend reached through a Unix socket is on this host; a TCP address may be another machine's.
    if str(connection.connection.info.host).startswith("/"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            _lower(cursor.fetchone()[0], niceness, yielded)
    return yielded


def give_back(yielded: Yielded) -> None:
    """Undo yield_to_readers where the system allows it."""
    if yielded.parallel_workers_off and connection.connection is not None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET max_parallel_workers_per_gather")
        except DatabaseError as error:  # a broken connection is replaced, with the server's settings, on next use
            logger.info("Import session settings kept: %s", error)
    for pid, niceness in yielded.before.items():
        try:
            os.setpriority(os.PRIO_PROCESS, pid, niceness)
        except OSError as error:  # raising a priority needs the privilege to; a backend may be gone
            logger.info("Import priority of process %s kept: %s", pid or os.getpid(), error)


@contextlib.contextmanager
def readers_first():
    """An import's span: lowered on entry (yield_to_readers), given back on exit (give_back)."""
    yielded = yield_to_readers()
    try:
        yield yielded
    finally:
        give_back(yielded)


def _lower(pid: int, niceness: int, yielded: Yielded) -> None:
    try:
        current = os.getpriority(os.PRIO_PROCESS, pid)
        if current < niceness:
            os.setpriority(os.PRIO_PROCESS, pid, niceness)
            yielded.before[pid] = current
        yielded.after[pid] = os.getpriority(os.PRIO_PROCESS, pid)
    except OSError as error:  # another user's process, or gone
        logger.info("Import priority of process %s left as it was: %s", pid or os.getpid(), error)
