"""Who or what made a change: the context kept with each history row.

django-pghistory keeps one context row per request (its middleware records the user and the address)
or per `pghistory.context()` block, and the triggers point every event at it. Writes outside any
context (a script, psql) get one of their own per transaction from the database (migration 0022),
so no change is anonymous and the changes of one transaction read as one version.
"""

import contextlib
import uuid
from dataclasses import dataclass

import pghistory
from django.contrib.auth import get_user_model
from django.db import connection
from pghistory import runtime

# The metadata keys the archive writes (pghistory's middleware writes "user" and "url").
LABEL, USER, SCRIPT = "label", "user", "script"


@contextlib.contextmanager
def recorded_as(label: str):
    """Record the changes made inside as one version, "`label`", by the current user if there is one.

    A fresh context even inside a request's: an admin upload of three files is three imports, each
    with its own version of what it touched, and all of them by the editor who uploaded.
    """
    outer = getattr(runtime._tracker, "value", None)
    if outer is None:
        with pghistory.context(**{LABEL: label}):
            yield
    else:
        # pghistory merges nested contexts into the outermost one; this swaps in a fresh one for the block.
        runtime._tracker.value = runtime.Context(id=uuid.uuid4(), metadata={**outer.metadata, LABEL: label})
        try:
            yield
        finally:
            runtime._tracker.value = outer
    # Not after an error: the transaction may be aborted, and it is rolled back anyway.
    _forget_in_transaction()


def _forget_in_transaction() -> None:
    """Let later writes of the same transaction stop counting as this block's.

    pghistory's settings are local to the transaction, so without this a script that goes on writing
    in the transaction after the block would have its changes shown as the block's.
    """
    if connection.in_atomic_block and not connection.needs_rollback:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pghistory.context_id', '', true), set_config('pghistory.context_metadata', '', true)"
            )


def bind_to_transaction(cursor) -> None:
    """Make the current context the transaction's before a write that bypasses Django's cursor (COPY).

    pghistory sets the context in front of each statement Django executes; COPY goes through
    psycopg directly, so a no-op statement through Django carries it first.
    """
    if getattr(runtime._tracker, "value", None) is not None:
        cursor.execute("DO $$ BEGIN END $$")


@dataclass(frozen=True)
class Author:
    """Who or what made a version, as an editor reads it."""

    user: str  # a user name, or "" for no user
    what: str  # "import of FILE", "merge of tag X into Y", "a script (psql)", or ""

    def __str__(self) -> str:
        if self.user and self.what:
            return f"{self.user}: {self.what}"
        return self.user or self.what or "unknown"


def authors(contexts) -> dict:
    """context id -> Author for pghistory Context rows (user names fetched in one query)."""
    contexts = [c for c in contexts if c is not None]
    user_ids = {c.metadata.get(USER) for c in contexts if c.metadata.get(USER) is not None}
    names = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    result = {}
    for context in contexts:
        meta = context.metadata
        user_id = meta.get(USER)
        user = names.get(user_id, f"user #{user_id}") if user_id is not None else ""
        what = meta.get(LABEL, "")
        if not what and meta.get(SCRIPT):
            via = ", ".join(filter(None, [meta.get("application"), f"database user {meta.get('db_user')}"]))
            what = f"a script or direct database change ({via})"
        result[context.pk] = Author(user, what)
    return result
