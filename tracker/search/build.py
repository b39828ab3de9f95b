"""A full reindex builds the new index beside the live one and swaps it in at the end.

Keeping the full-text index current row by row was most of a rebuild's time at 100,000 cases:
FTS5's delete and insert of every row (47 s, where one FTS5 ``rebuild`` takes 4.5 s) and, on
PostgreSQL, the GIN index updated row by row. So the batches write plain rows into
``search_documents_build``, which no search reads and nothing keeps indexed, and the end swaps
it in in one transaction:

- SQLite: the live rows are replaced with FTS5's triggers out of the way (dropped and made
  again from their own SQL in the same transaction) and one ``rebuild`` makes the FTS5 index.
  Searches read the old index until the commit (WAL readers keep their snapshot).
- PostgreSQL: the build table has the live one's columns, the ``tsv`` column computed as each
  batch is copied in; its indexes are made once at the end (with more ``maintenance_work_mem``)
  from the live table's own definitions, and it takes the live table's place by a rename.
  Searches use the old table until then and wait only for the rename.

Until the swap, the live index is the one searches use, so a rebuild cut short leaves it as it
was. Records saved during the rebuild: the session hook keeps writing the live table, and at the
swap the live row (or its absence: a record unpublished meanwhile) wins over the built one for
every record changed since the rebuild started.
"""

import re

from sqlalchemy import DateTime, bindparam, text

from tracker.search.index import COLUMNS

LIVE = "search_documents"
BUILD = "search_documents_build"
FTS = "search_fts"  # the FTS5 table over search_documents (migration c2a1e7252c7e)
BUILD_MEMORY = "256MB"  # maintenance_work_mem for making the GIN index in one pass
_COLUMN_LIST = ", ".join(COLUMNS)


def start(connection):
    """Make an empty build table (dropping what a previous rebuild left)."""
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {BUILD}")
    if connection.dialect.name == "postgresql":
        # The live table's columns, defaults and checks, and the generated tsv column; no
        # indexes, so copying rows in only computes their tsvector.
        connection.exec_driver_sql(
            f"CREATE TABLE {BUILD} (LIKE {LIVE} INCLUDING DEFAULTS INCLUDING GENERATED "
            "INCLUDING CONSTRAINTS INCLUDING STORAGE)"
        )
    else:
        # Plain columns: no triggers, no FTS5; the values are copied back as they are.
        connection.exec_driver_sql(
            f"CREATE TABLE {BUILD} AS SELECT {_COLUMN_LIST} FROM {LIVE} WHERE 0"  # nosec B608
        )


def exists(connection):
    """Whether a build table is there (a cut-short rebuild to resume)."""
    if connection.dialect.name == "postgresql":
        found = connection.execute(text("SELECT to_regclass(:name)"), {"name": BUILD}).scalar()
    else:
        found = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": BUILD},
        ).scalar()
    return found is not None


def clear_after(connection, after):
    """Remove built rows past ``after`` (a batch committed but not yet noted as done)."""
    connection.execute(text(f"DELETE FROM {BUILD} WHERE record_id > :after"), {"after": after})  # nosec B608


def swap_in(session, started):
    """Make the built index the live one (``started``: when the rebuild began); commits."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _swap_postgresql(session, started)
    else:
        _swap_sqlite(session, started)


def _keep_live_changes(connection, started):
    """For records changed since ``started``, keep what the live table says about them.

    The session hook rewrote (or removed) their live rows; the built rows may be older. Rows
    of records deleted meanwhile go too (their live rows went with them).
    """
    since = {"started": started}
    moment = bindparam("started", type_=DateTime(timezone=True))
    # Only constant table names are joined into these statements; values are bound.
    connection.execute(
        text(
            f"DELETE FROM {BUILD} WHERE record_id IN "  # nosec B608
            "(SELECT id FROM records WHERE updated_at >= :started) OR record_id IN "
            f"(SELECT record_id FROM {LIVE} WHERE indexed_at >= :started)"
        ).bindparams(moment),
        since,
    )
    connection.execute(
        text(
            f"INSERT INTO {BUILD} ({_COLUMN_LIST}) SELECT {_COLUMN_LIST} FROM {LIVE} "  # nosec B608
            "WHERE indexed_at >= :started"
        ).bindparams(moment),
        since,
    )
    connection.exec_driver_sql(
        f"DELETE FROM {BUILD} WHERE NOT EXISTS "  # nosec B608
        f"(SELECT 1 FROM records WHERE records.id = {BUILD}.record_id)"
    )


def _swap_sqlite(session, started):
    """Replace the live rows and rebuild FTS5 once, in one transaction."""
    connection = session.connection()
    _keep_live_changes(connection, started)
    triggers = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (LIVE,)
    ).all()
    for name, _sql in triggers:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    connection.exec_driver_sql(f"DELETE FROM {LIVE}")  # nosec B608
    connection.exec_driver_sql(
        f"INSERT INTO {LIVE} ({_COLUMN_LIST}) SELECT {_COLUMN_LIST} FROM {BUILD}"  # nosec B608
    )
    # One pass over the content table instead of an FTS5 update per row.
    connection.exec_driver_sql(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")  # nosec B608
    for _name, sql in triggers:
        connection.exec_driver_sql(sql)
    connection.exec_driver_sql(f"DROP TABLE {BUILD}")
    session.commit()


_INDEX = re.compile(r"^(CREATE (?:UNIQUE )?INDEX) (\S+) ON (?:ONLY )?\S+ (USING .*)$")


def _swap_postgresql(session, started):
    """Index the build table as the live one is indexed, then rename it into its place."""
    connection = session.connection()
    indexes = connection.execute(
        text(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = :live"
        ),
        {"live": LIVE},
    ).all()
    constraints = connection.execute(
        text(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = CAST(:live AS regclass) AND contype IN ('p', 'u', 'f')"
        ),
        {"live": LIVE},
    ).all()
    connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
    for name, definition in indexes:
        match = _INDEX.match(definition)
        connection.exec_driver_sql(f"{match[1]} {name}_build ON {BUILD} {match[3]}")
    session.commit()  # the indexes are made while searches still use the live table
    connection = session.connection()
    # Writes to the live table wait from here to the rename, so no change is lost between.
    connection.exec_driver_sql(f"LOCK TABLE {LIVE} IN SHARE ROW EXCLUSIVE MODE")
    _keep_live_changes(connection, started)
    connection.exec_driver_sql(f"DROP TABLE {LIVE}")
    connection.exec_driver_sql(f"ALTER TABLE {BUILD} RENAME TO {LIVE}")
    keyed = {name for name, kind, _definition in constraints if kind in "pu"}
    for name, _definition in indexes:
        if name not in keyed:
            connection.exec_driver_sql(f"ALTER INDEX {name}_build RENAME TO {name}")
    for name, kind, definition in constraints:
        if kind in "pu":
            # The index made above becomes the key (and takes the constraint's name).
            word = "PRIMARY KEY" if kind == "p" else "UNIQUE"
            connection.exec_driver_sql(
                f"ALTER TABLE {LIVE} ADD CONSTRAINT {name} {word} USING INDEX {name}_build"
            )
        else:
            # Checked after the commit, so the rename holds its lock only briefly.
            connection.exec_driver_sql(
                f"ALTER TABLE {LIVE} ADD CONSTRAINT {name} {definition} NOT VALID"
            )
    session.commit()
    connection = session.connection()
    for name, kind, _definition in constraints:
        if kind == "f":
            connection.exec_driver_sql(f"ALTER TABLE {LIVE} VALIDATE CONSTRAINT {name}")
    session.commit()
