"""Workspace logic: who may do what to a record, finding records and conflicts.

Changes go through the editing service (``tracker.records.editing``); who may read which
field is decided in ``tracker.records.access``.
"""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from tracker.extensions import db
from tracker.kinds import kind_labels, record_model
from tracker.models import Revision
from tracker.records import access
from tracker.request_guards import database_id


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
    return access.is_author(record, user or current_user)


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
    """Editors see every history; volunteers the history of records they created.

    The same people read the record's private fields.
    """
    return access.can_read_private(user or current_user, record)


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
