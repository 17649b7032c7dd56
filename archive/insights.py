"""Search insights: what readers, partners and editors search for, counted per day.

record_search() is called by the search core for every search, so it only adds to an in-process
buffer (a dictionary update under a lock). When a request has finished and the buffer is big or old
enough, a short-lived thread writes it to SearchCount in one statement, on its own database
connection, so no request waits for it or sees its query; what is left is written when the process
exits. Nothing about who searched is kept: no IP address, no user.
"""

import atexit
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from django.core.signals import request_finished
from django.db import connection, connections
from django.utils import timezone

from archive.models import SearchCount

CHANNELS = {choice.value for choice in SearchCount.Channel}
MAX_QUERY_LENGTH = SearchCount._meta.get_field("query").max_length

# Flush when this many distinct (day, channel, query) keys are waiting, or the oldest waited this long.
FLUSH_AFTER_KEYS = 200
FLUSH_AFTER_SECONDS = 30.0

logger = logging.getLogger(__name__)


@dataclass
class _Pending:
    searches: int = 0
    zero_results: int = 0
    last_result_count: int = 0


_lock = threading.Lock()
_buffer: dict[tuple, _Pending] = {}
_oldest: float | None = None
_flusher: threading.Thread | None = None


def normalise_query(query: str) -> str:
    """The form queries are counted under: lower case, single spaces, no control characters, capped."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", query or "")
    return " ".join(text.lower().split())[:MAX_QUERY_LENGTH].strip()


def record_search(query: str, channel: str, result_count: int) -> None:
    """Count one search of `query` on `channel` ("site", "api" or "admin") that found `result_count` articles."""
    global _oldest
    text = normalise_query(query)
    if not text or channel not in CHANNELS:
        return
    # The site's day; timezone.localdate() would cost more than everything else here.
    key = (datetime.now(timezone.get_default_timezone()).date(), channel, text)
    with _lock:
        pending = _buffer.setdefault(key, _Pending())
        pending.searches += 1
        pending.zero_results += result_count == 0
        pending.last_result_count = max(int(result_count or 0), 0)
        if _oldest is None:
            _oldest = time.monotonic()


def _take() -> dict[tuple, _Pending]:
    global _buffer, _oldest
    with _lock:
        taken, _buffer, _oldest = _buffer, {}, None
    return taken


def flush() -> int:
    """Write every buffered count to the database now; returns how many rows were written."""
    return _write(_take())


def _write(taken: dict[tuple, _Pending]) -> int:
    if not taken:
        return 0
    rows = [
        (day, channel, query, p.searches, p.zero_results, p.last_result_count)
        for (day, channel, query), p in taken.items()
    ]
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    table = SearchCount._meta.db_table
    # One upsert adds to the day's counts; the ORM's bulk_create can only overwrite them.
    sql = f"""
        INSERT INTO {table} (day, channel, query, searches, zero_results, last_result_count)
        VALUES {placeholders}
        ON CONFLICT (day, channel, query) DO UPDATE SET
            searches = {table}.searches + EXCLUDED.searches,
            zero_results = {table}.zero_results + EXCLUDED.zero_results,
            last_result_count = EXCLUDED.last_result_count
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
    return len(rows)


def discard() -> None:
    """Drop what is buffered without writing it."""
    _take()


def pending() -> int:
    """How many distinct queries wait in the buffer."""
    with _lock:
        return len(_buffer)


def _flush_if_due(**kwargs) -> None:
    global _flusher
    with _lock:
        due = _oldest is not None and (
            len(_buffer) >= FLUSH_AFTER_KEYS or time.monotonic() - _oldest >= FLUSH_AFTER_SECONDS
        )
        if not due or (_flusher is not None and _flusher.is_alive()):
            return
        _flusher = threading.Thread(target=_write_in_background, name="search-counts", daemon=True)
    _flusher.start()


def _write_in_background() -> None:
    try:
        _write(_take())
    except Exception:  # noqa: BLE001 - losing a few counts must never fail anything else
        logger.exception("could not write search counts")
    finally:
        connections.close_all()  # this thread's own connection


def wait_for_background_write(timeout: float = 10.0) -> None:
    """Block until a background write in progress has finished."""
    flusher = _flusher
    if flusher is not None:
        flusher.join(timeout)


def _flush_at_exit() -> None:
    test_name = (connection.settings_dict.get("TEST") or {}).get("NAME") or ""
    if test_name and connection.settings_dict["NAME"].startswith(test_name):
        return  # a test run's searches must not outlive its transactions in the test database
    try:
        flush()
    except Exception:  # noqa: BLE001 - the database may already be gone at exit
        pass


request_finished.connect(_flush_if_due, dispatch_uid="archive.insights.flush")
atexit.register(_flush_at_exit)
