"""The change feed partners mirror the archive by: what entered, changed in or left public view.

Database triggers on archive_article write the events, so every write path is seen (admin, imports,
QuerySet.update(), raw SQL). Only transitions a partner can observe are recorded:

- an article entering public view is "created" (published and past any embargo);
- a public article whose row changes (updated_at moves) is "updated";
- a public article leaving public view is "unpublished" and a deleted one "deleted": tombstones,
  with a reason (unpublished, taken_down, deleted, merged) set by `change_reason()`.

Embargoes: an article published with a future `publish_at` becomes public when that moment passes,
with no write to observe. Its "created" event is written at once but pending (no `txid`, `occurred_at`
the embargo's end), and is released (given its place in the feed, `occurred_at` the release) by the
next read of the feed or the next write to the article, whichever comes first:
`ChangeEvent.release_due()`.

Order: events are served in (txid, id) order, and only from transactions older than every transaction
still running in this database. A transaction that commits late therefore never slips in behind a
cursor a partner already holds, which ordering by id or by time alone would allow; the price is that
the feed waits for a long-running write (a big import) to finish.
"""

import contextlib

import pgtrigger
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from archive.models.content import Article, Credit, Photo

CURRENT_TXID = "pg_current_xact_id()::text::bigint"
REASON_SETTING = "archive.change_reason"
MERGED_INTO_SETTING = "archive.merged_into"


# The first transaction id whose events may not all be visible yet: the oldest transaction running
# when the statement's snapshot was taken, or the snapshot's horizon. Transactions that
# pg_stat_activity shows in another database of the server cannot write here and are left out, so a
# long transaction elsewhere does not hold the feed back.
SETTLED_BEFORE_SQL = """(
    SELECT least(
        pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
        (SELECT min(running::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) running
         WHERE NOT EXISTS (
             SELECT 1 FROM pg_stat_activity elsewhere
             WHERE elsewhere.datname IS DISTINCT FROM current_database() AND elsewhere.backend_xid IS NOT NULL
               AND elsewhere.backend_xid::text::bigint = (running::text::bigint & 4294967295))))
)"""


class ChangeEventQuerySet(models.QuerySet):
    def settled(self):
        """Events whose transaction committed before every transaction still running here (and our own)."""
        return self.filter(
            Q(txid__lt=RawSQL(SETTLED_BEFORE_SQL, []))  # nosec B611  # SQL defined in code; values are parameters
            # Our own transaction's events are settled for us (a test, or a write in the same request).
            | Q(txid=RawSQL("pg_current_xact_id_if_assigned()::text::bigint", []))
        )

    def in_feed_order(self):
        return self.order_by("txid", "id")


# Events that say an article left public view, once their transaction is in the feed.
TOMBSTONES = Q(kind__in=["unpublished", "deleted"], txid__isnull=False)


