"""One row of a roster, checked: the cells read, the record on file found, the action decided.

``roster.py`` reads the files and loads what is on file; these functions turn each row into a
``RosterRow`` (or raise ``RowError`` with the column and the reason).
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class RosterRow:
    """What one good row does: create, update or unchanged; ``values`` are the fields it sets."""

    file: str  # "officers" or "assignments"
    row: int
    action: str
    title: str
    values: dict
    existing_id: int | None = None
    key: str | None = None  # an officer's "#key", or the "#key" an assignment's officer_id names
    changes: list = field(default_factory=list)


class RowError(ValueError):
    """A cell that cannot be read: the column and why."""

    def __init__(self, column, reason):
        """Keep the column and the reason."""
        super().__init__(reason)
        self.column = column


def _day(cells, column):
    """A date cell (YYYY-MM-DD, a time after it is ignored), or None when blank."""
    value = cells.get(column) or ""
    if not value:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        raise RowError(column, f'"{value}" is not a date written YYYY-MM-DD') from None
    if day > date.today():
        raise RowError(column, f'"{value}" is in the future')
    return day


def _text(cells, column, length):
    """A text cell of at most ``length`` characters, or None."""
    value = cells.get(column) or None
    if value and len(value) > length:
        raise RowError(column, f"is {len(value)} characters long; the most is {length}")
    return value


def officer_name(cells):
    """The name "First M. Last Suffix" from OpenOversight's name columns."""
    middle = cells.get("middle_initial") or ""
    if len(middle) == 1:
        middle += "."
    parts = (cells.get("first_name"), middle, cells.get("last_name"), cells.get("suffix"))
    return " ".join(part for part in parts if part)


def birth_year(cells):
    """The birth year cell as a plausible year, or None."""
    value = cells.get("birth_year") or ""
    if not value:
        return None
    if not value.isdigit() or not 1900 <= int(value) <= datetime.now().year:
        raise RowError("birth_year", f'"{value}" is not a year like 1975')
    return int(value)


def _changes(current, values):
    """The fields of ``values`` that differ from ``current`` (blank cells set nothing)."""
    return [name for name, value in values.items() if current.get(name) != value]


def officer_row(number, cells, on_file, keys, seen):
    """One officers-file row as a ``RosterRow``; raises ``RowError``."""
    agency_name = cells.get("department_name") or ""
    agency_id = on_file.agency_ids.get(agency_name.casefold())
    if agency_id is None:
        raise RowError("department_name", f'no agency is called "{agency_name}"; add it first')
    if not cells.get("last_name"):
        raise RowError("last_name", "is required")
    values = {
        "name": _text({"name": officer_name(cells)}, "name", 200),
        "serial_number": _text(cells, "unique_internal_identifier", 40),
        "agency_id": agency_id,
        "gender": _text(cells, "gender", 40),
        "race": _text(cells, "race", 80),
        "birth_year": birth_year(cells),
        "employed_on": _day(cells, "employment_date"),
        "separated_on": _day(cells, "last_employment_date"),
    }
    values = {name: value for name, value in values.items() if value is not None}
    natural = (
        ("serial", agency_id, values["serial_number"])
        if values.get("serial_number")
        else ("name", agency_id, values["name"].casefold())
    )
    if natural in seen:
        raise RowError("id", f"describes the same officer as row {seen[natural]}")
    seen[natural] = number
    found = (
        on_file.by_serial.get(natural[1:])
        if natural[0] == "serial"
        else on_file.by_name.get(natural[1:])
    )
    raw_id, key = cells.get("id") or "", None
    if raw_id.startswith("#"):
        key = raw_id
        if len(key) < 2 or key in keys:
            raise RowError("id", f'"{key}" names another officer already, or nothing')
    elif raw_id:
        if not raw_id.isdigit() or int(raw_id) not in on_file.officers:
            raise RowError("id", f"no officer on file has the number {raw_id}")
        found = int(raw_id)
    if found is not None:
        current = on_file.officers[found]
        if values.get("separated_on") and not current.get("separation"):
            values["separation"] = "left"  # a last day without a reason: "left"
        changes = _changes(current, values)
        if key:
            keys[key] = (number, found)
        action = "update" if changes else "unchanged"
        return RosterRow("officers", number, action, values["name"], values, found, key, changes)
    if values.get("separated_on"):
        values["separation"] = "left"
    if key:
        keys[key] = (number, None)
    return RosterRow("officers", number, "create", values["name"], values, None, key)


def assignment_row(number, cells, on_file, keys, seen):
    """One assignments-file row as a ``RosterRow``; raises ``RowError``."""
    raw_officer = cells.get("officer_id") or ""
    key, officer_id = None, None
    if raw_officer.startswith("#"):
        if raw_officer not in keys:
            raise RowError(
                "officer_id", f'no officer of the officers file has the id "{raw_officer}"'
            )
        key, officer_id = raw_officer, keys[raw_officer][1]
    elif raw_officer.isdigit() and int(raw_officer) in on_file.officers:
        officer_id = int(raw_officer)
    else:
        raise RowError("officer_id", f'no officer on file has the number "{raw_officer}"')
    unit = _text(cells, "unit_name", 120)
    if cells.get("unit_id"):
        raw = cells["unit_id"]
        unit = on_file.agency_names.get(int(raw)) if raw.isdigit() else None
        if unit is None:
            raise RowError("unit_id", f"no agency or unit on file has the number {raw}")
    values = {
        "badge_number": _text(cells, "badge_number", 40),
        "rank": _text(cells, "job_title", 80),
        "unit": unit,
        "started_on": _day(cells, "start_date"),
        "ended_on": _day(cells, "resign_date"),
    }
    if values["started_on"] and values["ended_on"] and values["ended_on"] < values["started_on"]:
        raise RowError("resign_date", "is before the start date")
    title = ", ".join(v for v in (values["rank"], values["unit"]) if v) or "Assignment"
    natural = (key or officer_id, *(values[name] for name in ("badge_number", "rank", "unit")))
    natural += (values["started_on"],)
    if natural in seen:
        raise RowError("id", f"describes the same assignment as row {seen[natural]}")
    seen[natural] = number
    found = None
    if officer_id is not None:
        found = on_file.assignment_keys.get(
            on_file.assignment_key({"officer_id": officer_id, **values})
        )
    raw_id = cells.get("id") or ""
    if raw_id:
        if not raw_id.isdigit() or int(raw_id) not in on_file.assignments:
            raise RowError("id", f"no assignment on file has the number {raw_id}")
        found = int(raw_id)
    values = {name: value for name, value in values.items() if value is not None}
    if found is None:
        return RosterRow("assignments", number, "create", title, values, None, key)
    values["officer_id"] = officer_id
    changes = _changes(on_file.assignments[found], values)
    action = "update" if changes else "unchanged"
    return RosterRow("assignments", number, action, title, values, found, key, changes)
