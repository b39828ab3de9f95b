"""The mapped import's new records, written as plain table rows instead of one ORM save each.

Each new record's rows (the records table, the kind's table, its officer lists and its one
"import" revision) are built as tuples straight from the row's planned values, by the rules the
save path follows: ``Record.__init__`` starts it as a draft, the kind's ``compute_title`` names
it, ``unique_slug`` gives its slug, the revision says what the revision hook's
``_column_changes`` and ``_collection_changes`` would say (private fields listed by the one
``access`` rule), and a column left empty takes its declared default, as the INSERT would. Ids
are taken from the records' sequence a batch at a time (``bulk.new_ids``) and the rows go in with
the driver (``bulk.copy_rows``: COPY on PostgreSQL), all in the import's one transaction.

No model object is made for a new record: building 100,000 of them (attribute events,
collection events, the flush's parameter compiling) was most of the import's time. Rows with
part rows of their own (external ids, a case's people), with a reference to a record not yet
written, and kinds whose flush derives fields (a records request's deadlines) keep the normal
path. New records are drafts, which the search index leaves out; the records they point at (an
agency, a case) are rewritten at the end, as the search hook would have.
"""

from inspect import getattr_static

from sqlalchemy import inspect

from tracker.extensions import db
from tracker.imports.bulk import copy_rows, new_ids
from tracker.kinds import kind_of
from tracker.models import Record, RecordsRequest, Revision
from tracker.models.base import utcnow
from tracker.records.access import private_attributes
from tracker.records.history import _label, current_actor_id, describe
from tracker.records.slugs import unique_slug
from tracker.search.index import write_documents

# Models whose flush hooks compute fields of their own (deadlines): never written in bulk.
FLUSH_DERIVED = (RecordsRequest,)
# What ``Record.__init__`` sets on every new record before anything else (a draft).
STARTING_VALUES = {"status": "draft"}
REVISION_COLUMNS = (
    "record_id",
    "user_id",
    "created_at",
    "action",
    "version",
    "changes",
    "private_changes",
    "comment",
)


def bulk_ready(kind, planned, writers):
    """True when ``planned`` (a new row) can be written as plain rows: columns and lists only.

    ``writers``: the names of the kind's part writers (``NewRecords.writers``). A reference to
    a record without an id yet (not written) takes the normal path, which links it at the flush.
    """
    if planned.existing is not None or issubclass(kind.model, FLUSH_DERIVED):
        return False
    mapper = inspect(kind.model)
    for name, value in planned.values.items():
        if name in writers:
            return False
        rel = mapper.relationships.get(name)
        if rel is None:
            if name not in mapper.column_attrs:
                return False
        elif rel.viewonly:
            return False
        elif rel.secondary is not None:
            if any(item is not None and item.id is None for item in value):
                return False
        elif rel.uselist or (value is not None and getattr(value, "id", None) is None):
            return False
    return True


class NewRow:
    """A new record's values, read the way its model reads them (``compute_title``, slugs).

    Not a model object: attributes are the planned values; properties and methods of the
    kind's model run on them (``Person.public_name``); a column not given reads None, as on an
    unsaved record.
    """

    def __init__(self, model, values):
        """Hold ``values`` (attribute name -> value) of a new ``model`` record."""
        self.__dict__.update(values)
        self.__dict__["_model"] = model

    def __getattr__(self, name):
        """A property or method of the model run on these values; a column not set reads None."""
        found = getattr_static(self._model, name, None)
        if found is None or hasattr(found, "comparator"):  # a mapped attribute not given
            return None
        if hasattr(found, "__get__"):
            return found.__get__(self, type(self))
        return found  # a constant of the class


