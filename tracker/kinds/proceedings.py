"""What the kinds that follow an incident share: officers named, a case, dates in order."""

from sqlalchemy import and_

from tracker.kinds import row_values
from tracker.kinds.base import Computed, Filter, Reference, public_ids
from tracker.kinds.case_filters import published_id
from tracker.models import Officer, Record

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
        reads=_officers_named,
    )


def _officers_named(model, among):
    """The part of a batch's statement naming the officers of ``model``'s records.

    Plain ids from the kind's table of officers named (``officers``, a many-to-many), joined
    to the officers' ``records`` row so that behind the visibility boundary only published
    ones count, as loading ``record.officers`` keeps them. Joined to ``records`` alone:
    joining ``officers`` too made PostgreSQL merge-join every officer (5-9 ms, not 0.1).
    """
    relationship = model.officers.property
    record_column = relationship.synchronize_pairs[0][1]
    officer_column = relationship.secondary_synchronize_pairs[0][1]
    return (
        row_values.part(
            "officers",
            record_column,
            among,
            joins=((Record, Record.id == officer_column),),
            officer_id=officer_column,
        ),
    )


def _officer_ids(records, found):
    """``{record id: [officer ids, sorted]}`` of a batch, from its ``officers`` part."""
    named = row_values.by_record([record.id for record in records], found, "officers")
    return {key: sorted(row.officer_id for row in rows) for key, rows in named.items()}


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
