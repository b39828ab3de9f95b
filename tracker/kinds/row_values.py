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

from sqlalchemy import (
    Integer,
    String,
    any_,
    bindparam,
    cast,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY

from tracker.extensions import db
from tracker.models import Citation, Demand, DemandLink, ExternalId, Record

# The statements built, by kind and database dialect (``batch_statement``).
_BUILT = {}


@dataclass(frozen=True)
class Part:
    """One SELECT of a batch's statement: its rows come back tagged with ``name``.

    ``statement`` labels every column, the first ``record_id`` (the record the row is for),
    and narrows to the batch with the ``among`` it was made with (``batch_statement``). Parts
    may share a label when its type is the same (``made``, ``name``); a part lacking one gets
    NULL there. ``order``: the labels its rows come sorted by (within the part; parts sharing
    an order label sort by it alike).
    """

    name: str
    statement: object
    order: tuple = ()


def part(name, record_id, among, /, order=(), start=None, joins=(), where=(), **columns):
    """A ``Part`` selecting ``record_id`` and ``columns`` (label = column) of the batch's records.

    ``among``: ``batch_statement``'s, narrowing ``record_id`` to the batch's ids; ``start``:
    the table the joins start from, when it is not the first column's.
    """
    labelled = [record_id.label("record_id")]
    labelled += [column.label(label) for label, column in columns.items()]
    statement = select(*labelled)
    if start is not None:
        statement = statement.select_from(start)
    for target, condition in joins:
        statement = statement.join(target, condition)
    return Part(name, statement.where(among(record_id), *where), tuple(order))


def _link_parts(among):
    """The parts every kind's rows read: its sources, demands and outside ids."""
    return (
        # Citations of one position (the default, 1, when none was given) come as they were made.
        part(
            "source",
            Citation.record_id,
            among,
            order=("position", "made"),
            number=Citation.source_id,
            position=Citation.position,
            made=Citation.id,
        ),
        part(
            "demand",
            DemandLink.record_id,
            among,
            joins=((Demand, Demand.id == DemandLink.demand_id),),
            number=Demand.number,
        ),
        # In the relationship's order: the database's, by its collation.
        part(
            "outside",
            ExternalId.record_id,
            among,
            order=("scheme", "value"),
            scheme=ExternalId.scheme,
            value=ExternalId.value,
        ),
    )


def _titles_part(among):
    """The visible records among those the rows refer to, with their titles."""
    statement = select(Record.id.label("record_id"), Record.title)
    return Part("title", statement.where(among(Record.id, referred=True)))


def batch_statement(kind, dialect):
    """The one statement of ``kind``'s batches (``read``) on ``dialect``, built once.

    The visible referred records only for a kind that refers to any (``refers`` or a reference
    column), then the links, then each distinct ``Computed.reads`` of the kind.
    """
    built = _BUILT.get((kind.name, dialect))
    if built is None:
        among = _among(dialect)
        parts = [_titles_part(among)] if kind.refers_to_records else []
        parts += _link_parts(among)
        seen = []
        for item in kind.computed:
            if item.reads is not None and item.reads not in seen:
                seen.append(item.reads)
                parts += item.reads(kind.model, among)
        built = _BUILT[(kind.name, dialect)] = _union(parts)
    return built


def _among(dialect):
    """``among(column, referred=False)``: ``column`` is one of the batch's ids (or referred ids).

    PostgreSQL is given the ids as one array: an IN list of bound values made the statement's
    text too long for the driver to keep it parsed (psycopg splits a text over 4,096 bytes or
    50 values anew on every run: a millisecond of an API page). SQLite takes an IN list.
    """

    def among(column, referred=False):
        """The condition that ``column`` is one of the batch's ids (``referred``: theirs)."""
        key = "referred_ids" if referred else "row_ids"
        if dialect == "postgresql":
            return column == any_(bindparam(key, type_=ARRAY(Integer)))
        return column.in_(bindparam(key, expanding=True))

    return among


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
        if not each.name.isidentifier():  # it is written into the SQL as a literal
            raise ValueError(f"part {each.name!r} is no plain name")
    selects = []
    for each in parts:
        own = {column.key: column for column in each.statement.selected_columns}
        # The first part's NULLs are typed: PostgreSQL takes a UNION's column types from its
        # first two parts, then the next, so later bare NULLs take them on (and the statement
        # stays short, see ``_among``).
        columns = [
            own.get(label)
            if label in own
            else (null() if selects else cast(null(), kind)).label(label)
            for label, kind in types.items()
        ]
        columns.insert(1, literal_column(f"'{each.name}'", String).label("part"))
        selects.append(each.statement.with_only_columns(*columns))
    statement = union_all(*selects)
    selected = statement.selected_columns
    keys = ("record_id", "part", *order)
    return statement.order_by(*(selected[key] for key in keys))


def read(kind, ids, referred):
    """``{part name: [rows]}`` of a batch of ``kind``'s rows: its statement run once.

    ``ids``: the batch's records; ``referred``: ids of the records its rows refer to (None
    ignored). A part that found nothing is not in the answer.
    """
    referred = sorted({each for each in referred if each is not None})
    statement = batch_statement(kind, db.session.get_bind().dialect.name)
    found = {}
    # Fetched at once: row by row, the driver's fetch per row cost more than the rows.
    for row in db.session.execute(statement, {"row_ids": ids, "referred_ids": referred}).all():
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
