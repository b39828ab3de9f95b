"""The one editing service: every change to records goes through here.

The workspace, the CSV import and the demo seed all save records from plain data, cite
sources, link demands, move records through the review workflow, record demand status
changes and store sources here. Nothing here commits except ``commit``: the caller decides
what belongs in one transaction. The revision's action and comment are passed explicitly and
noted on the record the flush writes the revision for.
"""

from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tracker.extensions import db
from tracker.kinds import kind_of
from tracker.models import Citation, DemandLink, DemandStatusChange, Source
from tracker.records import checks, workflow
from tracker.records.documents import store_document
from tracker.records.history import note_revision
from tracker.records.restoring import restore  # noqa: F401 (part of the service)

# A change the rules refuse (a lifecycle step, removing the last source, ...).
Refused = workflow.WorkflowError
# A value the record's checks refuse (``checks.FieldError``s, each naming its field).
Invalid = checks.Invalid
# ``save`` without a base version (import, seed) does not check it.
UNCHECKED = object()
STEPS = {
    "submit": workflow.submit_for_review,
    "publish": workflow.publish,
    "unpublish": workflow.unpublish,
    "return": workflow.return_to_author,
}


class Conflict(Exception):  # noqa: N818 (reads as "raise Conflict")
    """Someone saved the record after ``base`` (the version the edit started from)."""

    def __init__(self, base):
        """Remember the version the edit was based on."""
        super().__init__(f"The record changed since version {base}.")
        self.base = base


class Duplicate(Exception):  # noqa: N818
    """The database refused a value that must be unique; nothing was saved."""


def save(record, values, *, base_version=UNCHECKED, action=None, comment=None, add_only=False):
    """Create or update ``record`` from the plain ``values`` (attribute -> value).

    ``base_version`` is the version the user's edit started from: for an existing record, an
    older (or missing) one raises ``Conflict`` before anything changes. ``add_only`` adds to
    lists without removing (the import). ``action`` and ``comment`` name the revision the
    next flush writes. A value the checks refuse raises ``Invalid`` before anything changes.
    """
    checked = base_version is not UNCHECKED and record.id is not None
    if checked and base_version != record.version:
        raise Conflict(base_version)
    checks.check(kind_of(record), record, values)
    with db.session.no_autoflush:
        apply_values(record, values, add_only=add_only)
    if record.id is None:
        db.session.add(record)
    if action or comment:
        note_revision(record, action, comment)
    return record


def apply_values(record, values, add_only=False):
    """Write ``values`` onto ``record``: parts by their writer, relationships with their ids."""
    writers = kind_of(record).writers
    relationships = inspect(type(record)).relationships
    for name, value in values.items():
        if name in writers:
            writers[name](record, value, add_only)
        elif isinstance(value, list):
            _set_list(record, name, value, add_only)
        else:
            relation = relationships.get(name)
            if relation is not None and not relation.uselist:
                _set_foreign_key(record, relation, value)
            setattr(record, name, value)


def _set_foreign_key(record, relation, value):
    """Set a many-to-one's id column too, so the revision log sees the change before a flush.

    Set before the relationship: on an expired record the column's old value is loaded
    first, so the change is seen. A related record not flushed yet has no id: the flush
    fills the column then.
    """
    if value is None or value.id is not None:
        for column in relation.local_columns:
            setattr(record, column.key, value.id if value is not None else None)


def _set_list(record, name, wanted, add_only):
    """Set a many-to-many list (unique items, in order); ``add_only`` keeps the present ones."""
    chosen = list(getattr(record, name)) if add_only else []
    for item in wanted:
        if item is not None and item not in chosen:
            chosen.append(item)
    setattr(record, name, chosen)


def commit():
    """Commit; a refused unique value raises ``Duplicate``, a lost race ``Conflict``.

    Either way the session is rolled back and nothing is saved.
    """
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Duplicate from None
    except StaleDataError:
        db.session.rollback()
        raise Conflict(None) from None


def change_status(record, step, comment=None):
    """Move ``record`` one lifecycle ``step`` (submit, publish, unpublish, return).

    Raises ``Refused`` when the record's state does not allow it.
    """
    if step == "return":
        STEPS[step](record, comment)
    else:
        STEPS[step](record)
    return record


def _links_to(part, attr, row):
    """True when ``part`` (a citation, a demand link) points at ``row`` through ``attr``.

    Compared by id column once flushed, else by object, so a check loads nothing.
    """
    linked_id = getattr(part, f"{attr}_id")
    if linked_id is not None:
        return linked_id == row.id
    return getattr(part, attr) is row


def cite(record, source, locator=None):
    """Cite ``source`` on ``record``; False when the record already cites it."""
    if any(_links_to(citation, "source", source) for citation in record.citations):
        return False
    record.citations.append(
        Citation(source=source, locator=locator, position=len(record.citations) + 1)
    )
    return True


def uncite(record, citation):
    """Stop citing a source; refused for the last source of a published record."""
    if record.is_published and len(record.citations) == 1:
        raise Refused(
            "A published record must cite at least one source: add another source first, "
            "or unpublish the record."
        )
    db.session.delete(citation)  # still attached, so the revision log names the record


def link_demand(record, demand, note=None):
    """Link ``record`` to ``demand`` with a note; False when it is already linked."""
    if demand is None or demand is record or (record.id and demand.id == record.id):
        raise Refused("Choose another demand.")
    if any(_links_to(link, "demand", demand) for link in record.demand_links):
        return False
    record.demand_links.append(DemandLink(demand=demand, note=note))
    return True


def unlink_demand(record, link):
    """Remove a demand link of ``record``."""
    db.session.delete(link)


def change_demand_status(demand, status, changed_on, note=None, source=None):
    """Record a dated change in a demand's status; the latest change is its status."""
    demand.status_changes.append(
        DemandStatusChange(status=status, changed_on=changed_on, note=note, source=source)
    )
    latest = max(demand.status_changes, key=lambda change: (change.changed_on, change.id or 0))
    demand.demand_status = latest.status
    return demand


def add_source(values, document=None):
    """A new ``Source`` from ``values``, with an uploaded ``document`` stored; returns it.

    A document uploaded before gives back its existing source (the second item is then
    False). Raises ``UploadError`` for a file the tracker will not keep.
    """
    fields = {}
    if document:
        fields = store_document(document)
        same = db.session.scalars(
            select(Source).filter_by(document_sha256=fields["document_sha256"]).limit(1)
        ).first()
        if same is not None:
            return same, False
    source = Source(**values, **fields)
    db.session.add(source)
    return source, True


def source_with_url(url):
    """The source already stored for the web address ``url``, or None."""
    return db.session.scalars(select(Source).where(Source.url == url).limit(1)).first()
