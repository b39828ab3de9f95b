"""References resolved from maps loaded once per import, not one query per cell.

Today's cell-by-cell resolver asks ``serial_number = ? OR lower(name) = ?`` for every officer
of every row, which no index serves. While ``preloaded()`` is active, the import's reference
parsers read these maps instead: one query per referenced kind loads each kept record's id and
lookup fields (an officer's serial and badge numbers and name), and names are compared without
case, as the resolver does.

**External ids.** ``external_record(kind, value)`` is the one place where an id from an outside
dataset ("fatal_force:5663") names a record; every mapped import resolves a reference by it
first.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import select

from tracker.extensions import db
from tracker.kinds import kind_named
from tracker.models.external_ids import schemes_for
from tracker.records import external_ids
from tracker.records.drafts import kept
from tracker.records.references import typed_id

_active = ContextVar("import_lookups", default=None)


def external_record(kind_name, value):
    """The record of ``kind_name`` an outside dataset's id ``value`` names, or None.

    A cell written "scheme:id" (``fatal_force:5663``) names the record carrying that id in the
    ``external_ids`` table.
    """
    scheme, _, outside_id = value.partition(":")
    if scheme not in schemes_for(kind_name):
        return None
    record = external_ids.find(db.session, scheme, outside_id)
    return record if record is not None and record.kind == kind_name else None


class Lookups:
    """Per kind, lazily: the kept records' ids, and lookup-field values -> ids."""

    def __init__(self):
        """Nothing loaded yet."""
        self.ids, self.names = {}, {}
        # The session keeps records only while something refers to them: hold them here, or
        # every cell would load its officer again.
        self.records = {}
        self.keys = {}
        self.blanks = {}

    def _load(self, kind_name):
        """Load the ids and lookup values of ``kind_name`` in one query."""
        kind = kind_named(kind_name)
        fields = [getattr(kind.model, name) for name in kind.lookup_fields]
        names = defaultdict(set)
        ids = set()
        statement = select(kind.model.id, *fields).where(kept(kind.model))
        for record_id, *values in db.session.execute(statement):
            ids.add(record_id)
            for value in values:
                if value:
                    names[str(value).strip().casefold()].add(record_id)
        self.ids[kind_name], self.names[kind_name] = ids, names

    def find(self, kind_name, value):
        """The ids of the records of ``kind_name`` that ``value`` names (none, one or several)."""
        if kind_name not in self.ids:
            self._load(kind_name)
        external = external_record(kind_name, value)
        if external is not None:
            return {external.id}
        record_id = typed_id(value, bare_numbers=False)
        if record_id is not None:
            return {record_id} & self.ids[kind_name]
        return self.names[kind_name].get(value.casefold(), set())

    def record(self, kind_name, record_id):
        """The referenced record ``record_id``, loaded once per import.

        At most as many as the kind has, whatever the number of rows.
        """
        found = self.records.get((kind_name, record_id))
        if found is None:
            found = db.session.get(kind_named(kind_name).model, record_id)
            self.records[kind_name, record_id] = found
        return found

    def blank(self, model):
        """A new, unsaved record of ``model``, made once per import, for checks that only read.

        Making a model object per row (its instrumented ``__init__``) was a tenth of the
        import's time; the checks read the row's values over it and change nothing.
        """
        found = self.blanks.get(model)
        if found is None:
            found = self.blanks[model] = model()
        return found

    def existing(self, import_kind, key):
        """The kept record whose natural key is ``key`` (the row's), or None.

        The keys of every kept record of the kind are computed once (from the record's own
        import values, by the kind's ``natural_key``), instead of one SELECT per row.
        """
        if import_kind.name not in self.keys:
            self.keys[import_kind.name] = self._keys(import_kind)
        record_id = self.keys[import_kind.name].get(key)
        # Not kept in ``records``: one per row, so holding them would grow with the file.
        return db.session.get(import_kind.model, record_id) if record_id is not None else None

    def _keys(self, import_kind):
        """``{natural key: id}`` of the kept records of ``import_kind``."""
        model = import_kind.model
        keys = {}
        # A natural key never reads a list (officers, external ids): reading one would load it,
        # a query per record on file.
        lists = {item.key for item in model.__mapper__.relationships if item.uselist}
        wanted = [column.target for column in import_kind.columns if column.target not in lists]
        statement = select(model).where(kept(model)).execution_options(yield_per=1000)
        for record in db.session.scalars(statement):
            values = {target: getattr(record, target) for target in wanted}
            keys.setdefault(import_kind.key(values)[0], record.id)
        return keys


def active():
    """The ``Lookups`` of the import running now, or None (then cells are resolved alone)."""
    return _active.get()


@contextmanager
def preloaded():
    """Resolve references from preloaded maps while the block runs."""
    token = _active.set(Lookups())
    try:
        yield _active.get()
    finally:
        _active.reset(token)
