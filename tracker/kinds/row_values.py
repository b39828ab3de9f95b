"""What an exported row shows of other records, read for a batch of rows as plain values.

A row names the records it refers to by id, and lists its sources, demands and outside ids.
Loading those as records (every ``records`` column and the subtable's, one ORM object each)
was most of an API list page's time at 100,000 cases; a row only shows an id or a number.
So a batch (an API page, a download batch) reads them here as plain column tuples, through
the ORM session: behind the public visibility boundary every query still gets the
published-only criteria (``tracker.records.visibility``), so an unpublished record's id
never shows, as when it was loaded.

Everything a batch reads comes in one statement: a ``UNION ALL`` of ``Part``s (the visible
records among those the rows refer to, the sources, demands and outside ids, and what the
kind's ``Computed.reads`` declare), each row tagged with its part. A statement each cost an
API page more than the rows it read (a round trip, planning, SQLAlchemy's execution): the
complaints' list ran six. The statement is built once a kind, its ids bound when it runs.
"""

from dataclasses import dataclass

from sqlalchemy import bindparam, cast, literal, null, select, union_all

from tracker.extensions import db
from tracker.models import Citation, Demand, DemandLink, ExternalId, Record

# The batch's own record ids, and the ids of the records its rows refer to.
ROW_IDS = bindparam("row_ids", expanding=True)
REFERRED_IDS = bindparam("referred_ids", expanding=True)


@dataclass(frozen=True)
class Part:
    """One SELECT of a batch's statement: its rows come back tagged with ``name``.

    ``statement`` labels every column, the first ``record_id`` (the row it is for), and narrows
    by ``ROW_IDS`` (or ``REFERRED_IDS``). Parts may share a label when its type is the same
    (``made``, ``name``); a part lacking one gets NULL there. ``order``: the labels its rows
    come sorted by (within the part; parts sharing an order label sort by it alike).
    """

    name: str
    statement: object
    order: tuple = ()


def part(name, record_id, /, order=(), start=None, joins=(), where=(), **columns):
    """A ``Part`` selecting ``record_id`` and ``columns`` (label = column), joined and narrowed.

    ``start``: the table the joins start from, when it is not the first column's.
    """
    labelled = [record_id.label("record_id")]
    labelled += [column.label(label) for label, column in columns.items()]
    statement = select(*labelled)
    if start is not None:
        statement = statement.select_from(start)
    for target, condition in joins:
        statement = statement.join(target, condition)
    return Part(name, statement.where(*where), tuple(order))


def _link_parts():
    """The parts every kind's rows read: its sources, demands and outside ids."""
    return (
        # Citations of one position (the default, 1, when none was given) come as they were made.
        part(
            "source",
            Citation.record_id,
            order=("position", "made"),
            where=(Citation.record_id.in_(ROW_IDS),),
            number=Citation.source_id,
            position=Citation.position,
            made=Citation.id,
        ),
        part(
            "demand",
            DemandLink.record_id,
            joins=((Demand, Demand.id == DemandLink.demand_id),),
            where=(DemandLink.record_id.in_(ROW_IDS),),
            number=Demand.number,
        ),
        # In the relationship's order: the database's, by its collation.
        part(
            "outside",
            ExternalId.record_id,
            order=("scheme", "value"),
            where=(ExternalId.record_id.in_(ROW_IDS),),
            scheme=ExternalId.scheme,
            value=ExternalId.value,
        ),
    )


def _titles_part():
    """The visible records among those the rows refer to, with their titles."""
    return part("title", Record.id, where=(Record.id.in_(REFERRED_IDS),), title=Record.title)


def batch_statement(kind):
    """The one statement of ``kind``'s batches (``read``), built once a kind.

    The visible referred records only for a kind that refers to any (``refers`` or a reference
    column), then the links, then each distinct ``Computed.reads`` of the kind.
    """
    parts = [_titles_part()] if kind.refers_to_records else []
    parts += _link_parts()
    seen = []
    for item in kind.computed:
        if item.reads is not None and item.reads not in seen:
            seen.append(item.reads)
            parts += item.reads(kind.model)
    return _union(parts)


def _union(parts):
    """``parts`` as one ``UNION ALL``: every part's labels, NULL where it has none, sorted.

    Sorted by record, part, then the parts' order labels: a part's rows keep its order, as
    the other parts' labels are NULL in them (a part sorting by labels another part sorts by
    in another sequence would not, so that is refused).
    """
    types = {}
    for each in parts:
        for column in each.statement.selected_columns:
            types.setdefault(column.key, column.type)
    order = []
    for each in parts:
        order += [label for label in each.order if label not in order]
    for each in parts:
        own = set(each.statement.selected_columns.keys())
        if [label for label in order if label in own][: len(each.order)] != list(each.order):
            raise ValueError(f"part {each.name} sorts by labels another part sorts otherwise")
    selects = []
    for each in parts:
        own = {column.key: column for column in each.statement.selected_columns}
        columns = [
            own[label] if label in own else cast(null(), kind).label(label)
            for label, kind in types.items()
        ]
        columns.insert(1, literal(each.name).label("part"))
        selects.append(each.statement.with_only_columns(*columns))
    statement = union_all(*selects)
    selected = statement.selected_columns
    keys = ("record_id", "part", *order)
    return statement.order_by(*(selected[key] for key in keys))


def read(statement, ids, referred):
    """``{part name: [rows]}`` of a batch: ``statement`` (``batch_statement``) run once.

    ``ids``: the batch's records; ``referred``: ids of the records its rows refer to (None
    ignored). Every part is in the answer, empty when it found nothing.
    """
    referred = sorted({each for each in referred if each is not None})
    found = {}
    for row in db.session.execute(statement, {"row_ids": ids, "referred_ids": referred}):
        found.setdefault(row.part, []).append(row)
    return found


def by_record(ids, found, name):
    """``{record id: [rows of part name]}`` for each of ``ids`` (``read``'s answer)."""
    rows = {record_id: [] for record_id in ids}
    for row in found.get(name, ()):
        rows[row.record_id].append(row)
    return rows


def visible_titles(found):
    """``{id: title}`` of the referred records the session may see (``read``'s answer)."""
    return {row.record_id: row.title for row in found.get("title", ())}


def links(ids, found):
    """``{record id: {"source_ids": [...], "demand_numbers": [...], "external_ids": [...]}}``.

    From ``read``'s answer: the sources each record cites, in citation order; the visible
    demands it bears on, sorted; its outside ids as ``scheme:value``, in the relationship's
    order.
    """
    result = {
        record_id: {"source_ids": [], "demand_numbers": [], "external_ids": []} for record_id in ids
    }
    for row in found.get("source", ()):
        result[row.record_id]["source_ids"].append(row.number)
    for row in found.get("demand", ()):
        result[row.record_id]["demand_numbers"].append(row.number)
    for row in found.get("outside", ()):
        result[row.record_id]["external_ids"].append(f"{row.scheme}:{row.value}")
    for each in result.values():
        each["demand_numbers"].sort()
    return result
