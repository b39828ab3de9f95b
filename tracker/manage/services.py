"""Workspace logic: who may do what to a record, finding records, conflicts and restores."""

from datetime import date, datetime
from decimal import Decimal

from flask import abort
from flask_login import current_user
from sqlalchemy import Date, DateTime, Numeric, inspect, select

from tracker.extensions import db
from tracker.kinds import kind_labels, record_model
from tracker.models import Record, Revision
from tracker.request_guards import database_id

# Lifecycle columns that a restore leaves alone: restoring content never publishes anything.
LIFECYCLE_FIELDS = ("status", "review_comment", "submitted_at", "published_at")


def kind_from_slug(kind_slug):
    """``duty-event`` -> ``duty_event``; 404 for an unknown kind."""
    kind = kind_slug.replace("-", "_")
    if kind not in kind_labels():
        abort(404)
    return kind


def kind_slug(kind):
    """``duty_event`` -> ``duty-event``, for URLs."""
    return kind.replace("_", "-")


def get_record(kind, record_id):
    """The record of ``kind`` with ``record_id``, or 404."""
    record = db.session.get(record_model(kind), record_id)
    if record is None:
        abort(404)
    return record


def is_author(record, user=None):
    """True when ``user`` (the signed-in user by default) created ``record``."""
    user = user or current_user
    return record.created_by_id is not None and record.created_by_id == user.id


def can_edit(record, user=None):
    """Editors edit any record; volunteers only their own drafts."""
    user = user or current_user
    if user.has_role("editor"):
        return True
    return is_author(record, user) and record.status == "draft"


def can_submit(record, user=None):
    """The author (or an editor) hands a draft to review."""
    user = user or current_user
    return record.status == "draft" and (is_author(record, user) or user.has_role("editor"))


def can_see_history(record, user=None):
    """Editors see every history; volunteers the history of records they created."""
    user = user or current_user
    return user.has_role("editor") or is_author(record, user)


def require(allowed):
    """Refuse with 403 unless ``allowed``."""
    if not allowed:
        abort(403)


def revisions_since(record, version):
    """The revisions of ``record`` written after ``version``: what others changed meanwhile."""
    return db.session.scalars(
        select(Revision)
        .where(Revision.record_id == record.id, Revision.version > version)
        .order_by(Revision.id)
    ).all()


def parse_version(value):
    """The form's version as an int, or None when missing, garbled or out of range."""
    return database_id(value)


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
    if isinstance(column.type, Numeric):
        return Decimal(value)
    return value


def restore(record, revision):
    """Set the record's content fields back to how they were after ``revision``.

    Only columns are restored (parts such as people in a case and citations are not), and
    lifecycle fields are left alone. The flush writes this as a new "restore" revision.
    """
    state = state_at(record, revision)
    mapper = inspect(record).mapper
    changed = False
    for attr in mapper.column_attrs:
        key = attr.key
        if key in Record.untracked_fields or key in ("id", "kind", "slug") + LIFECYCLE_FIELDS:
            continue
        old = _parse(attr.columns[0], state.get(key))
        if getattr(record, key) != old:
            setattr(record, key, old)
            changed = True
    db.session.info["revision_action"] = "restore"
    db.session.info["revision_comment"] = f"Restored the version of revision #{revision.id}"
    return changed
