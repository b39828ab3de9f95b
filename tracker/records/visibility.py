"""The public visibility boundary: a public read can never load an unpublished record.

While the boundary is on for a session, every ORM SELECT it runs gets SQLAlchemy's
``with_loader_criteria(Record, status == "published")`` (the ``filter_public`` recipe of
SQLAlchemy's examples). The criteria reach every place a record can come from: the query's own
entities, joins, subqueries, aliases (``with_polymorphic``) and the relationship loads of what
it loaded (lazy, selectin, joined). Every record kind is a ``Record`` subclass (joined-table
inheritance) and ``status`` lives on the ``records`` table, so one criterion covers them all.
A link row (a case's person or officer, a demand link) is not a record: its related record
comes back as None and the read model drops the row.

The boundary is on for every request served by a public blueprint (``public_blueprints()``),
whoever is signed in, and inside ``with public_view():`` for code outside a request (the CLI,
tests, a batch render). A many-to-one lazy load looks in the session's identity map before it
runs SQL, so a public view runs on a session of its own that starts empty: nothing loaded
before the boundary went on (by a test, by a CLI command) can be handed out through it.
"""

from contextlib import contextmanager
from functools import cache

from flask import g, request
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import with_loader_criteria

from tracker.connections import read_without_transaction
from tracker.extensions import db
from tracker.models import Record
from tracker.models.choices import PUBLISHED
from tracker.replica import read_from_replica

# The blueprints the public reads that are no kind's own pages (those follow from the kinds).
SITE_BLUEPRINTS = frozenset(
    {"public", "calendar", "sources", "sharing", "search", "reports", "data", "api"}
)
FLAG = "public_view"


@cache
def public_blueprints():
    """Every blueprint whose pages, files or answers the public reads.

    The site's own, and the blueprint of each kind's own record pages (``cases``, ``officers``,
    ``meetings``, ``requests``, ``demands``): a kind with a page of its own is behind the
    boundary without being named here.
    """
    from tracker.kinds import all_kinds  # the kinds import the records layer this belongs to

    kinds = {
        kind.page.endpoint.partition(".")[0]
        for kind in all_kinds()
        if kind.page is not None and kind.page.key and not kind.page.anchored
    }
    return SITE_BLUEPRINTS | kinds


def is_public(session):
    """True when ``session`` runs behind the boundary."""
    return bool(session.info.get(FLAG))


def published_only(execute_state):
    """``do_orm_execute`` hook: add the published-only criteria to a public session's SELECTs.

    Column loads (refreshing an object already loaded) are left alone: the object got into the
    session through a query that had the criteria.
    """
    if (
        execute_state.is_select
        and not execute_state.is_column_load
        and is_public(execute_state.session)
    ):
        execute_state.statement = execute_state.statement.options(*_public_criteria())


@cache
def _public_criteria():
    """The published-only criteria, made once: making them for every SELECT cost 0.1 ms each.

    They hold no state of a statement (a compiled statement reuses its options anyway).
    """
    return (
        with_loader_criteria(
            Record,
            lambda cls: cls.status == PUBLISHED,
            include_aliases=True,
            track_closure_variables=False,
        ),
        # A part of another record (an allegation of its complaint) only with its parent.
        with_loader_criteria(
            Record,
            lambda cls: cls.parent_published,
            include_aliases=True,
            track_closure_variables=False,
        ),
    )


def shown_publicly(record):
    """True when the public may see ``record``: it is published, and so is its parent."""
    return record.status == PUBLISHED and record.parent_published


def parts_of(session, ids):
    """The records that are parts of the records ``ids`` (a complaint's allegations).

    A part shows only while its parent is published, so when a parent is published or withdrawn
    what the public sees of its parts changes with it (the search index rewrites them).
    """
    found = []
    for mapper in inspect(Record).self_and_descendants:
        model = mapper.class_
        if ids and model.part_of and mapper.local_table is not Record.__table__:
            parent = getattr(model, model.part_of)
            found.extend(session.scalars(select(model).where(parent.in_(ids))).all())
    return found


def _enter():
    """Give the current scope a fresh session behind the boundary; return what to restore."""
    registry = db.session.registry
    previous = registry() if registry.has() else None
    session = db.session.session_factory()
    session.info[FLAG] = True
    read_from_replica(session, db.engines)  # a no-op without DATABASE_REPLICA_URL
    read_without_transaction(session)  # PostgreSQL: no BEGIN, no ROLLBACK (tracker/connections)
    registry.set(session)
    return previous, session


def _leave(previous, session):
    """Close the public session and put back the session the scope had before."""
    session.close()
    if previous is None:
        db.session.registry.clear()
    else:
        db.session.registry.set(previous)


@contextmanager
def public_view():
    """Run the block as the public reads: only published records load, by any path.

    Objects loaded inside are detached when the block ends; render what you need inside it.
    """
    if is_public(db.session()):
        yield
        return
    previous, session = _enter()
    try:
        yield
    finally:
        _leave(previous, session)


def _start_public_request():
    """Before a public blueprint's view runs (and before it loads anything): boundary on."""
    if request.blueprint in public_blueprints() and "public_view" not in g:
        g.public_view = _enter()


def _end_public_request(exc=None):
    """After the request: close its public session."""
    state = g.pop("public_view", None)
    if state is not None:
        _leave(*state)


def register_visibility(app):
    """Install the boundary: the SELECT hook on the app's sessions and the request hooks.

    The request hook runs first of all ``before_request`` hooks, so nothing a public request
    loads can come from outside the boundary.
    """
    if not event.contains(db.session, "do_orm_execute", published_only):
        event.listen(db.session, "do_orm_execute", published_only)
    app.before_request_funcs.setdefault(None, []).insert(0, _start_public_request)
    app.teardown_request(_end_public_request)
