"""Taking back one's own work: withdraw from review, discard a never-published draft, restore it.

Like the rest of the workflow these change the session and leave committing to the caller.
Nothing is deleted (the design: "nothing is hard deleted from the web UI"): a discarded draft
keeps its citations, demand links and history under the status "discarded", and every
workspace list, lookup, case bundle and public channel leaves it out (``kept``). Its author or
an editor can restore it to a draft.
"""

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import Record
from tracker.records.history import note_revision
from tracker.records.workflow import WorkflowError

DISCARDED = "discarded"


def kept(model=Record):
    """The SQL condition "not discarded" on ``model`` (any record kind), for lists and lookups."""
    return model.status != DISCARDED


def is_discarded(record):
    """True for a record set aside by ``discard``."""
    return record is not None and record.status == DISCARDED


def withdraw(record):
    """Take a record out of the review queue, back to a draft its author can change."""
    if record.status != "in_review":
        raise WorkflowError("Only a record waiting for review can be withdrawn from review.")
    record.status = "draft"
    record.submitted_at = None


def can_discard(record):
    """True for a draft that was never published."""
    return record.status == "draft" and record.published_at is None


def discard(record, reason=None):
    """Set a never-published draft aside: status "discarded", a "discarded" revision.

    Raises ``WorkflowError`` for any other record, and for a draft that a record still in use
    points at (a case with complaints, say: they would be left under a case nobody sees).
    """
    if not can_discard(record):
        raise WorkflowError(
            "Only a draft that was never published can be discarded; unpublish it instead."
        )
    if is_pointed_at(record):
        raise WorkflowError(
            "Other records point at this draft (a complaint at its case, say): "
            "discard or change them first, or keep the draft."
        )
    record.status = DISCARDED
    note_revision(record, "discarded", (reason or "").strip() or None)


def restore(record):
    """Put a discarded record back to a draft, with an "undiscarded" revision."""
    if not is_discarded(record):
        raise WorkflowError("Only a discarded draft can be restored.")
    record.status = "draft"
    note_revision(record, "undiscarded")


def is_pointed_at(record):
    """True when a row outside the record's own parts refers to it.

    A foreign key that cascades is one of the record's parts (a case's people, its joined row)
    or a plain link; any other (RESTRICT, SET NULL) is another record depending on this one.
    A discarded record pointing at it does not count: discarding a case's complaints first,
    then the case, is the way to set a whole case aside.
    """
    tables = {table.name for table in record.__mapper__.tables}
    records = Record.__table__
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            pointing = key.column.table.name in tables and key.column.name == "id"
            if pointing and (key.ondelete or "").upper() != "CASCADE" and table.name != "citations":
                count = select(func.count()).select_from(table).where(key.parent == record.id)
                owner = _owner_column(table)
                if owner is not None:  # only pointers from records still in use count
                    count = count.join(records, records.c.id == owner).where(
                        records.c.status != DISCARDED
                    )
                if db.session.scalar(count):
                    return True
    return False


def _owner_column(table):
    """The column naming the record a row belongs to, or None.

    A kind's own table belongs to the record with its ``id``; a link row (a case's person)
    to the record its cascading key names (the case).
    """
    column = table.c.get("id")
    if column is not None and _to_record(column):
        return column
    for key in table.foreign_keys:
        if (key.ondelete or "").upper() == "CASCADE" and _to_record(key.parent):
            return key.parent
    return None


def _to_record(column):
    """True when ``column`` is a foreign key to a record (``records`` or a kind's table)."""
    for key in column.foreign_keys:
        target = key.column.table
        if target.name == "records" or (
            "id" in target.c
            and any(k.column.table.name == "records" for k in target.c.id.foreign_keys)
        ):
            return True
    return False
