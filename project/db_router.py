"""Reads go to the PostgreSQL replicas in DATABASE_REPLICA_URLS, writes to the primary.

A replica lags the primary by a moment, so whoever just wrote must read from the primary, or they
would not see their own change (an editor saves and the list shows the old title; a login is written
and the next page does not know the session). Two things pin reads to the primary:

- within the request (or management command) that wrote: a context-local flag set on the first write
  or transaction;
- in the requests that follow a write from the same browser, for DATABASE_REPLICA_PIN_SECONDS: a
  cookie, so any web host behind the load balancer can honour it without shared state.
"""

import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

PIN_COOKIE = "archive_primary"
# A replica that lost its connection is left out of reads for this long, then tried again.
REPLICA_RETRY_SECONDS = 10
_replica_down_until: dict[str, float] = {}

_pinned = contextvars.ContextVar("archive_read_primary", default=False)
_wrote = contextvars.ContextVar("archive_wrote", default=False)


def pin_to_primary() -> None:
    """Send this context's later reads to the primary."""
    _pinned.set(True)


def is_pinned() -> bool:
    return _pinned.get()


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def healthy_replicas() -> list[str]:
    now = time.monotonic()
    return [alias for alias in replica_aliases() if _replica_down_until.get(alias, 0) <= now]


def note_failed_replicas() -> None:
    """After a database error, leave out of reads for a while any replica whose connection is gone."""
    for alias in replica_aliases():
        connection = connections[alias]
        if connection.errors_occurred and (connection.connection is None or not connection.is_usable()):
            logger.warning("Replica %s unreachable: reading from the others for %ss", alias, REPLICA_RETRY_SECONDS)
            _replica_down_until[alias] = time.monotonic() + REPLICA_RETRY_SECONDS


class PrimaryReplicaRouter:
    """Spreads reads over the replicas unless this context wrote; every write and migration goes to the primary."""

    def db_for_read(self, model, **hints):
        replicas = healthy_replicas()
        # Inside a transaction on the primary, reads must see its uncommitted rows.
        if not replicas or is_pinned() or connections["default"].in_atomic_block:
            return "default"
        # Spreading load, not a secret: any generator will do.
        return random.choice(replicas)  # nosec B311

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        pin_to_primary()
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same data as the primary, so objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReadYourWritesMiddleware:
    """Pins a request to the primary if a recent write cookie says so, and sets that cookie after a write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_aliases():
            return self.get_response(request)
        pinned, wrote = _pinned.set(PIN_COOKIE in request.COOKIES), _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get():
                self._set_cookie(response)
            return response
        finally:
            _pinned.reset(pinned)
            _wrote.reset(wrote)

    @staticmethod
    def _set_cookie(response):
        response.set_cookie(
            PIN_COOKIE,
            "1",
            max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