class ChangeEvent(models.Model):
    """One entry of the partners' change feed; a tombstone when `kind` is unpublished or deleted."""

    class Kind(models.TextChoices):
        CREATED = "created"
        UPDATED = "updated"
        UNPUBLISHED = "unpublished"
        DELETED = "deleted"

    class Reason(models.TextChoices):
        UNPUBLISHED = "unpublished"
        TAKEN_DOWN = "taken_down", "taken down"
        DELETED = "deleted"
        MERGED = "merged"

    # The writing transaction's id; empty while an embargoed article's "created" event waits to be released.
    txid = models.BigIntegerField(null=True, blank=True, editable=False)
    # No foreign key: the event outlives a deleted article.
    article_id = models.BigIntegerField(db_index=True)
    slug = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    merged_into = models.CharField(
        max_length=200, blank=True, help_text="Slug of the article this one was merged into."
    )
    occurred_at = models.DateTimeField(db_index=True)

    objects = ChangeEventQuerySet.as_manager()

    class Meta:
        ordering = ["txid", "id"]
        indexes = [
            models.Index(fields=["txid", "id"], name="changeevent_feed_idx"),
            # The latest tombstone dates the API's lists; without this index, finding it read every
            # event of an archive that never unpublished anything (46 ms at 100 000 articles).
            models.Index(
                fields=["occurred_at"],
                condition=TOMBSTONES,
                name="changeevent_tombstone_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=["unpublished", "deleted"], reason__in=["unpublished", "taken_down", "deleted", "merged"]
                )
                | Q(kind__in=["created", "updated"], reason=""),
                name="changeevent_tombstone_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.slug}"

    @property
    def is_tombstone(self) -> bool:
        return self.kind in (self.Kind.UNPUBLISHED, self.Kind.DELETED)

    @classmethod
    def publication_generation(cls) -> int:
        """Moves whenever public view changes (a publish, an edit of a public article, an unpublish, an
        embargo released): the latest settled transaction of the feed. Caches of public pages key on it."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(txid), 0) FROM {cls._meta.db_table}")  # nosec B608  # table name from code
            return cursor.fetchone()[0]

    @classmethod
    def release_due(cls) -> int:
        """Give their place in the feed to "created" events of embargoes that have passed."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {cls._meta.db_table} SET txid = {CURRENT_TXID}, occurred_at = now() "  # nosec B608  # identifiers and clauses come from code; values are parameters
                "WHERE txid IS NULL AND occurred_at <= now()"
            )
            return cursor.rowcount


@contextlib.contextmanager
def change_reason(reason: str, *, merged_into: str = ""):
    """Tombstones written inside this block carry `reason` (and, for a merge, the surviving slug).

    with change_reason(ChangeEvent.Reason.TAKEN_DOWN):
        Article.objects.filter(pk=pk).update(status=Article.Status.ARCHIVED)
    """
    if reason not in ChangeEvent.Reason.values:
        raise ValueError(f"reason must be one of {', '.join(ChangeEvent.Reason.values)}, not {reason!r}")
    settings = "SELECT set_config(%s, %s, true), set_config(%s, %s, true)"
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(settings, [REASON_SETTING, reason, MERGED_INTO_SETTING, merged_into])
        # On an error the block's rollback discards the settings with everything else.
        yield
        with connection.cursor() as cursor:
            cursor.execute(settings, [REASON_SETTING, "", MERGED_INTO_SETTING, ""])


def _public(row: str) -> str:
    return f"({row}.status = 'published' AND ({row}.publish_at IS NULL OR {row}.publish_at <= now()))"


_EVENTS = ChangeEvent._meta.db_table
_COLUMNS = "txid, article_id, slug, kind, reason, merged_into, occurred_at"
_TOMBSTONE_REASON = f"coalesce(nullif(current_setting('{REASON_SETTING}', true), ''), '{{default}}')"
_MERGED_INTO = (
    f"CASE WHEN current_setting('{REASON_SETTING}', true) = 'merged' "
    f"THEN coalesce(current_setting('{MERGED_INTO_SETTING}', true), '') ELSE '' END"
)
# An embargo that passed before this write is released first, so the feed says "created" before the
# rest; a pending event that is not yet due is dropped and written again if the article is still scheduled.
_SETTLE_PENDING = f"""
    UPDATE {_EVENTS} SET txid = {CURRENT_TXID}, occurred_at = now()
    WHERE txid IS NULL AND occurred_at <= now() AND article_id IN (SELECT id FROM old_rows);
    DELETE FROM {_EVENTS} WHERE txid IS NULL AND article_id IN (SELECT id FROM old_rows);
"""

_ON_INSERT = f"""
    INSERT INTO {_EVENTS} ({_COLUMNS})
    SELECT CASE WHEN {_public("n")} THEN {CURRENT_TXID} END, n.id, n.slug, 'created', '', '',
           CASE WHEN {_public("n")} THEN now() ELSE n.publish_at END
    FROM new_rows n WHERE n.status = 'published' ORDER BY n.id;
    RETURN NULL;
"""

