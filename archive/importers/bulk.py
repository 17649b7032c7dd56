"""Inserting many rows with PostgreSQL's COPY, keeping what Django's bulk_create would do.

COPY is several times faster than a multi-row INSERT for wide rows (article bodies), mostly because
nothing has to be rendered into SQL. Ids come from the table's own sequence beforehand, so the caller
can link photos, tags and credits to the new articles. Fields get their save-time values (auto_now,
defaults) as with bulk_create; generated columns are left to the database, and statement-level
triggers fire as for an INSERT.
"""

from django.db import connection, models


def copy_insert(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert `objects` (unsaved) with COPY; each gets its primary key set."""
    if not objects:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated]
    pk = meta.pk
    with connection.cursor() as cursor:
        if isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(objects)],
            )
            for obj, (new_id,) in zip(objects, cursor.fetchall()):
                obj.pk = new_id
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects]
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
