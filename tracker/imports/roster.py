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

from sqlalchemy import select

from tracker.extensions import db
from tracker.imports.roster_rows import RosterRow, RowError, assignment_row, officer_row
from tracker.imports.services import Problem
from tracker.models import Agency, Assignment, Officer
from tracker.records.drafts import kept

__all__ = ["RosterRow", "plan_roster"]

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


def plan_roster(officers_text, assignments_text, filenames=("officers.csv", "assignments.csv")):
    """Check both files against what is on file; return the ``RosterPlan`` (nothing is written)."""
    plan = RosterPlan(tuple(filenames))
    on_file = OnFile()
    keys = {}  # "#key" -> (row, officer id on file or None)
    seen = {}  # an officer's natural key -> the row that named it
    for number, cells in _rows(officers_text or "", "officers", plan):
        try:
            planned = officer_row(number, cells, on_file, keys, seen)
        except RowError as error:
            plan.problems.append(Problem(number, f"officers file: {error.column}", str(error)))
            continue
        plan.rows.append(planned)
    held_seen = {}
    for number, cells in _rows(assignments_text or "", "assignments", plan):
        try:
            planned = assignment_row(number, cells, on_file, keys, held_seen)
        except RowError as error:
            plan.problems.append(Problem(number, f"assignments file: {error.column}", str(error)))
            continue
        plan.rows.append(planned)
    if not plan.rows and not plan.problems:
        plan.problems.append(Problem(0, None, "The files have no rows to import."))
    return plan
