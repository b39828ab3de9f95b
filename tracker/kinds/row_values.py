"""What an exported row shows of other records, read for a batch of rows as plain values.

A row names the records it refers to by id, and lists its sources, demands and outside ids.
Loading those as records (every ``records`` column and the subtable's, one ORM object each)
was most of an API list page's time at 100,000 cases; a row only shows an id or a number.
So a batch (an API page, a download batch) reads them here as plain column tuples, a query
each, through the ORM session: behind the public visibility boundary every query still gets
the published-only criteria (``tracker.records.visibility``), so an unpublished record's id
never shows, as when it was loaded.
"""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Citation, Demand, DemandLink, ExternalId, Record


def visible_ids(ids):
    """The ids among ``ids`` (None ignored) of records the session may see: a frozenset.

    No query when there is no id, as a relationship load of empty references runs none.
    """
    wanted = sorted({each for each in ids if each is not None})
    if not wanted:
        return frozenset()
    return frozenset(db.session.scalars(select(Record.id).where(Record.id.in_(wanted))))


def _grouped(rows, ids):
    """``{record id: [the rest of each row]}`` of ``(record_id, ...)`` rows, every id present."""
    found = {record_id: [] for record_id in ids}
    for record_id, *rest in rows:
        found[record_id].append(rest[0] if len(rest) == 1 else tuple(rest))
    return found


def source_ids(ids):
    """``{record id: [source ids]}``: the sources each record cites, in citation order."""
    statement = (
        select(Citation.record_id, Citation.source_id)
        .where(Citation.record_id.in_(ids))
        .order_by(Citation.record_id, Citation.position)
    )
    return _grouped(db.session.execute(statement).all(), ids)


def demand_numbers(ids):
    """``{record id: [numbers]}``: the visible demands each record bears on, sorted."""
    statement = (
        select(DemandLink.record_id, Demand.number)
        .join(Demand, Demand.id == DemandLink.demand_id)
        .where(DemandLink.record_id.in_(ids))
    )
    found = _grouped(db.session.execute(statement).all(), ids)
    return {record_id: sorted(numbers) for record_id, numbers in found.items()}


def external_ids(ids):
    """``{record id: ["scheme:value"]}``: each record's outside ids, in the relationship's order."""
    statement = (
        select(ExternalId.record_id, ExternalId.scheme, ExternalId.value)
        .where(ExternalId.record_id.in_(ids))
        .order_by(ExternalId.record_id, ExternalId.scheme, ExternalId.value)
    )
    found = _grouped(db.session.execute(statement).all(), ids)
    return {
        record_id: [f"{scheme}:{value}" for scheme, value in pairs]
        for record_id, pairs in found.items()
    }
