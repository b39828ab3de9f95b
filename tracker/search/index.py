"""Keeping the search index current: one ``search_documents`` row per published record.

An ``after_flush`` session hook (like the revision hook in ``tracker/records/history.py``)
rewrites the row of every record that was added or changed, and removes it when the record is no
longer published. Only public fields go in: the columns whose facts say "public" and
"searchable", read through the record's kind (``RecordKind.search_body``).
"""

from sqlalchemy import delete, event, insert, select

from tracker.kinds import all_kinds, kind_of
from tracker.models import Record, SearchDocument
from tracker.models.base import utcnow


def document_row(record):
    """The ``search_documents`` values for a published ``record``."""
    kind = kind_of(record)
    place = kind.public_place(record)
    key = next(iter(place.values.values()), None) if place is not None else None
    return {
        "record_id": record.id,
        "kind": record.kind,
        "title": record.title,
        "body": kind.search_body(record),
        "page_endpoint": place.endpoint if place else None,
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
    for kind in all_kinds():
        record_class = kind.model
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
