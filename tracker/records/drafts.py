"""Taking back one's own work: withdraw a record from review, discard a never-published draft.

Like the rest of the workflow these change the session and leave committing to the caller.
Discarding is the one deletion the workspace offers: only a draft that was never published
(nothing of it ever reached the public) and that no other record points at.
"""

from sqlalchemy import delete, func, select

from tracker.extensions import db
from tracker.models import Citation, DemandLink, Revision
from tracker.records.workflow import WorkflowError


def withdraw(record):
    """Take a record out of the review queue, back to a draft its author can change."""
    if record.status != "in_review":
        raise WorkflowError("Only a record waiting for review can be withdrawn from review.")
    record.status = "draft"
    record.submitted_at = None


def can_discard(record):
    """True for a draft that was never published."""
    return record.status == "draft" and record.published_at is None


def discard(record):
    """Delete a never-published draft with its citations, demand links and history.

    Raises ``WorkflowError`` for any other record, and for a draft another record points at
    (a case with complaints, say: deleting it would quietly change them).
    """
    if not can_discard(record):
        raise WorkflowError(
            "Only a draft that was never published can be discarded; unpublish it instead."
        )
    if is_pointed_at(record):
        raise WorkflowError(
            "Other records point at this draft (a complaint at its case, say): "
            "change them first, or keep the draft."
        )
    # Its parts first, so the revision log does not try to note their removal on it.
    for model in (Citation, DemandLink, Revision):
        db.session.execute(delete(model).where(model.record_id == record.id))
    db.session.delete(record)


def is_pointed_at(record):
    """True when a row outside the record's own parts refers to it.

    A foreign key that cascades is one of the record's parts (a case's people, its joined row)
    or a plain link; any other (RESTRICT, SET NULL) is another record depending on this one.
    """
    tables = {table.name for table in record.__mapper__.tables}
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            pointing = key.column.table.name in tables and key.column.name == "id"
            if pointing and (key.ondelete or "").upper() != "CASCADE" and table.name != "citations":
                count = select(func.count()).select_from(table).where(key.parent == record.id)
                if db.session.scalar(count):
                    return True
    return False
