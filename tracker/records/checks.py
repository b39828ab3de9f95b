"""Checks that keep the record right, run by the editing service before anything changes.

A check reads the edit as it would leave the record (``Proposed``: the typed value where one
is given, else the record's) and yields ``FieldError``s. Checks shared by every kind (dates
before 1900, a date with precision "unknown") live here; a kind's own checks are declared on
its ``RecordKind.checks``. ``save`` raises ``Invalid`` with every error, so the workspace shows
each beside its field and the CSV import's dry run lists it with its row.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date

from tracker.models.choices import CASE_OFFICER_ROLES, CASE_PERSON_ROLES
from tracker.models.facts import column_facts

EARLIEST = date(1900, 1, 1)
TOO_EARLY = "Dates before 1900 are refused: check the year."
UNKNOWN_HAS_NO_DATE = (
    'The precision is "Date unknown": clear the date, or choose how precise it is.'
)


@dataclass(frozen=True)
class FieldError:
    """A refused value: the field (attribute name) and the reason, in users' words.

    For a list field, ``index`` is the row among the list's filled rows (a row counts when
    its ``part``, or the row itself when no part is named, is filled in) and ``part`` the
    input within the row (``person`` of a case's people).
    """

    field: str
    message: str
    index: int | None = None
    part: str | None = None


class Invalid(Exception):  # noqa: N818 (reads as "raise Invalid")
    """The edit breaks one or more checks; nothing was changed."""

    def __init__(self, errors):
        """Keep every error, in the order found."""
        self.errors = list(errors)
        super().__init__("; ".join(f"{error.field}: {error.message}" for error in self.errors))


class Proposed:
    """The record as the edit would leave it, read without changing the record."""

    def __init__(self, record, values):
        """``values`` are the edit's plain values (attribute -> value)."""
        self.record = record
        self.values = values

    def __contains__(self, name):
        """True when the edit gives ``name``."""
        return name in self.values

    def get(self, name):
        """The typed value, else the record's; a new record's unset column reads as its default."""
        if name in self.values:
            return self.values[name]
        value = getattr(self.record, name, None)
        if value is None and self.record.id is None:
            column = self.record.__mapper__.columns.get(name)
            default = column.default if column is not None else None
            if default is not None and not callable(default.arg):
                return default.arg
        return value


def errors_for(kind, record, values):
    """Every ``FieldError`` of saving ``values`` onto ``record`` of ``kind`` (a ``RecordKind``).

    The shared checks first, then the kind's own. The kind is passed in: the kinds import
    their checks from here.
    """
    proposed = Proposed(record, values)
    found = list(_shared_checks(proposed))
    for check in kind.checks:
        found.extend(check(proposed))
    return found


def check(kind, record, values):
    """Raise ``Invalid`` when saving ``values`` onto ``record`` of ``kind`` breaks a check."""
    found = errors_for(kind, record, values)
    if found:
        raise Invalid(found)


def _shared_checks(proposed):
    """Dates before 1900 and dates whose precision says "unknown", for every kind."""
    for name, (column, _) in column_facts(type(proposed.record)).items():
        if name in proposed and isinstance(column.type, Date):
            value = proposed.get(name)
            if value is not None and value < EARLIEST:
                yield FieldError(name, TOO_EARLY)
    unknown = "date_precision" in proposed and proposed.get("date_precision") == "unknown"
    if unknown and proposed.get("occurred_on") is not None:
        yield FieldError("occurred_on", UNKNOWN_HAS_NO_DATE)
    if "external_ids" in proposed:
        yield from _external_ids(proposed)


def _external_ids(proposed):
    """Each id names a dataset of this kind of record and no other record holds it."""
    from tracker.models.external_ids import SCHEMES, schemes_for
    from tracker.records import external_ids

    record, entries = proposed.record, proposed.get("external_ids")
    allowed = schemes_for(record.kind)
    for index, (scheme, _value) in enumerate(external_ids.pairs(entries)):
        if scheme not in allowed:
            label = SCHEMES[scheme].label if scheme in SCHEMES else scheme
            yield FieldError(
                "external_ids",
                f"{label} does not list records of this kind.",
                index=index,
                part="scheme",
            )
    for index, _scheme, value, other in external_ids.held_elsewhere(record, entries):
        yield FieldError(
            "external_ids",
            f"{value} is already the id of {other.title} (#{other.id}).",
            index=index,
            part="value",
        )


# Each kind's own checks, declared on its ``RecordKind.checks``.


def investigations_involve_officer(proposed):
    """A duty event's related investigations must investigate that officer.

    An investigation of another officer would turn a reinstatement into a public
    "reinstated while a related investigation was open" flag: an accusation.
    """
    officer = proposed.get("officer")
    if officer is None:
        return
    related = [item for item in proposed.get("investigations") or [] if item is not None]
    for index, investigation in enumerate(related):
        if officer not in investigation.officers:
            yield FieldError(
                "investigations",
                f"{investigation.title} (#{investigation.id}) does not investigate "
                f"{officer.title}: relate only investigations of this officer, or add the "
                "officer to that investigation first.",
                index=index,
            )


def closing_date_matches_status(proposed):
    """An open investigation has no closing date; a closed one needs one."""
    status, closed_on = proposed.get("investigation_status"), proposed.get("closed_on")
    if status == "open" and closed_on is not None:
        yield FieldError(
            "closed_on",
            'An open investigation has no closing date: set the status to "Closed", '
            "or clear the date.",
        )
    elif status == "closed" and closed_on is None:
        yield FieldError("closed_on", "A closed investigation needs the date it closed.")


def filed_after_incident(proposed):
    """A complaint cannot be filed before the incident (its case) happened.

    A case dated to the month or year counts from the first day of that month or year.
    """
    case, filed_on = proposed.get("case"), proposed.get("filed_on")
    if case is None or filed_on is None or case.occurred_on is None:
        return
    earliest = case.occurred_on
    if case.date_precision == "month":
        earliest = earliest.replace(day=1)
    elif case.date_precision == "year":
        earliest = earliest.replace(month=1, day=1)
    elif case.date_precision == "unknown":
        return
    if filed_on < earliest:
        yield FieldError(
            "filed_on",
            f"This is before the incident it is about ({case.title}, {case.occurred_on}): "
            "check the date, or the case.",
        )


def case_parts_once(proposed):
    """Nobody twice in one case in the same role; timeline dates follow the shared rules."""
    for name, attr, roles in (
        ("people", "person", CASE_PERSON_ROLES),
        ("officers", "officer", CASE_OFFICER_ROLES),
    ):
        if name not in proposed:
            continue
        seen = set()
        # The workspace gives (record, role) pairs; the import a plain list of officers.
        pairs = [item if isinstance(item, tuple) else (item, None) for item in proposed.get(name)]
        for index, (item, role) in enumerate(pair for pair in pairs if pair[0] is not None):
            key = (item.id if item.id is not None else id(item), role)
            if key in seen:
                yield FieldError(
                    name,
                    f"{item.title} is already in this case as "
                    f"{roles.get(role, role or 'involved').lower()}.",
                    index=index,
                    part=attr,
                )
            seen.add(key)
    if "timeline" in proposed:
        dated = [entry for entry in proposed.get("timeline") if entry.get("occurred_on")]
        for index, entry in enumerate(dated):
            if entry["occurred_on"] < EARLIEST:
                yield FieldError("timeline", TOO_EARLY, index=index, part="occurred_on")
            elif entry.get("date_precision") == "unknown":
                yield FieldError("timeline", UNKNOWN_HAS_NO_DATE, index=index, part="occurred_on")
