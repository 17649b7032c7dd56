"""Whole result pages cached under the archive's generation: never a stale result.

A page of public results depends on the data (every table the triggers of migration 0023 watch) and on
the clock (an embargo or a promotion's start or end passing changes what is public without a write).
The key holds both:

- the generation: the sum of ArchiveChange weights this reader sees, which a committed write to any
  watched table changes, visible at the same moment as the write itself (and a sequence of writes,
  which a rollback does not take back);
- the clock: the latest publication, promotion start or promotion end already passed. Times pass in
  order, so each one passing makes this value larger.

So a page cached under a key is exactly what searching again would give (save for the slow drift of
the recency factor, bounded by the cache timeout). Both are read in one query, also the ETag of the
search page (archive.search.http).
"""

import hashlib
import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

# Rows left by writers are folded into the row of txid 0 once there are this many.
FOLD_ABOVE = 500

_GENERATION_SQL = """
SELECT c.changes, c.vocabulary, c.rows,
       (SELECT last_value FROM archive_generation_seq),
       (SELECT last_value FROM archive_vocabulary_seq),
       greatest(
           (SELECT max(publish_at) FROM archive_article WHERE publish_at <= statement_timestamp()),
           (SELECT max(starts_at) FROM archive_promotion WHERE starts_at <= statement_timestamp()),
           (SELECT max(ends_at) FROM archive_promotion WHERE ends_at <= statement_timestamp()))
FROM (SELECT coalesce(sum(weight), 0) AS changes, coalesce(sum(vocabulary_weight), 0) AS vocabulary,
             count(*) AS rows
      FROM archive_archivechange) c
"""


@dataclass(frozen=True)
class Generation:
    changes: int
    # Write statements ever run (a sequence the triggers advance, never rolled back): a rolled-back
    # write restores `changes` but not this.
    writes: int
    clock: str
    # The same two for tags, aliases, synonym groups and promotions alone (migration 0027).
    vocabulary_changes: int = 0
    vocabulary_writes: int = 0

    @property
    def tag(self) -> str:
        return f"{self.changes}-{self.writes}-{self.clock}"

    @property
    def vocabulary_tag(self) -> str:
        """What the vocabulary a search expands through and the current promotions depend on: their
        tables' writes and the clock (a promotion's start or end passing)."""
        return f"{self.vocabulary_changes}-{self.vocabulary_writes}-{self.clock}"


# The generation read once for a whole request (archive.search.http), so its page and its search agree.
_held: ContextVar[Generation | None] = ContextVar("archive_generation", default=None)


@contextmanager
def held_generation():
    """Inside this block current_generation() is read once and then kept (an enclosing block's is kept on)."""
    token = _held.set(_held.get() or read_generation())
    try:
        yield _held.get()
    finally:
        _held.reset(token)


# Set while a whole rendered page is being made to be cached under the generation (archive.search.http):
# its searches need no cache of their own, and pickling their articles cost more than serving them.
_page_cached: ContextVar[bool] = ContextVar("archive_page_cached", default=False)


@contextmanager
def caching_whole_page():
    """Inside this block the page being made is cached whole: searches are not cached apart."""
    token = _page_cached.set(True)
    try:
        yield
    finally:
        _page_cached.reset(token)


def page_is_cached() -> bool:
    return _page_cached.get()


def current_generation() -> Generation:
    """The archive's generation as this request sees it."""
    return _held.get() or read_generation()


def read_generation() -> Generation:
    """The archive's generation, read now (one query; folds the change rows now and then)."""
    with connection.cursor() as cursor:
        cursor.execute(_GENERATION_SQL)
        changes, vocabulary_changes, rows, writes, vocabulary_writes, clock = cursor.fetchone()
    if rows > FOLD_ABOVE:
        fold_changes()
    return Generation(
        changes=int(changes),
        writes=int(writes),
        clock=clock.isoformat() if clock else "",
        vocabulary_changes=int(vocabulary_changes),
        vocabulary_writes=int(vocabulary_writes),
    )


def fold_changes() -> None:
    """Fold the committed change rows into the row of txid 0, keeping their sum (so no cached page is lost
    or wrongly kept). One folder at a time; a writer's uncommitted row is not seen and stays."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext('archive_fold_changes'))")
        if not cursor.fetchone()[0]:
            return
        cursor.execute(
            """
            WITH gone AS (DELETE FROM archive_archivechange WHERE txid <> 0 RETURNING weight, vocabulary_weight)
            INSERT INTO archive_archivechange (txid, weight, vocabulary_weight)
            SELECT 0, coalesce(sum(weight), 0), coalesce(sum(vocabulary_weight), 0) FROM gone
            ON CONFLICT (txid) DO UPDATE SET weight = archive_archivechange.weight + excluded.weight,
                                             vocabulary_weight = archive_archivechange.vocabulary_weight
                                                                 + excluded.vocabulary_weight
            """
        )


class PerGeneration:
    """A value read from the database once per archive generation and kept by this process (read each
    time when nothing is cached: cache_seconds() is 0). What it reads must move the generation when it
    changes, as everything the search's triggers watch does; with `vocabulary=True`, the vocabulary's
    generation (Generation.vocabulary_tag), for a value read from those tables alone."""

    _all: list["PerGeneration"] = []

    def __init__(self, read, *, vocabulary: bool = False):
        self._read = read
        self._vocabulary = vocabulary
        self._last = None
        PerGeneration._all.append(self)

    def get(self):
        if cache_seconds() <= 0:
            return self._read()
        # The database too: test databases side by side (and rolled back) can share a generation.
        settings = connection.settings_dict
        generation = current_generation()
        tag = generation.vocabulary_tag if self._vocabulary else generation.tag
        key = (settings["NAME"], settings["HOST"], settings["PORT"], tag)
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        value = self._read()
        self._last = (key, value)
        return value

    @classmethod
    def forget_all(cls) -> None:
        """Drop every kept value (tests roll their databases back under one generation)."""
        for kept in cls._all:
            kept._last = None


def cache_seconds() -> int:
    """How long a page stays cached (0: not at all); the generation, not this, keeps pages exact.

    Not at all with read replicas (DATABASE_REPLICAS): reads are spread over them query by query, and
    a replica behind the primary would let a page older than its generation be kept under it."""
    if getattr(settings, "DATABASE_REPLICAS", None):
        return 0
    return int(getattr(settings, "ARCHIVE_SEARCH_CACHE_SECONDS", 600))


def page_key(generation: Generation, **request) -> str:
    """The cache key of one page of results: the generation and everything that shapes the page."""
    text = json.dumps(request, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{generation.tag}|{text}".encode()).hexdigest()
    return f"archive:search:page:{digest}"


def cached(key: str, compute, on_hit=None):
    """The value under `key`, computed (and stored) when absent; `on_hit(value)` runs when it was there."""
    seconds = cache_seconds()
    if seconds <= 0:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    elif on_hit is not None:
        on_hit(value)
    return value