class NewRecords:
    """The rows of one batch of new records of ``kind``, with their revisions."""

    def __init__(self, kind, filename):
        """Start empty; every record is stamped now, by the current actor."""
        self.kind, self.comment = kind, f"Imported from {filename}"[:500]
        self.actor, self.now = current_actor_id(), utcnow()
        self.mapper = mapper = inspect(kind.model)
        self.identity = mapper.polymorphic_identity
        self.private = private_attributes(kind.model)
        self.titled = kind.model.compute_title is not Record.compute_title
        self.lists = [
            rel for rel in mapper.relationships if rel.secondary is not None and not rel.viewonly
        ]
        self.references = [
            rel
            for rel in mapper.relationships
            if rel.secondary is None and not rel.uselist and not rel.viewonly
        ]
        # The columns the revision hook describes, in its order (``history._column_changes``).
        self.described = [
            attr.key
            for attr in mapper.column_attrs
            if attr.key not in Record.untracked_fields and attr.key not in ("id", "kind")
        ]
        # Per table: its column names, and per column the attribute it holds and its default.
        self.columns = {}
        for table in mapper.tables:
            self.columns[table] = [
                (
                    column.name,
                    mapper.get_property_by_column(column).key,
                    column.default.arg
                    if column.default is not None and column.default.is_scalar
                    else None,
                )
                for column in table.columns
            ]
        self.rows = {table: [] for table in mapper.tables}
        self.list_rows = {rel.key: [] for rel in self.lists}
        self.revisions = []
        self.related = {}  # records the new ones point at: their search rows are rewritten
        self.taken = set()
        self.pending = []  # (attribute values, lists, revision changes), until ``write``
        self.writers = frozenset(kind_of(kind.model()).writers)

    def add(self, planned):
        """Work out the rows of the new record of ``planned``; they wait for ``write``."""
        # The dry run of the row ran the record checks on these values already (its plan).
        values = {**STARTING_VALUES, "kind": self.identity}
        lists = {}
        for name, value in planned.values.items():
            if isinstance(value, list):
                chosen = []  # unique items, in order (``editing._set_list``)
                for item in value:
                    if item is not None and item not in chosen:
                        chosen.append(item)
                lists[name] = chosen
            else:
                values[name] = value
        for rel in self.references:
            if rel.key in values:
                target = values[rel.key]
                for column in rel.local_columns:
                    values[column.key] = target.id if target is not None else None
                if isinstance(target, Record):
                    self.related[target.id] = target
        row = NewRow(self.kind.model, values)
        row.id = None
        if self.titled:
            title = self.kind.model.compute_title(row)
            if title:
                values["title"] = row.title = title
        values["slug"] = unique_slug(db.session, row, self.taken)
        changes = {
            key: [None, describe(values[key])]
            for key in self.described
            if values.get(key) is not None and values.get(key) != ""
        }
        for rel in self.lists:
            if lists.get(rel.key):
                changes[rel.key] = {"added": [_label(i) for i in lists[rel.key]], "removed": []}
        values.update(
            created_by_id=self.actor,
            updated_by_id=self.actor,
            created_at=self.now,
            updated_at=self.now,
            version=1,
        )
        self.pending.append((values, lists, changes))

    def write(self, connection):
        """Insert the records added, with ids from the records' sequence, and their revisions."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        for (values, lists, changes), record_id in zip(pending, new_ids(len(pending)), strict=True):
            self._rows(values, lists, changes, record_id)
        for table, columns in self.columns.items():
            copy_rows(
                connection, table, [name for name, _key, _default in columns], self.rows[table]
            )
            self.rows[table].clear()
        for rel in self.lists:
            (_, owner), (_, other) = rel.synchronize_pairs[0], rel.secondary_synchronize_pairs[0]
            copy_rows(connection, rel.secondary, [owner.name, other.name], self.list_rows[rel.key])
            self.list_rows[rel.key].clear()
        copy_rows(connection, Revision.__table__, REVISION_COLUMNS, self.revisions)
        self.revisions.clear()

    def _rows(self, values, lists, changes, record_id):
        """Note the table rows of one new record as ``record_id``."""
        values["id"] = record_id
        for table, columns in self.columns.items():
            self.rows[table].append(
                tuple(
                    default if (value := values.get(key)) is None else value
                    for _name, key, default in columns
                )
            )
        for name, items in lists.items():
            self.list_rows[name].extend((record_id, item.id) for item in items)
        self.revisions.append(
            (
                record_id,
                self.actor,
                self.now,
                "import",
                1,
                changes,
                [name for name in changes if name in self.private],
                self.comment,
            )
        )

    def reindex_related(self, connection):
        """Rewrite the search rows of the records the new ones point at (and of theirs)."""
        records = dict(self.related)
        for record in list(records.values()):
            related = kind_of(record).search_related
            for other in related(record) if related else ():
                records.setdefault(other.id, other)
        write_documents(connection, list(records.values()))
