"""The mapped import's new records, inserted in batches (``bulk``) instead of one ORM save each.

Each new record is built as an unsaved model object with the editing service's own checks and
``apply_values``, so its title, slug and "import" revision come from the same code the revision
hook runs; its rows (the records table, the kind's table, its officer lists) are then inserted
directly, in the import's one transaction. Rows with part rows of their own (external ids, a
case's people) and kinds whose flush derives fields (a records request's deadlines) keep the
normal path. New records are drafts, which the search index leaves out; the records they point
at (an agency, a case) are rewritten at the end, as the search hook would have.
"""

from sqlalchemy import inspect
from sqlalchemy.orm import RelationshipDirection
from sqlalchemy.orm.attributes import set_committed_value

from tracker.extensions import db
from tracker.imports.bulk import insert_rows, new_ids
from tracker.kinds import kind_of
from tracker.models import Record, RecordsRequest, Revision
from tracker.models.base import utcnow
from tracker.records import editing
from tracker.records.access import is_private
from tracker.records.history import _collection_changes, current_actor_id, describe
from tracker.records.slugs import unique_slug
from tracker.search.index import write_documents

# Models whose flush hooks compute fields of their own (deadlines): never written in bulk.
FLUSH_DERIVED = (RecordsRequest,)


def bulk_ready(kind, planned, writers):
    """True when ``planned`` (a new row) can be inserted in bulk: plain columns and lists only.

    ``writers``: the names of the kind's part writers (``NewRecords.writers``).
    """
    if planned.existing is not None or issubclass(kind.model, FLUSH_DERIVED):
        return False
    return not any(name in writers for name in planned.values)


class NewRecords:
    """The rows of one batch of new records of ``kind``, with their revisions."""

    def __init__(self, kind, filename):
        """Start empty; every record is stamped now, by the current actor."""
        self.kind, self.comment = kind, f"Imported from {filename}"[:500]
        self.actor, self.now = current_actor_id(), utcnow()
        self.mapper = inspect(kind.model)
        self.tables = [*self.mapper.tables, Revision.__table__]
        self.lists = [
            rel
            for rel in self.mapper.relationships
            if rel.secondary is not None and not rel.viewonly
        ]
        self.tables[-1:-1] = [rel.secondary for rel in self.lists]
        self.rows = {table: [] for table in self.tables}
        self.related = {}  # records the new ones point at: their search rows are rewritten
        self.taken = set()
        self.pending = []  # (record, its revision's changes), until ``write``
        self.writers = frozenset(kind_of(kind.model()).writers)
        # The columns the revision hook describes, in its order (``history._column_changes``).
        self.described = [
            attr.key
            for attr in self.mapper.column_attrs
            if attr.key not in Record.untracked_fields and attr.key not in ("id", "kind")
        ]
        self.columns = {
            table: [
                (column.name, self.mapper.get_property_by_column(column).key, column.default)
                for column in table.columns
            ]
            for table in self.mapper.tables
        }

    def add(self, planned):
        """Build the new record of ``planned``; its rows wait for ``write``."""
        # The dry run of the row ran the record checks on these values already (its plan).
        record = self.kind.model()
        values = dict(planned.values)
        for name in list(values):
            rel = self.mapper.relationships.get(name)
            value = values[name]
            if rel is not None and rel._reverse_property and getattr(value, "id", None):
                # Set without events: the back-reference would put this unsaved record in the
                # list of one on file (``Complaint.allegations``), loading it and dirtying it.
                del values[name]
                for column in rel.local_columns:
                    setattr(record, column.key, value.id)
                set_committed_value(record, name, value)
        with db.session.no_autoflush:
            editing.apply_values(record, values, add_only=True)
        title = record.compute_title()
        if title:
            record.title = title
        record.slug = unique_slug(db.session, record, self.taken)
        changes = self._changes(record)
        changes.update(_collection_changes(record))
        record.created_by_id = record.updated_by_id = self.actor
        record.created_at = record.updated_at = self.now
        record.version = 1
        self.pending.append((record, changes))

    def _changes(self, record):
        """What the revision hook's ``_column_changes`` says of a new record, read directly."""
        values = record.__dict__
        return {
            key: [None, describe(values[key])]
            for key in self.described
            if values.get(key) is not None and values.get(key) != ""
        }

    def write(self, connection):
        """Insert the records added, with ids from the records' sequence, and their revisions."""
        pending, self.pending = self.pending, []
        for (record, changes), record_id in zip(pending, new_ids(len(pending)), strict=True):
            self._rows(record, record_id, changes)
        insert_rows(connection, self.tables, self.rows)
        for rows in self.rows.values():
            rows.clear()

    def _rows(self, record, record_id, changes):
        """The table rows of ``record`` as ``record_id``."""
        values = record.__dict__
        for table, columns in self.columns.items():
            row = {}
            for name, key, default in columns:
                value = values.get(key)
                if value is None and default is not None and default.is_scalar:
                    value = default.arg  # as the INSERT would give it
                row[name] = value
            row["id"] = record_id
            self.rows[table].append(row)
        for rel in self.lists:
            (_, owner), (_, other) = rel.synchronize_pairs[0], rel.secondary_synchronize_pairs[0]
            for item in getattr(record, rel.key):
                self.rows[rel.secondary].append({owner.name: record_id, other.name: item.id})
        for rel in self.mapper.relationships:
            if rel.direction is RelationshipDirection.MANYTOONE:
                value = getattr(record, rel.key, None)
                if isinstance(value, Record) and value.id is not None:
                    self.related[value.id] = value
        self.rows[Revision.__table__].append(
            {
                "record_id": record_id,
                "user_id": self.actor,
                "created_at": self.now,
                "action": "import",
                "version": 1,
                "changes": changes,
                "private_changes": [name for name in changes if is_private(record, name)],
                "comment": self.comment,
            }
        )

    def reindex_related(self, connection):
        """Rewrite the search rows of the records the new ones point at (and of theirs)."""
        records = dict(self.related)
        for record in list(records.values()):
            related = kind_of(record).search_related
            for other in related(record) if related else ():
                records.setdefault(other.id, other)
        write_documents(connection, list(records.values()))
