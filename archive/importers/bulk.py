"""Inserting many rows with PostgreSQL's COPY, with the values Django's bulk_create would write.

COPY is several times faster than a multi-row INSERT for wide rows (article bodies), because nothing
is rendered into SQL; rows are given as plain dicts, so no model instances are built either. Ids
come from the table's own sequence beforehand, so the caller can link photos, tags and credits to
new articles. Fields left out get their defaults (auto_now and auto_now_add fields the current time),
so a field another part of the archive adds later is still filled; generated columns are left to the
database, and statement-level triggers fire as for an INSERT.

A long import also keeps the planner's statistics of the tables it fills current (see
_keep_statistics): the import's own look-ups depend on them.
"""

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from archive.history.context import bind_to_transaction

# A table is analysed again once this many rows, and at least as many as it held at its last analysis,
# have been copied into it: a doubling schedule, so a million-row import analyses a table a dozen times.
ANALYZE_AFTER_ROWS = 10_000

# Per (database, table): rows it held at its last analysis, rows copied since.
_growth: dict[tuple[str, str], tuple[int, int]] = {}


def copy_rows(model: type[models.Model], rows: list[dict]) -> list[int]:
    """Insert `rows` (attribute name -> value) into `model`'s table; return their primary keys in order."""
    if not rows:
        return []
    connection = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the thread-local proxy
    meta = model._meta
    pk = meta.pk
    fields = [f for f in meta.concrete_fields if not f.generated]
    now = timezone.now()
    with connection.cursor() as cursor:
        if pk.attname not in rows[0] and isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(rows)],
            )
            for row, (new_id,) in zip(rows, cursor.fetchall()):
                row[pk.attname] = new_id
        fillers = []
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                fillers.append((field, lambda f=field: now))
            else:
                fillers.append((field, field.get_default))
        # The history triggers record who is writing from the transaction's settings, which COPY does not set.
        bind_to_transaction(cursor)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.get_db_prep_save(row[field.attname] if field.attname in row else default(), connection)
                        for field, default in fillers
                    ]
                )
        _keep_statistics(cursor, meta.db_table, len(rows))
    return [row[pk.attname] for row in rows]


def _keep_statistics(cursor, table: str, copied: int) -> None:
    """ANALYZE `table` when it has doubled since the planner last looked at it.

    A file is imported in one transaction, which autovacuum cannot see into, so without this the
    planner would go on planning for the table as it was before the import: a look-up of 1 000 import
    keys among a million new articles was planned as a walk through every one of them, making a
    million-article import quadratic. ANALYZE inside the transaction counts its own new rows.
    """
    key = (cursor.db.settings_dict["NAME"], table)
    analysed, since = _growth.get(key) or (_planned_rows(cursor, table), 0)
    since += copied
    if since >= max(ANALYZE_AFTER_ROWS, analysed):
        cursor.execute(f"ANALYZE {cursor.db.ops.quote_name(table)}")
        analysed, since = analysed + since, 0
    _growth[key] = (analysed, since)


def _planned_rows(cursor, table: str) -> int:
    cursor.execute("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass", [table])
    return cursor.fetchone()[0]
