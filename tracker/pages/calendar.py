"""The calendar: what is due and what is coming, for the whole tracker, one case or one demand.

Records requests whose answer is due (or overdue: still open past their due date), hearings and
appeal deadlines of legal actions, and public meetings, as one list by day. Published records
only (each statement says so, so the list is the same behind the boundary or not). Three
queries whatever the data, each bounded by ``LIMIT``; the page shows a page of the list.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.deadlines.store import OPEN_STATUSES
from tracker.kinds import public_url
from tracker.kinds.docket import DOCKET_ENTRIES
from tracker.models import DemandLink, LegalAction, Meeting, RecordsRequest
from tracker.models.choices import DOCKET_ENTRY_KINDS, PUBLISHED
from tracker.records.dates import (
    LIMIT,
    court_dates_of_case,
    linked_to,
    meetings_between,
    meetings_of_case,
    upcoming_court_dates,
)


@dataclass(frozen=True)
class Scope:
    """Whose calendar: the whole tracker (both None), one case's or one demand's."""

    case_id: int | None = None
    demand_id: int | None = None


@dataclass
class CalendarItem:
    """One dated thing on the calendar."""

    uid: str  # stable across runs: what it is and its id ("request-12-due")
    kind: str  # "request_due", "hearing", "appeal_deadline", "meeting"
    label: str  # the kind in words ("Answer due", "Hearing")
    day: date
    at: time | None  # a start time when known (hearings, meetings)
    title: str
    record: object  # what the item links to (its public page) and when it last changed
    place: str | None = None
    detail: str | None = None
    overdue_days: int = 0

    @property
    def sort_key(self):
        """Day, time (untimed first), uid: a stable order."""
        return (self.day, self.at or time.min, self.uid)

    def url(self, **options):
        """The public page that shows the item (a docket entry: its anchor on the case page)."""
        if self.kind in DOCKET_ENTRY_KINDS:
            return DOCKET_ENTRIES.public_url(self.record, **options)
        return public_url(self.record, **options)

    @property
    def changed_at(self):
        """When what the item shows last changed (its record's last edit)."""
        return getattr(self.record, "updated_at", None) or datetime(2000, 1, 1)


def _requests(session, today, until, scope):
    """The open published requests due by ``until`` (overdue ones included), custodian loaded."""
    statement = (
        select(RecordsRequest)
        .where(
            RecordsRequest.status == PUBLISHED,
            RecordsRequest.due_on <= until,
            RecordsRequest.request_status.in_(OPEN_STATUSES),
        )
        .options(joinedload(RecordsRequest.custodian))
        .order_by(RecordsRequest.due_on, RecordsRequest.id)
    )
    if scope.case_id is not None:
        statement = statement.where(RecordsRequest.case_id == scope.case_id)
    if scope.demand_id is not None:
        statement = statement.where(
            RecordsRequest.id.in_(
                select(DemandLink.record_id).where(DemandLink.demand_id == scope.demand_id)
            )
        )
    for request in session.scalars(statement.limit(LIMIT)):
        custodian = request.custodian.title if request.custodian is not None else None
        overdue = max(0, (today - request.due_on).days)
        yield CalendarItem(
            uid=f"request-{request.id}-due",
            kind="request_due",
            label="Answer overdue" if overdue else "Answer due",
            day=request.due_on,
            at=None,
            title=request.title,
            record=request,
            detail=f"Records request to {custodian}" if custodian else "Records request",
            overdue_days=overdue,
        )


def _court_dates(session, today, until, scope):
    """The hearings and appeal deadlines from ``today`` to ``until``."""
    where = []
    if scope.case_id is not None:
        where.append(court_dates_of_case(scope.case_id))
    if scope.demand_id is not None:
        where.append(linked_to(LegalAction, scope.demand_id))
    for entry in upcoming_court_dates(session, today, until, where=where):
        yield CalendarItem(
            uid=f"docket-{entry.id}",
            kind=entry.entry_kind,
            label=DOCKET_ENTRY_KINDS.get(entry.entry_kind, entry.entry_kind),
            day=entry.entry_on,
            at=entry.entry_time,
            title=entry.legal_action.title,
            record=entry,
            place=entry.place,
            detail=entry.description,
        )


def _meetings(session, today, until, scope):
    """The published meetings from ``today`` to ``until``."""
    where = []
    if scope.case_id is not None:
        where.append(meetings_of_case(scope.case_id))
    if scope.demand_id is not None:
        where.append(linked_to(Meeting, scope.demand_id))
    for meeting in meetings_between(session, today, until, where=where):
        body = meeting.body.title if meeting.body is not None else None
        yield CalendarItem(
            uid=f"meeting-{meeting.id}",
            kind="meeting",
            label="Meeting",
            day=meeting.meets_on,
            at=meeting.starts_at,
            title=meeting.title,
            record=meeting,
            place=meeting.place,
            detail=f"Public meeting of {body}" if body else "Public meeting",
        )


def calendar_items(session, today, days_ahead, scope=Scope()):
    """Everything on ``scope``'s calendar: overdue, then from ``today`` to ``days_ahead`` on.

    Three queries (requests, court dates, meetings), each at most ``LIMIT`` rows.
    """
    until = today + timedelta(days=days_ahead)
    items = [
        *_requests(session, today, until, scope),
        *_court_dates(session, today, until, scope),
        *_meetings(session, today, until, scope),
    ]
    return sorted(items, key=lambda item: item.sort_key)


def page_of(items, page, per_page):
    """``(items of page, page, pages)``: ``page`` kept within 1..pages."""
    pages = max(1, -(-len(items) // per_page))
    page = min(max(1, page or 1), pages)
    return items[(page - 1) * per_page : page * per_page], page, pages
