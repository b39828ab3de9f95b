"""What an exported row shows of other records, read for a batch of rows as plain values.

A row names the records it refers to by id, and lists its sources, demands and outside ids.
Loading those as records (every ``records`` column and the subtable's, one ORM object each)
was most of an API list page's time at 100,000 cases; a row only shows an id or a number.
So a batch (an API page, a download batch) reads them here as plain column tuples, a query
each, through the ORM session: behind the public visibility boundary every query still gets
the published-only criteria (``tracker.records.visibility``), so an unpublished record's id
never shows, as when it was loaded.
"""

from sqlalchemy import literal, null, select, union_all

from tracker.extensions import db
from tracker.models import Citation, Demand, DemandLink, ExternalId, Record


def visible_titles(ids):
    """``{id: title}`` of the records among ``ids`` (None ignored) the session may see.

    No query when there is no id, as a relationship load of empty references runs none.
    """
    wanted = sorted({each for each in ids if each is not None})
    if not wanted:
        return {}
    statement = select(Record.id, Record.title).where(Record.id.in_(wanted))
    return dict(db.session.execute(statement).all())


def links(ids):
    """``{record id: {"source_ids": [...], "demand_numbers": [...], "external_ids": [...]}}``.

    In one query (a UNION ALL of three, where three relationship loads ran three): the sources
    each record cites, in citation order; the visible demands it bears on, sorted; its outside
    ids as ``scheme:value``, in the relationship's order (the database's, by its collation).
    """
    # Citations of one position (the default, 1, when none was given) come as they were made.
    cited = _part(Citation.record_id, "source", Citation.source_id, Citation.position, Citation.id)
    demanded = _part(DemandLink.record_id, "demand", Demand.number)
    demanded = demanded.join(Demand, Demand.id == DemandLink.demand_id)
    outside = _part(
        ExternalId.record_id, "outside", None, None, None, ExternalId.scheme, ExternalId.value
    )
    parts = [each.where(each.selected_columns.record_id.in_(ids)) for each in (cited, demanded)]
    parts.append(outside.where(ExternalId.record_id.in_(ids)))
    statement = union_all(*parts)
    columns = statement.selected_columns
    statement = statement.order_by(
        columns.record_id,
        columns.part,
        columns.position,
        columns.made,
        columns.scheme,
        columns.value,
    )
    found = {
        record_id: {"source_ids": [], "demand_numbers": [], "external_ids": []} for record_id in ids
    }
    for record_id, kind, number, *_order, scheme, value in db.session.execute(statement).all():
        if kind == "source":
            found[record_id]["source_ids"].append(number)
        elif kind == "demand":
            found[record_id]["demand_numbers"].append(number)
        else:
            found[record_id]["external_ids"].append(f"{scheme}:{value}")
    for each in found.values():
        each["demand_numbers"].sort()
    return found


def _part(record_id, kind, number, position=None, made=None, scheme=None, value=None):
    """One part of ``links``' query: record id, part, number, position, made, scheme, value."""
    values = (record_id, literal(kind), number, position, made, scheme, value)
    names = ("record_id", "part", "number", "position", "made", "scheme", "value")
    return select(
        *(
            (null() if column is None else column).label(name)
            for column, name in zip(values, names, strict=True)
        )
    )
