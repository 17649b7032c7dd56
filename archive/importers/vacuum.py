"""After an import, the vacuum and statistics work that autovacuum would start next, done by the import itself.

An import writes tens of thousands of rows; a moment after it commits, autovacuum's launcher finds every table it
wrote past its thresholds and vacuums and analyses them, for half a minute on a 100 000-article archive, at the
server's priority: readers searching in that minute share the processor with it. Done at the end of the import,
by the import's own backend, the same work runs at the import's lower priority (archive.importers.priority),
before the import reports that it is done, and leaves autovacuum nothing to do.

Only tables past autovacuum's own thresholds (the server's settings: dead rows, rows inserted and rows changed
since the last vacuum or analysis, each over a base plus a share of the table) are processed, so a small import
costs nothing. VACUUM cannot run inside a transaction: inside one (a test's), nothing is done.
"""

import logging
import time
from dataclasses import dataclass

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

# PostgreSQL 15 reports a backend's table counters to the shared statistics at most once a second; asking for the
# next report first makes the import's last writes count (pg_stat_force_next_flush is new in 15).
_FLUSH_SQL = "SELECT pg_stat_force_next_flush() WHERE current_setting('server_version_num')::int >= 150000"

# Autovacuum's rules (PostgreSQL's "The Autovacuum Daemon"), with the server's settings; a table never analysed
# counts as empty (reltuples -1).
_DUE_SQL = """
    WITH setting AS (
        SELECT current_setting('autovacuum_vacuum_threshold')::float8 AS vacuum_base,
               current_setting('autovacuum_vacuum_scale_factor')::float8 AS vacuum_share,
               current_setting('autovacuum_vacuum_insert_threshold')::float8 AS insert_base,
               current_setting('autovacuum_vacuum_insert_scale_factor')::float8 AS insert_share,
               current_setting('autovacuum_analyze_threshold')::float8 AS analyze_base,
               current_setting('autovacuum_analyze_scale_factor')::float8 AS analyze_share
    )
    SELECT s.relname,
           s.n_dead_tup > vacuum_base + vacuum_share * greatest(c.reltuples, 0)
           OR (insert_base >= 0 AND s.n_ins_since_vacuum > insert_base + insert_share * greatest(c.reltuples, 0)),
           s.n_mod_since_analyze > analyze_base + analyze_share * greatest(c.reltuples, 0)
    FROM pg_stat_user_tables s
    JOIN pg_class c ON c.oid = s.relid, setting
    WHERE s.schemaname = current_schema() AND pg_has_role(c.relowner, 'USAGE')
    ORDER BY s.relname
"""


@dataclass(frozen=True)
class DueTable:
    name: str
    vacuum: bool
    analyze: bool

    @property
    def command(self) -> str:
        table = connection.ops.quote_name(self.name)
        if self.vacuum:
            # Parallel index vacuuming would fork workers at the server's priority (see archive.importers.priority).
            return f"VACUUM (ANALYZE, PARALLEL 0) {table}" if self.analyze else f"VACUUM (PARALLEL 0) {table}"
        return f"ANALYZE {table}"


@dataclass(frozen=True)
class Tidied:
    vacuumed: tuple[str, ...] = ()
    analyzed: tuple[str, ...] = ()
    seconds: float = 0.0

    def __str__(self) -> str:
        tables = sorted(set(self.vacuumed) | set(self.analyzed))
        return f"{len(tables)} table{'s' if len(tables) != 1 else ''} vacuumed or analysed in {self.seconds:.1f} s"


def due_tables() -> list[DueTable]:
    """The archive's tables that autovacuum would vacuum or analyse now."""
    with connection.cursor() as cursor:
        cursor.execute(_FLUSH_SQL)
        cursor.execute(_DUE_SQL)
        rows = cursor.fetchall()
    return [DueTable(name, vacuum, analyze) for name, vacuum, analyze in rows if vacuum or analyze]


def tidy_after_import() -> Tidied | None:
    """Vacuum and analyse what autovacuum would next, from this connection; None inside a transaction."""
    if connection.in_atomic_block:
        return None
    started = time.monotonic()
    done: list[DueTable] = []
    for table in due_tables():
        try:
            with connection.cursor() as cursor:
                cursor.execute(table.command)
            done.append(table)
        except DatabaseError as error:  # a table dropped meanwhile, a lock: autovacuum will see to it
            logger.info("%s left to autovacuum: %s", table.name, error)
    return Tidied(
        vacuumed=tuple(t.name for t in done if t.vacuum),
        analyzed=tuple(t.name for t in done if t.analyze),
        seconds=time.monotonic() - started,
    )
