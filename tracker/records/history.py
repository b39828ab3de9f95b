"""The revision log, kept by one session hook so no code path can change a record unrecorded.

Before each flush, every new or changed record gets its derived title and slug, its audit
columns, and a ``Revision`` with the field-level change. Changes to a record's parts (people in
a case, citations, demand links, timeline events) are written to the parent record's revision.

The editing service names a revision's action and comment explicitly with ``note_revision``
on the record it changes; the hook uses and clears that note when it writes the revision.
"""

from datetime import date, datetime, time
from decimal import Decimal

from flask import g, has_app_context, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import configure_mappers

from tracker.models.base import utcnow
from tracker.models.records import Record, Revision
from tracker.records.access import is_private
from tracker.records.slugs import unique_slug

# The instance attribute carrying an explicit (action, comment) to the next revision.
NOTE = "_revision_note"


def note_revision(record, action=None, comment=None):
    """Make the next revision of ``record`` say ``action`` (e.g. "import") and ``comment``."""
    setattr(record, NOTE, (action, comment[:500] if comment else None))


def _take_note(record):
    """The (action, comment) noted on ``record``, cleared so it names one revision only."""
    return record.__dict__.pop(NOTE, None) or (None, None)


def current_actor_id():
    """The signed-in user's id, or the actor a CLI command set on ``g``, or None."""
    if has_request_context():
        from flask_login import current_user

        if current_user and current_user.is_authenticated:
            return current_user.id
    if has_app_context():
        return g.get("actor_id")
    return None


def register_revision_listener(session):
    """Attach the before-flush hook to ``session`` once, and keep old values for revisions."""
    if not event.contains(session, "before_flush", record_revisions):
        event.listen(session, "before_flush", record_revisions)
    configure_mappers()
    for mapper in Record.__mapper__.self_and_descendants:
        for prop in mapper.column_attrs:
            attribute = getattr(mapper.class_, prop.key)
            if not event.contains(attribute, "set", _keep_old_value):
                # active_history loads an expired old value before it is overwritten, so the
                # revision can say "from what" even when the record was loaded in another step.
                event.listen(attribute, "set", _keep_old_value, active_history=True)


def _keep_old_value(target, value, oldvalue, initiator):
    """A no-op 'set' listener; registering it with active_history is what matters."""
    return value


def describe(value):
    """Render a column value for the revision log (JSON-safe, readable)."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Record):
        return value.title
    return value


def _column_changes(record, is_new):
    """Return ``{field: [old, new]}`` for the record's tracked columns."""
    state = inspect(record)
    changes = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in Record.untracked_fields or key in ("id", "kind"):
            continue
        history = state.attrs[key].history
        if is_new:
            value = getattr(record, key)
            if value is not None and value != "":
                changes[key] = [None, describe(value)]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[key] = [describe(old), describe(new)]
    return changes


def _collection_changes(record):
    """Return ``{name: {"added": [...], "removed": [...]}}`` for many-to-many collections."""
    state = inspect(record)
    changes = {}
    for rel in state.mapper.relationships:
        if rel.secondary is None or rel.viewonly:
            continue
        history = state.attrs[rel.key].history
        added = [_label(item) for item in history.added]
        removed = [_label(item) for item in history.deleted]
        if added or removed:
            changes[rel.key] = {"added": added, "removed": removed}
    return changes


def _label(item):
    """A short readable label for a related row."""
    if hasattr(item, "revision_label"):
        return item.revision_label()
    return getattr(item, "title", None) or getattr(item, "name", None) or str(item)


def _part_changes(session):
    """Group changes to records' parts (rows with ``revision_parent``) by parent record."""
    by_parent = {}
    groups = (("added", session.new), ("removed", session.deleted), ("changed", session.dirty))
    for verb, objects in groups:
        for obj in objects:
            if not hasattr(obj, "revision_parent"):
                continue
            if verb == "changed" and not session.is_modified(obj, include_collections=False):
                continue
            parent = obj.revision_parent()
            if parent is None:
                continue
            entry = by_parent.setdefault(parent, {}).setdefault(
                obj.__tablename__, {"added": [], "removed": []}
            )
            if verb == "changed":
                entry.setdefault("changed", []).append(obj.revision_label())
            else:
                entry[verb].append(obj.revision_label())
    return by_parent


def record_revisions(session, flush_context, instances):
    """Stamp audit columns, titles and slugs, and write a revision per changed record."""
    actor_id = current_actor_id()
    now = utcnow()
    parts = _part_changes(session)
    taken = set()

    new = session.new  # a fresh set on every access: read it once, not once per record
    records = [obj for obj in new if isinstance(obj, Record)]
    records += [obj for obj in session.dirty if isinstance(obj, Record)]
    records += [obj for obj in parts if obj not in records and obj not in session.deleted]
    for record in records:
        is_new = record in new
        title = record.compute_title()
        if title:
            record.title = title
        if is_new or inspect(record).attrs.title.history.has_changes() or not record.slug:
            record.slug = unique_slug(session, record, taken)
        changes = _column_changes(record, is_new)
        changes.update(_collection_changes(record))
        changes.update(parts.get(record, {}))
        action_override, comment = _take_note(record)
        if not changes:
            continue
        if is_new:
            record.created_by_id = record.created_by_id or actor_id
            record.created_at = record.created_at or now
        record.updated_by_id = actor_id
        record.updated_at = now
        action = action_override or _action_for(is_new, changes)
        session.add(
            Revision(
                record=record,
                user_id=actor_id,
                created_at=now,
                action=action,
                version=1 if is_new else record.version + 1,
                changes=changes,
                private_changes=[name for name in changes if is_private(record, name)],
                comment=comment,
            )
        )


def _action_for(is_new, changes):
    """Name the kind of change: created, a lifecycle status change, or an edit."""
    if is_new:
        return "create"
    if set(changes) <= {"status", "review_comment", "submitted_at", "published_at"}:
        return "status"
    return "edit"
