"""Inserting many rows at once: COPY on PostgreSQL, `bulk_create` elsewhere."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model


def insert_many(model: type[Model], objs: list[Any], *, batch_size: int = 500) -> None:
    """Insert `objs` (new, unsaved) and set their primary keys, as `bulk_create` does, and
    like it send no signals.

    On PostgreSQL the ids are drawn from the table's sequence first and the rows go through
    COPY: `bulk_create` passes each column as an array parameter, which psycopg builds in
    Python, while COPY streams the rows through psycopg's C row writer. For the register
    import that halved the time of the inserts (docs/benchmarks.md)."""
    if not objs:
        return
    if any(obj.pk is not None for obj in objs):
        raise ValueError("insert_many() inserts new rows only.")
    # The connection itself, not the `django.db.connection` proxy: a proxy lookup per value
    # cost more than the value's conversion.
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.attname if f.column is None else f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        copy_sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
            for obj in objs:
                # As bulk_create: a parent saved after it was assigned gives its id now.
                obj._prepare_related_fields_for_save(operation_name="insert_many")
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
