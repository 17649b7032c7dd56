"""An import yields the processor to readers: on a busy host its process runs at a lower CPU priority
(ARCHIVE_IMPORT_NICENESS, 10 by default; 0 leaves it), and so does its database backend when that runs on
this host under the same user (the embedded server, or any server reached through a Unix socket that
lets itself be reniced). An idle host imports as fast as before: niceness only orders who waits.

Its queries also run without parallel workers: PostgreSQL forks those at the server's priority, not the
backend's, so the statistics refresh that ends an import would otherwise take a second core at readers'
priority (seen as two "parallel worker" processes at niceness 0 beside the import's backend at 10).

Measured with `make bench-catchup` (docs/benchmarks.md): searches during a 10 % import took about twice
their steady time on two cores without it.
"""

import logging
import os

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def import_niceness() -> int:
    return int(getattr(settings, "ARCHIVE_IMPORT_NICENESS", 10))


def yield_to_readers() -> dict[str, int]:
    """Lower this process's priority and its database backend's, and keep its queries to that backend.

    Returns what it lowered: the niceness of each process, and the parallel workers a query may start.
    """
    niceness = import_niceness()
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return {}
    lowered = {}
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    lowered["parallel workers per query"] = 0
    if _lower(0, niceness):
        lowered["process"] = os.getpriority(os.PRIO_PROCESS, 0)
    # Only a backend reached through a Unix socket is on this host; a TCP address may be another machine's.
    if str(connection.connection.info.host).startswith("/"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        if _lower(backend, niceness):
            lowered["database backend"] = os.getpriority(os.PRIO_PROCESS, backend)
    return lowered


def _lower(pid: int, niceness: int) -> bool:
    try:
        if os.getpriority(os.PRIO_PROCESS, pid) < niceness:
            os.setpriority(os.PRIO_PROCESS, pid, niceness)
        return True
    except OSError as error:  # another user's process, or gone
        logger.info("Import priority of process %s left as it was: %s", pid or os.getpid(), error)
        return False
