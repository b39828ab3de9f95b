"""How each CSV column is read: a parser per column type, each raising ``CellError`` with a reason.

Parsers take the stripped cell text (never empty: empty cells are None before they get here)
and a ``Lookup`` for references to existing records.
"""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation

from tracker.kinds import kind_named
from tracker.records.references import Ambiguous, UnresolvedReference, resolve

LIST_SEPARATOR = ";"


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in the volunteer's words."""


@dataclass(frozen=True)
class Column:
    """One CSV column: its header, how to read it, whether it is required, and a hint."""

    name: str
    parse: object
    required: bool = False
    hint: str = ""
    attribute: str | None = None  # the model attribute, when not the column name

    @property
    def target(self):
        """The model attribute this column sets."""
        return self.attribute or self.name


def external_id(scheme):
    """A parser of an ``external_id:<scheme>`` cell: the (scheme, id) pair, id at most 120."""

    def parse(value):
        """The pair, or ``CellError`` for an id too long."""
        if len(value) > 120:
            raise CellError("is longer than 120 characters")
        return (scheme, value)

    return parse


def text(max_length):
    """A text parser that refuses cells longer than ``max_length``."""

    def parse(value):
        """The text itself."""
        if len(value) > max_length:
            raise CellError(f"is {len(value)} characters long; the most is {max_length}")
        return value

    return parse


LONG_TEXT = text(20_000)


def any_date(value):
    """A date written YYYY-MM-DD, past or ahead (a meeting announced)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CellError(f'"{value}" is not a date written YYYY-MM-DD') from None


def iso_date(value):
    """A date written YYYY-MM-DD, not in the future (as the forms require)."""
    day = any_date(value)
    if day > date.today():
        raise CellError(f'"{value}" is in the future')
    return day


def clock_time(value):
    """A time of day written HH:MM (24-hour)."""
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise CellError(f'"{value}" is not a time written HH:MM') from None


def choice(mapping):
    """A parser accepting a key of ``mapping`` or its label, in any case."""
    by_word = {key.lower(): key for key in mapping}
    by_word.update({label.lower(): key for key, label in mapping.items()})

    def parse(value):
        """The stored key."""
        key = by_word.get(value.lower())
        if key is None:
            raise CellError(f'"{value}" is not one of: {", ".join(mapping)}')
        return key

    return parse


def amount(value):
    """A non-negative amount of dollars, with or without "$" and thousands commas."""
    try:
        number = Decimal(value.replace("$", "").replace(",", ""))
    except InvalidOperation:
        raise CellError(f'"{value}" is not an amount') from None
    # is_finite first: comparing NaN raises instead of answering.
    if not number.is_finite() or number < 0 or number >= Decimal("1e12"):
        raise CellError(f'"{value}" is not an amount from 0 to 999,999,999,999.99')
    return number.quantize(Decimal("0.01"))


def whole_number(value):
    """A whole number from 0 to 120 (an age)."""
    if not value.isdigit() or int(value) > 120:
        raise CellError(f'"{value}" is not a whole number from 0 to 120')
    return int(value)


def _ref(value, kind, what, **rules):
    """The record the one resolver finds for ``value``, or a ``CellError`` in import words."""
    try:
        return resolve(value, (kind,), **rules)
    except Ambiguous:
        raise CellError(
            f'several {what} records match "{value}"; give the record id instead, as #12'
        ) from None
    except UnresolvedReference:
        raise CellError(f'no {what} "{value}" is on record') from None


def _preloaded_ref(lookups, kind_name, value):
    """The record ``value`` names, found in ``lookups``, or a ``CellError`` in import words."""
    found = lookups.find(kind_name, value)
    what = kind_named(kind_name).label.lower()
    if len(found) > 1:
        raise CellError(
            f'several {what} records match "{value}"; give the record id instead, as #12'
        )
    if not found:
        raise CellError(f'no {what} "{value}" is on record')
    return lookups.record(kind_name, next(iter(found)))


def reference(kind_name, many=False):
    """A parser for a cell naming existing ``kind_name`` records: "#12" or a lookup field.

    The kind says which fields name a record (an officer's serial number or name); a bare number
    is such a field's value here, never a record id. ``many`` reads ";"-separated references.
    """

    def parse_one(value):
        """The record the cell names (from the import's preloaded maps when it has them)."""
        from tracker.imports.lookups import active

        lookups = active()
        if lookups is not None:
            return _preloaded_ref(lookups, kind_name, value)
        kind = kind_named(kind_name)
        names = [getattr(kind.model, field) for field in kind.lookup_fields]
        return _ref(value, kind_name, kind.label.lower(), bare_numbers=False, names=names)

    def parse_many(value):
        """The records the cell names, each once."""
        records = []
        for part in value.split(LIST_SEPARATOR):
            if part.strip():
                record = parse_one(part.strip())
                if record not in records:
                    records.append(record)
        return records

    return parse_many if many else parse_one
