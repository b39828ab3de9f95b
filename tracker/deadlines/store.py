"""Keep each records request's computed deadline columns in step with its history.

A before-flush hook: whatever changed a request (the workspace form, the import, the demo data,
a test factory), its ``due_on``, ``request_status``, ``answered_on`` and ``answered_late`` are
what its law's rule says of its dates and its history. ``due_items`` is what is due as of a day,
read with SQL from those columns (the calendar's question).
"""

from sqlalchemy import event, select

from tracker.deadlines.laws import deadline_of
from tracker.deadlines.sunshine import CLOSING, Event
from tracker.models import RecordsRequest, RequestEvent
from tracker.models.choices import REQUEST_STATUSES
from tracker.records.drafts import kept

OPEN_STATUSES = tuple(status for status in REQUEST_STATUSES if status not in CLOSING)


def deadline(request, leaving=()):
    """The deadline facts of ``request`` (its steps in ``leaving`` left out)."""
    steps = [
        Event(step.occurred_on, step.event_kind, step.available_on)
        for step in request.events
        if step not in leaving
    ]
    return deadline_of(request.law, request.sent_on, request.received_on, steps)


def refresh(request, leaving=()):
    """Write the rule's answer into ``request``'s computed columns (only what differs)."""
    facts = deadline(request, leaving)
    values = {
        "due_on": facts.due_on,
        "request_status": facts.status,
        "answered_on": facts.answered_on,
        "answered_late": facts.answered_late,
    }
    for name, value in values.items():
        if getattr(request, name) != value:
            setattr(request, name, value)


def refresh_changed(session, flush_context=None, instances=None):
    """Recompute every request the flush touches, directly or through a step of its history."""
    touched = {}
    for item in (*session.new, *session.dirty, *session.deleted):
        if isinstance(item, RecordsRequest):
            touched[id(item)] = item
        elif isinstance(item, RequestEvent) and item.request is not None:
            touched[id(item.request)] = item.request
    leaving = set(session.deleted)
    for request in touched.values():
        if request not in leaving:
            refresh(request, leaving)


def register_deadline_listener(session):
    """Attach the before-flush hook to ``session`` once."""
    if not event.contains(session, "before_flush", refresh_changed):
        event.listen(session, "before_flush", refresh_changed)


def overdue_statement(today):
    """SELECT of the requests whose answer is due before ``today`` and still open."""
    return select(RecordsRequest).where(
        RecordsRequest.due_on < today, RecordsRequest.request_status.in_(OPEN_STATUSES)
    )


def due_items(session, today, until=None, created_by_id=None, limit=None):
    """The open requests due by ``until`` (default: ``today``) or overdue, by due date.

    Whatever ``session`` may read: behind the public visibility boundary, published ones only;
    in the workspace, drafts too (a volunteer's own requests due this week: ``created_by_id``).
    At most ``limit`` of them when given.
    """
    statement = (
        select(RecordsRequest)
        .where(
            RecordsRequest.due_on <= (until or today),
            RecordsRequest.request_status.in_(OPEN_STATUSES),
        )
        .order_by(RecordsRequest.due_on, RecordsRequest.id)
    )
    if created_by_id is not None:
        statement = statement.where(
            RecordsRequest.created_by_id == created_by_id, kept(RecordsRequest)
        )
    if limit is not None:
        statement = statement.limit(limit)
    return session.scalars(statement).all()
