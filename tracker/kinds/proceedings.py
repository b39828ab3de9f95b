"""What the kinds that follow an incident share: officers named, a case, dates in order."""

from sqlalchemy import and_, select

from tracker.extensions import db
from tracker.kinds.base import Computed, Filter, Reference, public_ids
from tracker.kinds.case_filters import published_id
from tracker.models import Officer

OFFICERS = Reference(
    "officers", "officer", 'Officers by "#id", serial number or name, ";"-separated.', many=True
)


def officer_ids(description):
    """The computed list of the published officers a record names."""
    return Computed(
        "officer_ids",
        "integer list",
        description,
        lambda record: public_ids(record.officers),
        values=_officer_ids,
    )


def _officer_ids(records):
    """``{record id: [officer ids, sorted]}`` of a batch of records of one kind, in one query.

    Plain ids from the kind's table of officers named (``officers``, a many-to-many), joined
    to the officers so that behind the visibility boundary only published ones count, as
    loading ``record.officers`` keeps them.
    """
    relationship = type(records[0]).officers.property
    named = relationship.secondary
    record_column = relationship.synchronize_pairs[0][1]
    officer_column = relationship.secondary_synchronize_pairs[0][1]
    found = {record.id: [] for record in records}
    statement = (
        select(record_column, Officer.id)
        .select_from(named)
        .join(Officer, Officer.id == officer_column)
        .where(record_column.in_(list(found)))
    )
    for record_id, officer_id in db.session.execute(statement).all():
        found[record_id].append(officer_id)
    return {record_id: sorted(ids) for record_id, ids in found.items()}


def officer_filter(model):
    """An API filter on an officer among ``model.officers``."""
    return Filter(
        "officer",
        "Only records naming this officer id.",
        lambda value: and_(model.officers.any(Officer.id == value), published_id(value)),
    )


def case_filter(model):
    """An API filter on the case id of ``model``."""
    return Filter(
        "case",
        "Only records of this case id.",
        lambda value: and_(model.case_id == value, published_id(value)),
    )


def choice_filter(column, mapping):
    """An API filter on an enumerated column."""
    return Filter(
        column.key, f"Only records whose {column.key} is this.", column.__eq__, tuple(mapping)
    )


def in_order(first, second, message):
    """An import check that ``second`` is not before ``first``."""

    def check(values):
        """(column, reason) when the dates are out of order."""
        if values.get(first) and values.get(second) and values[second] < values[first]:
            return (second, message)
        return None

    return check


def reference_id(values, name):
    """The id of the record an import row refers to as ``name``, or None."""
    record = values.get(name)
    return record.id if record is not None else None