_ON_UPDATE = f"""
    {_SETTLE_PENDING}
    INSERT INTO {_EVENTS} ({_COLUMNS})
    SELECT e.txid, e.article_id, e.slug, e.kind, e.reason, e.merged_into, e.occurred_at FROM (
        SELECT {CURRENT_TXID} AS txid, n.id AS article_id, n.slug,
               CASE WHEN NOT {_public("o")} THEN 'created'
                    WHEN {_public("n")} THEN 'updated'
                    ELSE 'unpublished' END AS kind,
               CASE WHEN {_public("n")} THEN '' ELSE {_TOMBSTONE_REASON.format(default="unpublished")} END AS reason,
               CASE WHEN {_public("n")} THEN '' ELSE {_MERGED_INTO} END AS merged_into,
               now() AS occurred_at,
               -- One "updated" per transaction is enough: the partner fetches the article as it is then.
               ({_public("o")} AND {_public("n")} AND (o.updated_at IS NOT DISTINCT FROM n.updated_at OR EXISTS (
                    SELECT 1 FROM (SELECT last.kind, last.slug FROM {_EVENTS} last
                                   WHERE last.article_id = n.id AND last.txid = {CURRENT_TXID}
                                   ORDER BY last.id DESC LIMIT 1) prior
                    WHERE prior.kind IN ('created', 'updated') AND prior.slug = n.slug))) AS redundant
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE {_public("o")} OR {_public("n")}
        UNION ALL
        SELECT NULL, n.id, n.slug, 'created', '', '', n.publish_at, false
        FROM new_rows n WHERE n.status = 'published' AND n.publish_at > now()
    ) e
    WHERE NOT e.redundant
    ORDER BY e.article_id, e.txid NULLS LAST;
    RETURN NULL;
"""

_ON_DELETE = f"""
    {_SETTLE_PENDING}
    INSERT INTO {_EVENTS} ({_COLUMNS})
    SELECT {CURRENT_TXID}, o.id, o.slug, 'deleted', {_TOMBSTONE_REASON.format(default="deleted")}, {_MERGED_INTO}, now()
    FROM old_rows o WHERE {_public("o")} ORDER BY o.id;
    RETURN NULL;
"""

pgtrigger.register(
    pgtrigger.Trigger(
        name="article_changes_insert",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert,
        referencing=pgtrigger.Referencing(new="new_rows"),
        func=_ON_INSERT,
    ),
    pgtrigger.Trigger(
        name="article_changes_update",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        referencing=pgtrigger.Referencing(old="old_rows", new="new_rows"),
        func=_ON_UPDATE,
    ),
    pgtrigger.Trigger(
        name="article_changes_delete",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Delete,
        referencing=pgtrigger.Referencing(old="old_rows"),
        func=_ON_DELETE,
    ),
)(Article)


def _touch_articles(table: str, rows: str) -> str:
    # Credits and photo credits are part of an article as partners receive it, but not columns of its row:
    # moving updated_at makes the change visible to conditional GETs and to the feed.
    return f"""
    UPDATE {Article._meta.db_table} SET updated_at = now()
    WHERE id IN (SELECT article_id FROM {rows}) AND updated_at < now();
    RETURN NULL;
    """


def _touch_triggers(table: str) -> list:
    return [
        pgtrigger.Trigger(
            name=f"{table}_{name}_touch_article",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=operation,
            referencing=referencing,
            func=_touch_articles(table, rows),
        )
        for name, operation, referencing, rows in (
            ("insert", pgtrigger.Insert, pgtrigger.Referencing(new="new_rows"), "new_rows"),
            (
                "update",
                pgtrigger.Update,
                pgtrigger.Referencing(old="old_rows", new="new_rows"),
                "new_rows UNION SELECT article_id FROM old_rows",
            ),
            ("delete", pgtrigger.Delete, pgtrigger.Referencing(old="old_rows"), "old_rows"),
        )
    ]


pgtrigger.register(*_touch_triggers("credit"))(Credit)
pgtrigger.register(*_touch_triggers("photo"))(Photo)
