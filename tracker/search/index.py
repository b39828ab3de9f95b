"""Keeping the search index current: one ``search_documents`` row per published record.

An ``after_flush`` session hook (like the revision hook in ``tracker/records/history.py``)
rewrites the row of every record that was added or changed, and removes it when the record is no
longer published. Only public fields go in: each kind lists its searchable fields, and any field
the record declares private is skipped even if listed.
"""

from sqlalchemy import delete, event, insert, select

from tracker.models import RECORD_CLASSES, Record, SearchDocument
from tracker.models.base import utcnow
from tracker.models.choices import (
    AGENCY_KINDS,
    CASE_KINDS,
    CASE_OUTCOMES,
    DUTY_EVENT_KINDS,
    LEGAL_ACTION_KINDS,
)

# The public text fields of each kind, beyond title and summary.
PUBLIC_TEXT_FIELDS = {
    "petition": ("body",),
    "demand": ("short_title", "text"),
    "agency": ("short_name", "jurisdiction"),
    "officer": ("rank", "unit", "serial_number", "badge_number", "public_description"),
    "person": (),
    "case": ("place", "narrative"),
    "complaint": ("reference_number", "description", "acceptance_reason"),
    "investigation": ("outcome",),
    "duty_event": ("note",),
    "legal_action": ("docket_number", "outcome"),
}

# Choice fields whose label is worth finding ("shooting", "reinstated").
LABELLED_FIELDS = {
    "case": (("case_kind", CASE_KINDS), ("outcome", CASE_OUTCOMES)),
    "agency": (("agency_kind", AGENCY_KINDS),),
    "duty_event": (("duty_kind", DUTY_EVENT_KINDS),),
    "legal_action": (("action_kind", LEGAL_ACTION_KINDS),),
}


def document_body(record):
    """The public text of ``record`` as one string (private fields never included)."""
    parts = [record.summary or ""]
    for name in PUBLIC_TEXT_FIELDS.get(record.kind, ()):
        if name in record.private_fields:
            continue
        value = getattr(record, name, None)
        if value:
            parts.append(str(value))
    for name, labels in LABELLED_FIELDS.get(record.kind, ()):
        value = getattr(record, name, None)
        if value in labels:
            parts.append(labels[value])
    return "\n".join(part for part in parts if part)


def document_page(record):
    """``(endpoint, key)`` of the public page that shows ``record``, or ``(None, None)``."""
    if record.kind == "case":
        return "cases.detail", record.id
    if record.kind == "officer":
        return "officers.detail", record.id
    if record.kind == "demand":
        return "demands.detail", record.number
    if record.kind == "petition":
        return "demands.scoreboard", None
    if record.kind == "duty_event":
        return "officers.detail", record.officer_id
    case_id = getattr(record, "case_id", None)
    if case_id:
        return "cases.detail", case_id
    return None, None


def document_row(record):
    """The ``search_documents`` values for a published ``record``."""
    endpoint, key = document_page(record)
    return {
        "record_id": record.id,
        "kind": record.kind,
        "title": record.title,
        "body": document_body(record),
        "page_endpoint": endpoint,
        "page_key": key,
        "indexed_at": utcnow(),
    }


def write_documents(connection, records):
    """Replace the rows of ``records``: published ones are (re)indexed, the rest removed."""
    ids = [record.id for record in records if record.id is not None]
    if not ids:
        return
    connection.execute(delete(SearchDocument).where(SearchDocument.record_id.in_(ids)))
    rows = [document_row(record) for record in records if record.status == "published"]
    if rows:
        connection.execute(insert(SearchDocument), rows)


def update_search_index(session, flush_context):
    """After each flush, reindex the records it added or changed."""
    changed = [
        obj
        for obj in list(session.new) + list(session.dirty)
        if isinstance(obj, Record) and obj not in session.deleted
    ]
    if changed:
        write_documents(session.connection(), changed)


def register_search_listener(session):
    """Attach the after-flush hook to ``session`` once."""
    if not event.contains(session, "after_flush", update_search_index):
        event.listen(session, "after_flush", update_search_index)


def reindex_all(session, batch_size=200):
    """Rebuild the whole index from the records; returns how many records are indexed."""
    session.execute(delete(SearchDocument))
    count = 0
    for record_class in RECORD_CLASSES.values():
        ids = session.scalars(
            select(record_class.id).where(record_class.status == "published")
        ).all()
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            records = session.scalars(select(record_class).where(record_class.id.in_(chunk))).all()
            write_documents(session.connection(), records)
            count += len(records)
    session.commit()
    return count
