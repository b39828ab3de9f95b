"""Inserting many new records at once, outside the ORM's unit of work (roster, mapped import).

A flush per record would take minutes at 100,000 rows; these helpers hand out ids from the
records' own sequence and insert prepared rows in batches, inside the caller's transaction.
"""

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import Record

BATCH = 2000


def new_ids(count):
    """``count`` unused record ids.

    From the records' sequence on PostgreSQL; after the highest id on SQLite (a record added
    meanwhile by someone else makes the insert fail, and the whole import with it).
    """
    if count == 0:
        return []
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence("records", "id")
        series = func.generate_series(1, count).table_valued("n")
        return list(
            connection.execute(select(func.nextval(sequence)).select_from(series)).scalars()
        )
    first = (connection.execute(select(func.max(Record.id))).scalar() or 0) + 1
    return list(range(first, first + count))


def insert_rows(connection, tables, rows_by_table):
    """Insert ``rows_by_table`` for each of ``tables`` (parents first), in batches.

    Every row of a table names the same columns. On SQLite, RETURNING makes SQLAlchemy send a
    batch as multi-row INSERTs ("insertmanyvalues"), faster than a statement per row; psycopg
    already pipelines a plain executemany, which measured faster on PostgreSQL than either
    multi-row form.
    """
    returning = connection.dialect.name == "sqlite"
    for table in tables:
        rows = rows_by_table.get(table, [])
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            if not batch:
                continue
            if returning and "id" in table.c:
                connection.execute(table.insert().returning(table.c.id), batch).all()
            else:
                connection.execute(table.insert(), batch)
