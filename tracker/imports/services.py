"""CSV import: read, check every row (the dry run), then apply all rows in one transaction.

``plan_import`` never writes: it lists what would be created or updated and every bad row
with its row number, column and reason. ``apply_import`` re-checks and writes everything or
nothing; imported records start as drafts with a revision naming the file.
"""

import csv
import io
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db
from tracker.imports.columns import CellError
from tracker.imports.kinds import importable_kinds
from tracker.imports.lookups import active as active_lookups
from tracker.kinds import kind_named
from tracker.planner import refresh_after_bulk_change
from tracker.records import checks, drafts, editing, external_ids


@dataclass
class Problem:
    """Something wrong with the file: the row (1 is the header), the column and why."""

    row: int
    column: str | None
    reason: str


@dataclass
class PlannedRow:
    """What one good row would do."""

    row: int
    action: str  # create, update or unchanged
    title: str
    values: dict
    existing: object = None
    changes: list = field(default_factory=list)


@dataclass
class ImportPlan:
    """The dry run of one file."""

    kind: str
    filename: str
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        """True when every row is good and there is something to do."""
        return not self.problems and any(row.action != "unchanged" for row in self.rows)

    def count(self, action):
        """How many rows would ``action`` (create, update, unchanged)."""
        return sum(1 for row in self.rows if row.action == action)


class ImportFailed(Exception):
    """The database refused the import; nothing was written."""


def decode(data):
    """The text of an uploaded file, or a ``Problem`` saying why it cannot be read."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if len(data) > limit:
        return None, Problem(0, None, f"The file is larger than {limit // 1024 // 1024} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, Problem(0, None, "The file is not UTF-8 text; save it as CSV (UTF-8).")
    if "\x00" in text:
        return None, Problem(0, None, "The file contains NUL characters; it is not a CSV file.")
    return text, None


def template_csv(kind):
    """A CSV with the header row of ``kind``, to fill in."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(importable_kinds()[kind].headers)
    return buffer.getvalue()


def plan_import(kind_name, text, filename="upload.csv", update_existing=False):
    """Check every row of ``text`` and return the ``ImportPlan`` (nothing is written)."""
    kind = importable_kinds()[kind_name]
    plan = ImportPlan(kind_name, filename)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        headers = [name.strip() for name in (reader.fieldnames or [])]
        reader.fieldnames = headers
        if not _check_headers(kind, headers, plan):
            return plan
        _plan_rows(kind, reader, plan, {}, update_existing)
    except csv.Error as error:
        # A malformed file (e.g. a cell over the csv module's size limit) stops the reading.
        plan.problems.append(Problem(reader.line_num, None, f"The file cannot be read: {error}."))
    if not plan.rows and not plan.problems:
        plan.problems.append(Problem(0, None, "The file has no rows to import."))
    return plan


def _plan_rows(kind, reader, plan, seen, update_existing):
    """Check each row from ``reader`` into ``plan``."""
    with db.session.no_autoflush:
        for number, raw in enumerate(reader, start=2):
            if number - 1 > current_app.config["IMPORT_MAX_ROWS"]:
                limit = current_app.config["IMPORT_MAX_ROWS"]
                plan.problems.append(Problem(number, None, f"Only {limit} rows per file."))
                break
            if None in raw:
                plan.problems.append(Problem(number, None, "The row has more cells than headers."))
                continue
            if not any((value or "").strip() for value in raw.values()):
                continue  # a blank line
            planned = _plan_row(kind, number, raw, plan, seen, update_existing)
            if planned is not None:
                plan.rows.append(planned)


def _check_headers(kind, headers, plan):
    """Record unknown, repeated and missing required columns; True when the header is usable."""
    if not headers:
        plan.problems.append(Problem(1, None, "The file is empty or has no header row."))
        return False
    known = set(kind.headers)
    for name in headers:
        if name not in known:
            plan.problems.append(
                Problem(1, name, f"unknown column; the columns are: {', '.join(kind.headers)}")
            )
        elif headers.count(name) > 1:
            plan.problems.append(Problem(1, name, "the column appears more than once"))
    for column in kind.columns:
        if column.required and column.name not in headers:
            plan.problems.append(Problem(1, column.name, "required column is missing"))
    return not plan.problems


