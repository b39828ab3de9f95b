"""Officer rosters in OpenOversight's CSV format: an officers file and an assignments file.

The dry run (``plan_roster``) reads both files and checks every row against maps of what is on
file, loaded once (agencies by name, officers by id, agency and serial number or name,
assignments by id and by what they say): no query per row, so a roster of tens of thousands of
officers is checked in seconds. OpenOversight's rules: a blank ``id`` is a new row, a number
updates that record, and ``#key`` names a new officer that the assignments file refers to by
the same ``#key`` in ``officer_id``. A new row that matches a record on file (the same agency
and internal identifier, else name; the same officer, badge, rank, unit and start) is that
record, so importing the same files again changes nothing. ``roster_write`` writes the plan.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.imports.services import Problem
from tracker.models import Agency, Assignment, Officer, Record
from tracker.records.drafts import kept

OFFICER_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "middle_initial",
    "suffix",
    "gender",
    "race",
    "birth_year",
    "employment_date",
    "last_employment_date",
    "unique_internal_identifier",
    "department_name",
)
ASSIGNMENT_COLUMNS = (
    "id",
    "officer_id",
    "badge_number",
    "job_title",
    "start_date",
    "resign_date",
    "unit_id",
    "unit_name",
)
REQUIRED = {"officers": ("id", "last_name", "department_name"), "assignments": ("officer_id",)}
# The officer fields a roster sets (model attribute names), compared to tell unchanged rows.
OFFICER_FIELDS = (
    "name",
    "serial_number",
    "agency_id",
    "gender",
    "race",
    "birth_year",
    "employed_on",
    "separated_on",
    "separation",
)
ASSIGNMENT_FIELDS = ("badge_number", "rank", "unit", "started_on", "ended_on")


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


@dataclass
class RosterPlan:
    """The dry run of one roster: every row's action and every problem (file, row, column)."""

    filenames: tuple
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        """True when every row is good and something would change."""
        return not self.problems and any(row.action != "unchanged" for row in self.rows)

    def count(self, action, file=None):
        """How many rows (of ``file``) would ``action``."""
        return sum(1 for r in self.rows if r.action == action and file in (None, r.file))


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


def _rows(text, file, plan):
    """``[(row number, {column: stripped cell})]`` of a CSV file; header problems go to ``plan``."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = headers
    known = OFFICER_COLUMNS if file == "officers" else ASSIGNMENT_COLUMNS
    where = f"{file} file"
    bad = [name for name in headers if name not in known or headers.count(name) > 1]
    for name in bad:
        plan.problems.append(Problem(1, f"{where}: {name}", "unknown or repeated column"))
    for name in REQUIRED[file]:
        if name not in headers:
            plan.problems.append(Problem(1, f"{where}: {name}", "required column is missing"))
    if bad or not headers or any(name not in headers for name in REQUIRED[file]):
        return []
    rows = []
    try:
        for number, raw in enumerate(reader, start=2):
            if None in raw:
                plan.problems.append(Problem(number, where, "the row has more cells than headers"))
                continue
            cells = {name: (value or "").strip() for name, value in raw.items()}
            if any(cells.values()):
                rows.append((number, cells))
    except csv.Error as error:
        plan.problems.append(Problem(reader.line_num, where, f"cannot be read: {error}"))
    return rows


class OnFile:
    """What is on file, loaded once: agencies, officers and their assignments."""

    def __init__(self):
        """Load the maps (a few queries, whatever the size of the roster)."""
        agencies = db.session.execute(select(Agency.id, Agency.name).where(kept(Agency))).all()
        self.agency_ids = {name.casefold(): agency_id for agency_id, name in agencies}
        self.agency_names = dict(agencies)
        columns = [getattr(Officer, name) for name in OFFICER_FIELDS]
        officers = db.session.execute(select(Officer.id, *columns).where(kept(Officer))).all()
        self.officers = {
            row[0]: dict(zip(OFFICER_FIELDS, row[1:], strict=True)) for row in officers
        }
        self.by_serial, self.by_name = {}, {}
        for officer_id, values in self.officers.items():
            if values["serial_number"]:
                self.by_serial[(values["agency_id"], values["serial_number"])] = officer_id
            if values["name"]:
                self.by_name.setdefault(
                    (values["agency_id"], values["name"].casefold()), officer_id
                )
        columns = [getattr(Assignment, name) for name in ASSIGNMENT_FIELDS]
        held = db.session.execute(
            select(Assignment.id, Assignment.officer_id, *columns).where(kept(Assignment))
        ).all()
        self.assignments = {
            row[0]: {"officer_id": row[1], **dict(zip(ASSIGNMENT_FIELDS, row[2:], strict=True))}
            for row in held
        }
        self.assignment_keys = {self.assignment_key(v): i for i, v in self.assignments.items()}

    @staticmethod
    def assignment_key(values):
        """What tells one assignment of an officer from another."""
        return tuple(
            values.get(name) for name in ("officer_id", "badge_number", "rank", "unit")
        ) + (values.get("started_on"),)

    @staticmethod
    def max_record_id():
        """The highest record id (new ids are handed out after it on SQLite)."""
        return db.session.scalar(select(func.max(Record.id))) or 0


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


def plan_roster(officers_text, assignments_text, filenames=("officers.csv", "assignments.csv")):
    """Check both files against what is on file; return the ``RosterPlan`` (nothing is written)."""
    plan = RosterPlan(tuple(filenames))
    on_file = OnFile()
    keys = {}  # "#key" -> (row, officer id on file or None)
    seen = {}  # an officer's natural key -> the row that named it
    for number, cells in _rows(officers_text or "", "officers", plan):
        try:
            planned = _officer_row(number, cells, on_file, keys, seen)
        except RowError as error:
            plan.problems.append(Problem(number, f"officers file: {error.column}", str(error)))
            continue
        plan.rows.append(planned)
    held_seen = {}
    for number, cells in _rows(assignments_text or "", "assignments", plan):
        try:
            planned = _assignment_row(number, cells, on_file, keys, held_seen)
        except RowError as error:
            plan.problems.append(Problem(number, f"assignments file: {error.column}", str(error)))
            continue
        plan.rows.append(planned)
    if not plan.rows and not plan.problems:
        plan.problems.append(Problem(0, None, "The files have no rows to import."))
    return plan


def _changes(current, values):
    """The fields of ``values`` that differ from ``current`` (blank cells set nothing)."""
    return [name for name, value in values.items() if current.get(name) != value]


def _officer_row(number, cells, on_file, keys, seen):
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


def _assignment_row(number, cells, on_file, keys, seen):
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
