"""The pending entries of the archive's GIN indexes, merged into them after writes.

A GIN index (the search vectors', their samples', the tag ids', the titles' trigrams) takes new rows into
a pending list first, which every scan of the index reads in full until it is merged. An import leaves up
to `gin_pending_list_limit` there (256 kB for the archive's indexes, migration 0028: PostgreSQL's 4 MB let
searches during an import read ~500 pending pages per look-up), and autovacuum merges it only once a fifth
of the table is new. The statistics refresh that ends each import and follows editors' work merges them
(archive.search.stats).
"""

from django.db import connection

# GIN indexes of this schema's tables that the connected role may maintain (gin_clean_pending_list asks
# for the index's owner; a role that is not leaves them to autovacuum).
_MERGE_SQL = """
    SELECT coalesce(sum(gin_clean_pending_list(c.oid)), 0)
    FROM pg_class c
    JOIN pg_am am ON am.oid = c.relam
    WHERE am.amname = 'gin' AND c.relkind = 'i'
      AND c.relnamespace = current_schema()::regnamespace
      AND pg_has_role(c.relowner, 'USAGE')
"""


def merge_pending_entries() -> int:
    """Merge every GIN index's pending list into the index; returns the pages it held."""
    with connection.cursor() as cursor:
        cursor.execute(_MERGE_SQL)
        return int(cursor.fetchone()[0])
