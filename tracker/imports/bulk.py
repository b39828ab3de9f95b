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


def copy_rows(connection, table, columns, rows):
    """Insert ``rows`` (tuples of Python values, one per name in ``columns``) into ``table``.

    Written with the driver, not through SQLAlchemy's per-row parameter handling (cProfile:
    most of a 100,000-row import's write went to compiling each batch's parameters): COPY on
    PostgreSQL, one prepared INSERT run over all rows (``executemany``) on SQLite. Each value
    first goes through its column type's bind processor (dates as text and JSON as a string on
    SQLite), as SQLAlchemy would send it. Inside the caller's transaction.
    """
    if not rows:
        return
    dialect = connection.dialect
    processors = [
        (place, _remembering(process))
        for place, name in enumerate(columns)
        if (process := _processor(table.c[name], dialect)) is not None
    ]
    if processors:
        rows = [_processed(row, processors) for row in rows]
    names = ", ".join(columns)
    if dialect.driver == "psycopg":
        cursor = connection.connection.driver_connection.cursor()
        with cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(columns))
    # Only the table's own column names and placeholders are joined; values go as parameters.
    statement = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"  # nosec B608
    connection.exec_driver_sql(statement, rows)


def _processed(row, processors):
    """``row`` with the values of the columns that have a processor processed (None stays)."""
    row = list(row)
    for place, process in processors:
        if row[place] is not None:
            row[place] = process(row[place])
    return tuple(row)  # SQLAlchemy's executemany takes tuples, not lists


def _remembering(process):
    """``process``, run once for a value given again as the same object (a batch's timestamp)."""
    last = [_NOTHING, None]

    def run(value):
        """The processed ``value``; the last result again when it is the same object."""
        if value is not last[0]:
            last[:] = [value, process(value)]
        return last[1]

    return run


_NOTHING = object()


def _processor(column, dialect):
    """The function SQLAlchemy runs on a value of ``column`` before the driver gets it, or None."""
    return column.type.dialect_impl(dialect).bind_processor(dialect)
