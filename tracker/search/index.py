"""Keeping the search index current: one ``search_documents`` row per published record.

An ``after_flush`` session hook (like the revision hook in ``tracker/records/history.py``)
notes every record that was added or changed (and the record a changed part belongs to: a
timeline entry's case); after the flush has finished, its row is rewritten, or removed when the
record is no longer published. The write waits for the end of the flush because reading a
case's people and officers may load them, which SQLAlchemy does not allow mid-flush. Records
whose text shows the changed one (``RecordKind.search_related``: an officer's cases) are
rewritten too. Only public text goes in (``RecordKind.search_text_of``).
"""

import functools
from itertools import chain

from sqlalchemy import delete, event, inspect
from sqlalchemy.orm import RelationshipDirection

from tracker.kinds import kind_of
from tracker.models import Record, SearchDocument
from tracker.models.base import utcnow
from tracker.records.visibility import parts_of, shown_publicly

PENDING = "search_pending"
# Ids of the records whose status a flush changed: their parts' rows follow them.
STATUS_CHANGED = "search_status_changed"
ROWS_PER_INSERT = 500  # 10 values a row: well within every database's parameter limit
COLUMNS = (
    "record_id",
    "kind",
    "title",
    "body",
    "part_anchors",
    "page_endpoint",
    "page_key",
    "anchor",
    "year",
    "indexed_at",
)


UNKNOWN = object()


def document_row(record, place=UNKNOWN, text=None):
    """The ``search_documents`` values of a published ``record``, in ``COLUMNS`` order.

    Without ``indexed_at``: ``insert_rows`` adds the moment it writes. ``place`` and ``text``:
    where a hit leads and the kind's ``search_text``, when they are known already.
    """
    kind = kind_of(record)
    if place is UNKNOWN:
        place = kind.search_location(record)
    if text is None:
        text = kind.search_text(record) if kind.search_text else ()
    values = [getattr(record, name, None) for name, _choices in kind.search_fields]
    body, anchors = kind.search_text_of(values, text)
    year = kind.search_year(record)
    return (record.id, record.kind, record.title, body, anchors, *target_of(place), year)


def target_of(place):
    """``(page_endpoint, page_key, anchor)`` of where a hit leads (a ``PublicPlace`` or None)."""
    if place is None:
        return None, None, None
    return place.endpoint, next(iter(place.values.values()), None), place.anchor


def write_documents(connection, records, replace=True, places=None):
    """Replace the rows of ``records``: published ones are (re)indexed, the rest removed.

    ``replace=False``: the caller has removed their rows already, and ``places`` holds where a
    hit leads for the records of kinds that look it up in batches.
    """
    ids = [record.id for record in records if record.id is not None]
    if not ids:
        return
    if replace:
        connection.execute(delete(SearchDocument).where(SearchDocument.record_id.in_(ids)))
    places = places or {}
    rows = [
        document_row(record, places.get(record.id, UNKNOWN))
        for record in records
        if shown_publicly(record)
    ]
    insert_rows(connection, rows)


def insert_rows(connection, rows, table="search_documents"):
    """Insert index ``rows`` (``document_row`` tuples): COPY on PostgreSQL, else multi-row INSERTs.

    ``table``: a full reindex writes into the table it builds beside the live one.

    Written with the driver's own statements: SQLAlchemy compiled a multi-row INSERT afresh for
    each statement (cProfile: 40 of a 100,000-case reindex's 120 s). On SQLite, FTS5's trigger
    flushes its index at the end of every statement, so one statement a row (executemany) cost a
    millisecond a row; a statement of 500 rows flushes once for them all.
    """
    if not rows:
        return
    timestamp = (_driver_value(connection, utcnow()),)
    values = [row + timestamp for row in rows]
    if connection.dialect.driver == "psycopg":
        statement = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
        cursor = connection.connection.driver_connection.cursor()
        with cursor, cursor.copy(statement) as copy:
            for row in values:
                copy.write_row(row)
        return
    for start in range(0, len(values), ROWS_PER_INSERT):
        chunk = values[start : start + ROWS_PER_INSERT]
        parameters = tuple(chain.from_iterable(chunk))
        connection.exec_driver_sql(
            _insert_of(connection.dialect.paramstyle, len(chunk), table), parameters
        )


def _driver_value(connection, moment):
    """The time a batch was indexed, as the driver takes it (SQLite stores it as text)."""
    column = SearchDocument.__table__.c.indexed_at
    process = column.type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return process(moment) if process else moment


@functools.cache
def _insert_of(paramstyle, count, table):
    """The INSERT of ``count`` rows into ``table`` in the driver's parameter style (made once)."""
    mark = "?" if paramstyle == "qmark" else "%s"
    row = "(" + ", ".join([mark] * len(COLUMNS)) + ")"
    columns = ", ".join(COLUMNS)
    # Only constants and placeholders are joined; the values go as parameters.
    return f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([row] * count)  # nosec B608


def _touched(obj):
    """The records a change to ``obj`` touches: itself, or the records a part links.

    A part (a case's timeline entry, a person's role in a case) touches every record it points
    at: the case whose text shows it, and the person whose hit leads to that case.
    """
    if isinstance(obj, Record):
        return [obj]
    if not hasattr(obj, "revision_parent"):
        return []
    found = []
    for relationship in inspect(obj).mapper.relationships:
        if relationship.direction is RelationshipDirection.MANYTOONE:
            value = getattr(obj, relationship.key, None)
            if isinstance(value, Record):
                found.append(value)
    return found


def note_changes(session, flush_context):
    """During a flush, note the records it added or changed (or whose parts it changed)."""
    pending = session.info.setdefault(PENDING, {})
    deleted = set(map(id, session.deleted))
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        for record in _touched(obj):
            if id(record) not in deleted:
                pending[id(record)] = record
        if isinstance(obj, Record) and inspect(obj).attrs.status.history.has_changes():
            session.info.setdefault(STATUS_CHANGED, set()).add(id(obj))


def write_changes(session, flush_context):
    """After the flush, rewrite the rows of the records noted and of the records showing them."""
    pending = session.info.pop(PENDING, None)
    changed = session.info.pop(STATUS_CHANGED, set())
    if not pending:
        return
    records = {record.id: record for record in pending.values() if record.id is not None}
    parents = [record.id for key, record in pending.items() if key in changed and record.id]
    for part in parts_of(session, parents):
        records.setdefault(part.id, part)
    for record in list(records.values()):
        related = kind_of(record).search_related
        for other in related(record) if related else ():
            records.setdefault(other.id, other)
    write_documents(session.connection(), list(records.values()))


def register_search_listener(session):
    """Attach the flush hooks to ``session`` once."""
    if not event.contains(session, "after_flush", note_changes):
        event.listen(session, "after_flush", note_changes)
        event.listen(session, "after_flush_postexec", write_changes)


def reindex_all(session, batch_size=2000, progress=None):
    """Rebuild the whole index from the records, in committed batches.

    Returns how many published records are indexed (``tracker.search.reindex``).
    """
    from tracker.search.reindex import reindex

    return reindex(session, batch_size=batch_size, progress=progress)
