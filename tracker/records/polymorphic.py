"""Records with their kinds' own columns, as one reusable SQLAlchemy entity per set of kinds.

``with_polymorphic(Record, "*", flat=True)`` builds an aliased outer join of every kind's
table, and building it costs 20-60 ms of Python on each call (it copies every column of eleven
tables), whatever the data: more than the queries of a feed or a source page. The entity is
immutable once built, so it is built once per set of kinds and reused by every request.
"""

import threading

from sqlalchemy import select
from sqlalchemy.orm import selectinload, with_polymorphic

from tracker.extensions import db
from tracker.models import Record

_built = {}
_lock = threading.Lock()


def records_with(models="*"):
    """``with_polymorphic(Record, models, flat=True)``, built once per set of ``models``.

    ``models``: "*" (every kind) or the kinds' model classes (order does not matter).
    """
    key = "*" if models == "*" else frozenset(models)
    found = _built.get(key)
    if found is None:
        with _lock:
            found = _built.get(key)
            if found is None:
                kinds = models if models == "*" else list(models)
                found = with_polymorphic(Record, kinds, flat=True)
                _built[key] = found
    return found


def load_records(ids, kinds, links=False):
    """The records ``ids`` (of the ``kinds`` named) with their kind's own columns, ``{id: record}``.

    Two steps instead of one ``with_polymorphic(Record, "*")``: the 11-table outer join of
    every kind goes past PostgreSQL's ``join_collapse_limit`` and joins every record before
    filtering. The caller reads the kinds present first; only their tables are joined, by id.
    ``links``: with what their public places read (each kind's ``link_load``), one query a
    relationship instead of one a record.
    """
    from tracker.kinds import all_kinds

    if not ids:
        return {}
    present = [kind for kind in all_kinds() if kind.name in kinds and kind.model is not Record]
    records = records_with([kind.model for kind in present])
    options = [
        selectinload(getattr(getattr(records, kind.model.__name__), name))
        for kind in (present if links else ())
        for name in kind.link_load
    ]
    return {
        record.id: record
        for record in db.session.scalars(
            select(records).where(records.id.in_(ids)).options(*options)
        )
    }
