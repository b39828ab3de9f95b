"""Writing a checked roster: every row in one transaction, or none.

New officers and assignments are inserted in batches straight into their tables, skipping the
ORM's unit of work (a flush per record would take minutes at 35,000 officers), so this module
does what the session hooks would have done: each new record gets its "import" revision, with
its private fields marked, and the ids come from the records' own sequence. New records are
drafts, which the search index leaves out until they are published. The few rows that update a
record on file go through the editing service like any other change.
"""

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db
from tracker.imports.bulk import insert_rows, new_ids
from tracker.imports.services import ImportFailed
from tracker.models import Assignment, Officer, Record, Revision
from tracker.models.careers import TITLE_FIELDS, assignment_title
from tracker.planner import refresh_after_bulk_change
from tracker.records import editing
from tracker.records.history import describe
from tracker.records.slugs import slugify


class _Rows:
    """The rows of one batch insert, by table, with each record's revision."""

    def __init__(self, user_id, comment):
        """Start empty; every record is stamped now, by ``user_id``."""
        self.now = datetime.now(UTC)
        self.user_id, self.comment = user_id, comment
        self.tables = {Record.__table__: [], Revision.__table__: []}
        self.private = {}  # model -> its private field names (worked out once, not per row)
        self.blank = {}  # model -> {column: None}

    def add(self, model, record_id, title, values):
        """A new draft of ``model`` with its ``values``, and its "import" revision."""
        kind = model.__mapper_args__["polymorphic_identity"]
        self.tables[Record.__table__].append(
            {
                "id": record_id,
                "kind": kind,
                "title": title,
                "slug": f"{slugify(title)[:80]}-{record_id}",
                "status": "draft",
                "version": 1,
                "created_at": self.now,
                "updated_at": self.now,
                "created_by_id": self.user_id,
                "updated_by_id": self.user_id,
            }
        )
        if model not in self.private:
            self.private[model] = frozenset(model.private_fields)
            # Every row of an executemany names the same columns: those not set are NULL.
            self.blank[model] = dict.fromkeys(column.name for column in model.__table__.columns)
        row = {**self.blank[model], "id": record_id, **values}
        self.tables.setdefault(model.__table__, []).append(row)
        changes = {"title": [None, title], "status": [None, "draft"]}
        changes.update({name: [None, describe(value)] for name, value in values.items()})
        self.tables[Revision.__table__].append(
            {
                "record_id": record_id,
                "user_id": self.user_id,
                "created_at": self.now,
                "action": "import",
                "version": 1,
                "changes": changes,
                "private_changes": [name for name in changes if name in self.private[model]],
                "comment": self.comment,
            }
        )

    def write(self, connection):
        """Insert what was added, parents first, in batches."""
        tables = (Record.__table__, Officer.__table__, Assignment.__table__, Revision.__table__)
        insert_rows(connection, tables, self.tables)


def _officer_values(values, latest):
    """A new officer's columns: the row's, and rank, unit and badge of its latest assignment."""
    columns = dict.fromkeys(("rank", "unit", "badge_number"))
    if latest is not None:
        columns.update({name: latest.get(name) for name in ("rank", "unit", "badge_number")})
    return {"identity_status": "named", **columns, **values}


def _latest(rows):
    """The values of the assignment row that started last (undated ones count as earliest)."""
    if not rows:
        return None
    return max(rows, key=lambda row: row.values.get("started_on") or date.min).values


def apply_roster(plan, user_id=None):
    """Write ``plan`` in one transaction; returns how many records changed. Raises ImportFailed."""
    if plan.problems:
        raise ImportFailed("The files have problems; nothing was imported.")
    comment = "Imported from " + " and ".join(plan.filenames)
    officers = [row for row in plan.rows if row.file == "officers"]
    held = [row for row in plan.rows if row.file == "assignments"]
    try:
        new_officers = [row for row in officers if row.action == "create"]
        new_held = [row for row in held if row.action == "create"]
        ids = new_ids(len(new_officers) + len(new_held))
        key_ids = {}
        by_key = {}
        for row in new_held:
            by_key.setdefault(row.key, []).append(row)
        rows = _Rows(user_id, comment)
        for row, record_id in zip(new_officers, ids, strict=False):
            if row.key:
                key_ids[row.key] = record_id
            latest = _latest(by_key.get(row.key, [])) if row.key else None
            rows.add(Officer, record_id, row.title, _officer_values(row.values, latest))
        for row in officers:
            if row.key and row.existing_id:
                key_ids[row.key] = row.existing_id
        officer_agency = _agencies(officers, key_ids)
        for row, record_id in zip(new_held, ids[len(new_officers) :], strict=True):
            officer_id = key_ids[row.key] if row.key else row.values["officer_id"]
            values = {"officer_id": officer_id, **row.values}
            values["agency_id"] = officer_agency.get(officer_id)
            title = assignment_title(*(values.get(name) for name in TITLE_FIELDS))
            rows.add(Assignment, record_id, title, values)
        rows.write(db.session.connection())
        _update(officers + held, comment)
        db.session.flush()
        db.session.commit()
        refresh_after_bulk_change(db.session)
    except (editing.Invalid, SQLAlchemyError) as error:
        db.session.rollback()
        raise ImportFailed(
            f"The database refused the import, so nothing was imported ({type(error).__name__})."
        ) from error
    return sum(1 for row in plan.rows if row.action != "unchanged")


def _agencies(officer_rows, key_ids):
    """``{officer id: agency id}``: the agencies on file, and those the officers file sets."""
    found = dict(db.session.execute(select(Officer.id, Officer.agency_id)).all())
    found.update({key_ids[row.key]: row.values["agency_id"] for row in officer_rows if row.key})
    found.update(
        {row.existing_id: row.values["agency_id"] for row in officer_rows if row.existing_id}
    )
    return found


def _update(rows, comment):
    """Rows that change a record on file: through the editing service (revision by the hook)."""
    changed = [row for row in rows if row.action == "update"]
    for model, file in ((Officer, "officers"), (Assignment, "assignments")):
        ids = [row.existing_id for row in changed if row.file == file]
        records = {r.id: r for r in db.session.scalars(select(model).where(model.id.in_(ids)))}
        for row in changed:
            if row.file == file:
                values = {name: row.values[name] for name in row.changes}
                editing.save(records[row.existing_id], values, action="import", comment=comment)
