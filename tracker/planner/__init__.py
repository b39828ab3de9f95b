"""Planner statistics: keep the database's picture of the data current, cheaply.

SQLite keeps no statistics until ``ANALYZE`` runs, and without them it picks plans that are
fine on the demo data and take minutes at 100,000 cases (a correlated ``EXISTS`` driven through
the status index). So the app refreshes them after migrations, imports and reindexing, every
``PLANNER_REFRESH_EVERY`` requests (``PRAGMA optimize``: it only re-analyses tables whose
statistics have gone stale) and on ``flask db-analyze``. Each ``ANALYZE`` reads every index
whole (0.7 s for the 100,000-case world's 650 MB): a sample (``PRAGMA analysis_limit``) reads
an index's first rows only, and for the status index those are all drafts, so SQLite took
"published" for a rare status and walked the index for it (``/cases`` 230 ms, not 8).
PostgreSQL's autovacuum keeps its own statistics; the explicit points run ``ANALYZE`` there too.
"""

import click
from flask import current_app
from sqlalchemy import text

ANALYSIS_LIMIT = 0  # SQLite's ANALYZE reads every row (see above: a sample misleads it)


def refresh_statistics(connection, full=True):
    """Refresh the planner statistics over ``connection`` (a SQLAlchemy connection).

    ``full``: analyse every table (after bulk changes); otherwise only what SQLite's
    ``PRAGMA optimize`` finds stale (the periodic refresh). Returns the dialect's name.
    """
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.execute(text(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"))
        connection.execute(text("ANALYZE" if full else "PRAGMA optimize"))
        note_empty_tables(connection)
    elif full:
        connection.execute(text("ANALYZE"))
    return dialect


def note_empty_tables(connection):
    """SQLite: record each empty table (and each of its indexes) as holding one row.

    ``ANALYZE`` writes no statistics for an empty table, and SQLite's planner then guesses it
    holds a million rows: the API's list of a kind nobody has entered yet (meetings,
    assignments) was driven through the status index of every published record, 44 ms at
    100,000 cases for an empty answer. Written as SQLite's own ``ANALYZE`` would for one row
    (the ``sqlite_stat1`` format is documented for applications to write), so ``PRAGMA
    optimize`` analyses the table again once it has grown 25-fold. Nothing is noted while the
    database holds no record (a new one, just migrated): its tables are about to be filled, and
    "empty" would stay the planner's picture until the next refresh. Returns the tables noted.
    """
    tables = set(
        connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
    )
    if not {"records", "sqlite_stat1"} <= tables:  # no app schema, or nothing ever analysed
        return []
    if connection.execute(text("SELECT 1 FROM records LIMIT 1")).first() is None:
        return []
    missing = connection.execute(
        text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT IN (SELECT tbl FROM sqlite_stat1)"
        )
    ).scalars()
    noted = []
    for table in list(missing):
        quoted = table.replace('"', '""')  # a name from the schema, quoted
        empty = text(f'SELECT 1 FROM "{quoted}" LIMIT 1')  # nosec B608
        if connection.execute(empty).first():
            continue  # rows written since the last ANALYZE: the next one counts them
        rows = [{"tbl": table, "idx": None, "stat": "1"}]
        for index in connection.execute(text(f'PRAGMA index_list("{quoted}")')).mappings():
            name = index["name"].replace('"', '""')
            columns = len(connection.execute(text(f'PRAGMA index_info("{name}")')).all())
            rows.append(
                {"tbl": table, "idx": index["name"], "stat": " ".join(["1"] * (columns + 1))}
            )
        connection.execute(
            text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:tbl, :idx, :stat)"), rows
        )
        noted.append(table)
    if noted:
        connection.execute(text("ANALYZE sqlite_master"))  # load them now (no table is read)
    return noted


def refresh_after_bulk_change(session):
    """After an import or a reindex: fresh statistics for the rows just written."""
    refresh_statistics(session.connection())
    session.commit()


def _every_n_requests(exc=None):
    """Teardown hook: every ``PLANNER_REFRESH_EVERY`` requests, ``PRAGMA optimize`` (SQLite)."""
    app = current_app._get_current_object()
    every = app.config.get("PLANNER_REFRESH_EVERY", 0)
    if not every:
        return
    app.extensions["planner_requests"] = app.extensions.get("planner_requests", 0) + 1
    if app.extensions["planner_requests"] % every:
        return
    from tracker.extensions import db

    if db.engine.dialect.name != "sqlite":
        return  # autovacuum's job
    with db.engine.begin() as connection:
        refresh_statistics(connection, full=False)


def init_app(app):
    """Refresh now and then while serving, and offer ``flask db-analyze``."""
    app.config.setdefault("PLANNER_REFRESH_EVERY", 1000)
    app.teardown_appcontext(_every_n_requests)

    @app.cli.command("db-analyze")
    def db_analyze_command():
        """Refresh the planner statistics of every table (cheap: a sample per index)."""
        from tracker.extensions import db

        with db.engine.begin() as connection:
            dialect = refresh_statistics(connection)
        click.echo(f"Planner statistics refreshed ({dialect}).")
