"""Planner statistics: keep the database's picture of the data current, cheaply.

SQLite keeps no statistics until ``ANALYZE`` runs, and without them it picks plans that are
fine on the demo data and take minutes at 100,000 cases (a correlated ``EXISTS`` driven through
the status index). So the app refreshes them after migrations, imports and reindexing, every
``PLANNER_REFRESH_EVERY`` requests (``PRAGMA optimize``: it only re-analyses tables whose
statistics have gone stale) and on ``flask db-analyze``. ``PRAGMA analysis_limit`` makes each
``ANALYZE`` sample a bounded number of rows per index, so it costs milliseconds at any size.
PostgreSQL's autovacuum keeps its own statistics; the explicit points run ``ANALYZE`` there too.
"""

import click
from flask import current_app
from sqlalchemy import text

ANALYSIS_LIMIT = 1000  # rows sampled per index by SQLite's ANALYZE


def refresh_statistics(connection, full=True):
    """Refresh the planner statistics over ``connection`` (a SQLAlchemy connection).

    ``full``: analyse every table (after bulk changes); otherwise only what SQLite's
    ``PRAGMA optimize`` finds stale (the periodic refresh). Returns the dialect's name.
    """
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.execute(text(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"))
        connection.execute(text("ANALYZE" if full else "PRAGMA optimize"))
    elif full:
        connection.execute(text("ANALYZE"))
    return dialect


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
