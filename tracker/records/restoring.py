"""Restoring a record's fields as they stood after an earlier revision."""

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Date, DateTime, Numeric, Time, inspect, select

from tracker.extensions import db
from tracker.models import Record, Revision
from tracker.records.history import note_revision

# Lifecycle columns that a restore leaves alone: restoring content never publishes anything.
LIFECYCLE_FIELDS = ("status", "review_comment", "submitted_at", "published_at")


def state_at(record, revision):
    """The record's tracked column values as they stood right after ``revision``."""
    state = {}
    for earlier in db.session.scalars(
        select(Revision)
        .where(Revision.record_id == record.id, Revision.id <= revision.id)
        .order_by(Revision.id)
    ):
        for name, change in earlier.changes.items():
            if isinstance(change, list) and len(change) == 2:
                state[name] = change[1]
    return state


def _parse(column, value):
    """Turn a value from the revision log back into the column's Python type."""
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    if isinstance(column.type, Time):
        return time.fromisoformat(value)
    if isinstance(column.type, Numeric):
        return Decimal(value)
    return value


def restore(record, revision):
    """Set the record's content fields back to how they were after ``revision``.

    Only columns are restored (parts such as people in a case and citations are not), and
    lifecycle fields are left alone. The flush writes this as a new "restore" revision.
    Returns False (and changes nothing) when the record already matches.
    """
    state = state_at(record, revision)
    changed = False
    for attr in inspect(record).mapper.column_attrs:
        key = attr.key
        if key in Record.untracked_fields or key in ("id", "kind", "slug") + LIFECYCLE_FIELDS:
            continue
        old = _parse(attr.columns[0], state.get(key))
        if getattr(record, key) != old:
            setattr(record, key, old)
            changed = True
    if changed:
        note_revision(record, "restore", f"Restored the version of revision #{revision.id}")
    return changed
