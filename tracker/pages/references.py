"""The people, officers and complaints a page's records name, read in one statement.

A case page's entries name records of big tables: a complaint's complainant, an allegation's
officer and complaint, a duty event's officer, the case's own people and officers. Loaded by
``selectinload`` each of those relationships cost a statement of its own, run only when some
record on the page named one, so the page's count followed its data (27 statements on one
case, 28 on another). Joined instead, SQLite materialises every published officer or person
first (a joined-table record is a nested join on the right of a LEFT JOIN). Here every
reference the page's records declare (``Section.refs``) is read in one statement, always run:
the ``records`` table with each target kind's table joined by primary key (flat joins, an index
lookup a row on both databases), behind the visibility boundary like any other load (an
unpublished record is not found: its reference is None, as a relationship load gives).
"""

from functools import cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, with_polymorphic
from sqlalchemy.orm.attributes import set_committed_value

from tracker.extensions import db
from tracker.models import Officer, Record


def pairs(records, names):
    """``[(record, relationship name)]`` for ``names`` of each of ``records``.

    A dotted name reaches through a loaded collection: ``"allegations.officer"`` is the
    ``officer`` of each of the record's ``allegations``.
    """
    found = []
    for name in names:
        path, _, last = name.rpartition(".")
        for record in records:
            holders = [record]
            for step in path.split(".") if path else ():
                holders = [item for holder in holders for item in getattr(holder, step)]
            found.extend((holder, last) for holder in holders)
    return found


def targets(model, names):
    """The model classes the references ``names`` of ``model`` name (dotted names followed)."""
    found = set()
    for name in names:
        mapper = model.__mapper__
        for step in name.split("."):
            mapper = mapper.relationships[step].mapper
        found.add(mapper.class_)
    return found


def _named_id(holder, name):
    """The id relationship ``name`` of ``holder`` names (its own column), or None."""
    (column,) = type(holder).__mapper__.relationships[name].local_columns
    return getattr(holder, column.key)


def load_references(found, kinds):
    """Read every record ``found`` (``[(record, name)]``) names in one statement; set them.

    ``kinds``: the kinds (model classes) the page's references may name, from the
    declarations, so the statement is the same whatever the data. An officer comes with its
    agency (a handful of rows, joined), which the page notes beside it. Returns ``{id: record}``.
    """
    wanted = [(holder, name, _named_id(holder, name)) for holder, name in found]
    ids = sorted({ref_id for _holder, _name, ref_id in wanted if ref_id is not None})
    statement = _statement(tuple(sorted(kinds, key=lambda model: model.__name__)))
    loaded = {record.id: record for record in db.session.scalars(statement, {"ids": ids}).unique()}
    for holder, name, ref_id in wanted:
        set_committed_value(holder, name, loaded.get(ref_id))
    return loaded


@cache
def _statement(kinds):
    """The SELECT of the records of ``kinds`` (a tuple) with the ids bound as ``ids``.

    Built once a process for each set of kinds (a page's is the same every request):
    building the ``with_polymorphic`` and its statement cost more than its plan.
    """
    poly = with_polymorphic(Record, list(kinds))
    statement = select(poly).where(poly.id.in_(bindparam("ids", expanding=True)))
    if Officer in kinds:
        statement = statement.options(joinedload(poly.Officer.agency))
    return statement


def load_parts(model, condition, records, names):
    """Set each collection ``names`` of ``records`` (``model`` rows meeting ``condition``).

    A statement a collection, keyed by ``condition`` (a subquery of the records' ids; None:
    the ids of ``records`` themselves, a list, which an empty one still runs), so it runs
    whether or not any record is there: a complaint's allegations, a duty event's
    investigations. In the relationship's order (then by id), as a relationship load gives.
    """
    for name in names:
        relationship = model.__mapper__.relationships[name]
        child = relationship.mapper
        parents = (
            [record.id for record in records]
            if condition is None
            else select(model.id).where(condition)
        )
        if relationship.secondary is None:
            ((_own, column),) = relationship.synchronize_pairs
            owner = child.get_property_by_column(column).key
            statement = select(getattr(child.class_, owner), child.class_).where(
                column.in_(parents)
            )
        else:
            ((_own, column),) = relationship.synchronize_pairs
            ((child_id, other),) = relationship.secondary_synchronize_pairs
            statement = (
                select(column, child.class_)
                .join_from(relationship.secondary, child.class_, other == child_id)
                .where(column.in_(parents))
            )
        order = relationship.order_by or ()
        statement = statement.order_by(*order, child.class_.id)
        grouped = {}
        for owner_id, item in db.session.execute(statement):
            grouped.setdefault(owner_id, []).append(item)
        for record in records:
            set_committed_value(record, name, grouped.get(record.id, []))


def hand_out_parts(model, records, names, sections):
    """Set each collection ``names`` of ``records`` from records already loaded; no statement.

    ``sections``: ``{model class: [records]}`` holding every record of the part's kind the
    collections can hold, and only those (the page's own section of that kind, loaded with the
    same visibility). Grouped by the part's column naming its parent, in the relationship's
    order (then by id), as ``load_parts`` gives.
    """
    for name in names:
        relationship = model.__mapper__.relationships[name]
        child = relationship.mapper
        ((_own, column),) = relationship.synchronize_pairs
        owner = child.get_property_by_column(column).key
        order = [child.get_property_by_column(each).key for each in relationship.order_by or ()]
        grouped = {}
        for item in sections[child.class_]:
            grouped.setdefault(getattr(item, owner), []).append(item)
        for items in grouped.values():
            items.sort(key=lambda item: (*(getattr(item, key) for key in order), item.id))
        for record in records:
            set_committed_value(record, name, grouped.get(record.id, []))
