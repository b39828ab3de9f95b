"""The one publish workflow every record kind shares: draft -> in_review -> published.

Each function changes the record in the session and leaves committing to the caller, so a route
or a CLI command decides what belongs in one transaction.
"""

from tracker.models.base import utcnow

# Which lifecycle status may follow which.
TRANSITIONS = {
    "submit": ({"draft"}, "in_review"),
    "return": ({"in_review", "published"}, "draft"),
    "publish": ({"draft", "in_review", "unpublished"}, "published"),
    "unpublish": ({"published"}, "unpublished"),
}


class WorkflowError(ValueError):
    """A lifecycle change that the record's state does not allow; the message says why."""


def _move(record, step):
    """Check and apply the lifecycle ``step`` to ``record``."""
    allowed_from, target = TRANSITIONS[step]
    if record.status not in allowed_from:
        raise WorkflowError(
            f"A {record.status.replace('_', ' ')} {record.kind_label.lower()} cannot be "
            f"moved to {target.replace('_', ' ')}."
        )
    record.status = target


def submit_for_review(record):
    """A volunteer hands a draft to the editors."""
    _move(record, "submit")
    record.submitted_at = utcnow()
    record.review_comment = None


def return_to_author(record, comment):
    """An editor sends a record back to its author with a comment the author sees."""
    if not (comment or "").strip():
        raise WorkflowError("Say what needs to change: a comment is required to return a record.")
    _move(record, "return")
    record.review_comment = comment.strip()


def publish(record):
    """An editor publishes a record; it must cite at least one source."""
    if not record.citations:
        raise WorkflowError("A record cannot be published without at least one source.")
    _move(record, "publish")
    record.review_comment = None
    if record.published_at is None:
        record.published_at = utcnow()


def unpublish(record):
    """An editor takes a record off the public site; it and its history are kept."""
    _move(record, "unpublish")
