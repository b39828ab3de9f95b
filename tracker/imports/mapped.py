"""The mapped import: a spreadsheet streamed through a ``Mapping`` into the template's dry run.

With ``write`` it is written in batches inside one transaction (all rows or none).

Memory stays flat: rows are read one by one from the stored file, planned and (when writing)
saved a batch at a time, flushed, and let go; references come from maps loaded once per kind
(``lookups``). Only counts, the first rows' outcomes and the problems are kept.
"""

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db
from tracker.imports.kinds import importable_kinds
from tracker.imports.lookups import preloaded
from tracker.imports.mapped_bulk import NewRecords, bulk_ready
from tracker.imports.services import ImportFailed, ImportPlan, Problem, _plan_row
from tracker.imports.sheets import SheetError, rows
from tracker.imports.translate import Translator
from tracker.models import Record
from tracker.planner import refresh_after_bulk_change
from tracker.records import editing

BATCH_ROWS = 1000
KEEP_ROWS = 1000  # row outcomes listed on the page (the CLI prints every row as it goes)
KEEP_PROBLEMS = 1000
BULK = True  # new records inserted in batches (``mapped_bulk``); False: one ORM save each


@dataclass
class MappedRun:
    """What a mapped import did or would do."""

    kind: str
    filename: str
    counts: Counter = field(default_factory=Counter)  # create, update, unchanged
    rows: list = field(default_factory=list)  # the first KEEP_ROWS (row, action, title)
    problems: list = field(default_factory=list)  # the first KEEP_PROBLEMS
    refused: int = 0  # rows with a problem
    ignored: list = field(default_factory=list)  # headers mapped to nothing
    written: bool = False
    new_records: object = None  # the ``NewRecords`` writer of a run that writes

    @property
    def ok(self):
        """True when no row was refused and something would change."""
        return (
            not self.refused
            and not self.problems
            and bool(self.counts["create"] + self.counts["update"])
        )

    @property
    def done(self):
        """Rows read so far."""
        return sum(self.counts.values()) + self.refused


def count_rows(path):
    """The rows of the file after its header (a quick pass, for the progress bar)."""
    return max(0, sum(1 for _ in rows(path)) - 1)


def run_mapped(
    mapping,
    path,
    filename,
    update_existing=False,
    write=False,
    progress=None,
    each_row=None,
    before_commit=None,
):
    """Dry-run (or, with ``write``, import) the file at ``path`` through ``mapping``.

    ``progress(run)`` is called after each batch; ``each_row(number, action, title)`` after
    each good row; ``before_commit(run)`` just before the commit (a job's "done"). Writing
    happens in batches of one transaction, committed only when no row was refused
    (``run.written``); otherwise rolled back. ``ImportFailed``: the database refused.
    """
    run = MappedRun(mapping.kind, filename)
    kind = importable_kinds()[mapping.kind]
    pending = []
    if write:
        _hand_over_slugs(kind)
    try:
        with preloaded(), db.session.no_autoflush:
            _read(run, kind, mapping, path, update_existing, write, pending, progress, each_row)
            if write:
                _write(run, pending, filename)
        if write:
            _finish(run, before_commit)
    except SheetError as error:
        db.session.rollback()
        run.problems.append(Problem(0, None, str(error)))
    except SQLAlchemyError as error:
        db.session.rollback()
        raise ImportFailed(
            "The database refused the import, so nothing was imported "
            f"({type(error).__name__}). Check for duplicates and run the dry run again."
        ) from error
    except editing.Invalid as invalid:
        db.session.rollback()
        raise ImportFailed(f"A row broke a check, so nothing was imported: {invalid}.") from None
    finally:
        db.session.info.pop("slugs_on_file", None)
    return run


def _hand_over_slugs(kind):
    """Load the kind's slugs on file once, so each new record's slug needs no query."""
    slugs = db.session.scalars(select(Record.slug).where(Record.kind == kind.name))
    db.session.info["slugs_on_file"] = {kind.name: set(slugs)}


def _read(run, kind, mapping, path, update_existing, write, pending, progress, each_row):
    """Plan each row of the file; with ``write``, save each full batch."""
    stream = rows(path)
    header = next(stream, None)
    if not header:
        run.problems.append(Problem(1, None, "The file is empty or has no header row."))
        return
    translator = Translator(mapping, header)
    run.ignored = translator.ignored
    if translator.problems:
        run.problems.extend(translator.problems)
        return
    plan, seen = ImportPlan(kind.name, run.filename), {}
    for number, cells in enumerate(stream, start=2):
        if not any(str(cell).strip() for cell in cells):
            continue
        planned = _take_row(run, kind, translator, plan, seen, number, cells, update_existing)
        if planned is not None and each_row is not None:
            each_row(number, planned.action, planned.title)
        if write and planned is not None and not run.refused and planned.action != "unchanged":
            pending.append(planned)
        if write and len(pending) >= BATCH_ROWS:
            _write(run, pending, run.filename)
        if progress is not None and run.done % BATCH_ROWS == 0:
            progress(run)
    if progress is not None:
        progress(run)


def _take_row(run, kind, translator, plan, seen, number, cells, update_existing):
    """Plan one row into ``run``: its ``PlannedRow``, or None with its problems noted."""
    raw, problems = translator.row(number, cells)
    # The other cells are checked too, so one pass lists every problem of the row.
    planned = _plan_row(kind, number, raw, plan, seen, update_existing)
    failed = {problem.column for problem in problems}
    problems += [
        Problem(p.row, translator.where(p.column), p.reason)
        for p in plan.problems
        if translator.where(p.column) not in failed
    ]
    plan.problems.clear()
    if problems:
        run.refused += 1
        run.problems.extend(problems[: max(0, KEEP_PROBLEMS - len(run.problems))])
        return None
    run.counts[planned.action] += 1
    if len(run.rows) < KEEP_ROWS:
        run.rows.append((number, planned.action, planned.title))
    return planned


def _write(run, pending, filename):
    """Save the planned rows of one batch, flush them and let them go (not committed)."""
    if run.refused:
        pending.clear()
        return
    kind = importable_kinds()[run.kind]
    if run.new_records is None:
        run.new_records = NewRecords(kind, filename)
    for planned in pending:
        if (
            BULK
            and planned.action == "create"
            and bulk_ready(kind, planned, run.new_records.writers)
        ):
            run.new_records.add(planned)
            continue
        editing.save(
            planned.existing or kind.model(),
            planned.values,
            action="import",
            comment=f"Imported from {filename}",
            add_only=True,
        )
    # Flushed in the transaction: once ``pending`` lets go of them, nothing holds the records
    # (the session's identity map is weak), so memory does not grow with the file.
    db.session.flush()
    run.new_records.write(db.session.connection())
    pending.clear()


def _finish(run, before_commit=None):
    """Commit when every row was good, else roll everything back (``run.written`` stays False)."""
    if run.refused or run.problems:
        db.session.rollback()
        return
    if run.new_records is not None:
        run.new_records.reindex_related(db.session.connection())
    if before_commit is not None:
        before_commit(run)
    db.session.commit()
    run.written = True
    refresh_after_bulk_change(db.session)