def _plan_row(kind, number, raw, plan, seen, update_existing):
    """Parse one row; add its problems to ``plan``; return the ``PlannedRow`` when it is good."""
    values, problems = {}, []
    for column in kind.columns:
        cell = (raw.get(column.name) or "").strip()
        if not cell:
            if column.required:
                problems.append(Problem(number, column.name, "is required"))
            continue
        try:
            parsed = column.parse(cell)
        except CellError as error:
            problems.append(Problem(number, column.name, str(error)))
            continue
        if column.target == "external_ids":
            values.setdefault("external_ids", []).append(parsed)
        else:
            values[column.target] = parsed
    if not problems:
        for check in kind.checks:
            found = check(values)
            if found:
                problems.append(Problem(number, found[0], found[1]))
    if problems:
        plan.problems.extend(problems)
        return None
    natural_key, statement = kind.key(values)
    by_id = values.get("external_ids")
    key = ("external_id", by_id[0]) if by_id else natural_key
    if key in seen:
        plan.problems.append(Problem(number, None, f"describes the same record as row {seen[key]}"))
        return None
    seen[key] = number
    # The row's external id names a record first; then its natural key. A discarded draft is no
    # record on file: the row makes a new one (never revives it).
    existing = _by_external_id(kind, values)
    lookups = active_lookups()
    if existing is not None:
        pass
    elif lookups is not None:  # a mapped import: the keys on file were loaded once
        existing = lookups.existing(kind, natural_key)
    else:
        existing = db.session.scalars(statement().where(drafts.kept(kind.model)).limit(1)).first()
    problems = _record_check_problems(kind, number, values, existing)
    if problems:
        plan.problems.extend(problems)
        return None
    title = values.get("title") or values.get("name") or ""
    if existing is None:
        return PlannedRow(number, "create", title, values)
    if not update_existing:
        plan.problems.append(
            Problem(
                number,
                None,
                f"is already on file as record #{existing.id} ({existing.title}); "
                'tick "update existing records" to update it',
            )
        )
        return None
    changes = [name for name, value in values.items() if not _same(getattr(existing, name), value)]
    action = "update" if changes else "unchanged"
    return PlannedRow(number, action, existing.title, values, existing, changes)


def _by_external_id(kind, values):
    """The record of ``kind`` that carries one of the row's external ids (kept ones), or None."""
    for scheme, value in values.get("external_ids") or ():
        record = external_ids.find(db.session, scheme, value)
        if isinstance(record, kind.model) and record.status != "discarded":
            return record
    return None


def _record_check_problems(kind, number, values, existing):
    """The record checks the editing service will run, as this row's problems (by column)."""
    column_of = {column.target: column.name for column in kind.columns}
    if existing is None:
        lookups = active_lookups()
        # The checks only read the record: a mapped import reuses one blank record per kind.
        existing = lookups.blank(kind.model) if lookups is not None else kind.model()
    found = checks.errors_for(kind_named(kind.name), existing, values)
    return [
        Problem(number, column_of.get(error.field, error.field), error.message) for error in found
    ]


def _same(current, new):
    """True when a field already holds ``new`` (officer lists compare as sets of ids)."""
    if new and isinstance(new, list) and isinstance(new[0], tuple):  # (scheme, id) pairs
        return set(new) <= {(item.scheme, item.value) for item in current}
    if isinstance(new, list):
        ids = {getattr(item, "officer_id", None) or getattr(item, "id", None) for item in current}
        return {item.id for item in new} <= ids
    return current == new


def apply_import(plan):
    """Write every planned row in one transaction; return the records. Raises ``ImportFailed``."""
    if plan.problems:
        raise ImportFailed("The file has problems; nothing was imported.")
    kind = importable_kinds()[plan.kind]
    records = []
    try:
        with db.session.no_autoflush:
            for planned in plan.rows:
                if planned.action == "unchanged":
                    continue
                # Officers named in a row are added to the record, never removed.
                record = editing.save(
                    planned.existing or kind.model(),
                    planned.values,
                    action="import",
                    comment=f"Imported from {plan.filename}",
                    add_only=True,
                )
                records.append(record)
        db.session.flush()
        db.session.commit()
        refresh_after_bulk_change(db.session)  # the planner sees the imported rows
    except editing.Invalid as invalid:
        db.session.rollback()
        raise ImportFailed(f"A row broke a check, so nothing was imported: {invalid}.") from invalid
    except SQLAlchemyError as error:
        db.session.rollback()
        raise ImportFailed(
            "The database refused the import, so nothing was imported "
            f"({type(error).__name__}). Check for duplicates and run the dry run again."
        ) from error
    return records
