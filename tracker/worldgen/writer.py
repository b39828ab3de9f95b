"""Writing a generated world: batch inserts into the models' tables, then the search index.

The rows skip the ORM's unit of work (a flush per record would take hours at 100,000 cases),
so this module does what its session hooks would have done: every record gets the revision
the hooks write (``rows.py``), PostgreSQL's id sequences are moved past the ids handed out
here, and the search index is rebuilt by the app's own ``reindex_all``.
"""

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import Agency, Demand, Record, Source
from tracker.models.choices import PUBLISHED
from tracker.planner import refresh_after_bulk_change
from tracker.records.categories import ensure_default_categories
from tracker.search.index import reindex_all
from tracker.worldgen.rows import WorldRows
from tracker.worldgen.vocabulary import AGENCIES

# Tables whose ids the generator hands out itself.
OWN_IDS = (Record.__table__, Source.__table__)


def world_rows(session, plan, seed):
    """A ``WorldRows`` whose ids start after everything already in the database."""
    first_record = (session.scalar(select(func.max(Record.id))) or 0) + 1
    first_source = (session.scalar(select(func.max(Source.id))) or 0) + 1
    demand_ids = session.scalars(
        select(Demand.id).where(Demand.status == PUBLISHED).order_by(Demand.id)
    ).all()
    return WorldRows(plan, seed, first_record, first_source, list(demand_ids))


def seed_used(session, seed):
    """True when a world of ``seed`` is already in the database (its agencies are)."""
    name = f"{AGENCIES[0][0]} ({seed})"
    return session.scalar(select(Agency.id).where(Agency.name == name)) is not None


def write_batch(connection, rows):
    """Insert one batch, parents before children (the metadata's dependency order)."""
    written = 0
    for table in db.metadata.sorted_tables:
        if rows.get(table):
            connection.execute(table.insert(), rows[table])
            written += len(rows[table])
    return written


def move_sequences(connection):
    """On PostgreSQL, make the next id of each table the generator filled its own ids in free."""
    if connection.dialect.name != "postgresql":
        return
    for table in OWN_IDS:
        sequence = func.pg_get_serial_sequence(table.name, "id")
        highest = select(func.max(table.c.id)).scalar_subquery()
        connection.execute(select(func.setval(sequence, highest)))


def write_world(session, plan, seed, progress=None):
    """Write the world of ``plan``, commit each batch, refresh statistics; returns rows written.

    ``progress(n)`` is called with the number of records of each batch written.
    """
    ensure_default_categories(session)  # the allegations' categories (a new database has them)
    maker = world_rows(session, plan, seed)
    connection = session.connection()
    written = 0
    for rows in maker.batches():
        written += write_batch(connection, rows)
        session.commit()
        connection = session.connection()
        if progress:
            progress(len(rows.get(Record.__table__, ())) or len(rows.get(Source.__table__, ())))
    move_sequences(connection)
    session.commit()
    # A bulk write like an import: without fresh statistics PostgreSQL (until autovacuum gets
    # there) and SQLite plan the world's queries for the tables as they were, empty or small.
    refresh_after_bulk_change(session)
    return written


def reindex(session):
    """Rebuild the search index, as ``flask search-reindex`` does."""
    return reindex_all(session)


def generate_world(session, cases, seed=1, index=True):
    """Write a world of ``cases`` cases (after the demo data, for its demands); for tests.

    Returns the ``WorldPlan`` written. ``flask generate-world`` does the same with a progress bar.
    """
    from tracker.demo.seed import load_demo_data
    from tracker.worldgen.plan import WorldPlan

    plan = WorldPlan(cases)
    load_demo_data(session)
    write_world(session, plan, seed)
    if index:
        reindex(session)
    return plan
