"""The records request page model: the request, its deadline and its dated history.

Run behind the visibility boundary: an unpublished custodian, case or requester never loads.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.deadlines.clock import today as clock_today
from tracker.deadlines.store import deadline
from tracker.extensions import db
from tracker.kinds.records_request import public_requester
from tracker.models import DemandLink, RecordsRequest, RequestEvent
from tracker.pages.common import Shown, Sources, by_demand_number, load_citations
from tracker.records.public import public_changes


@dataclass
class RecordsRequestPage:
    """What a records request's page shows; only published, public data."""

    request: RecordsRequest
    sources: Sources
    deadline: object = None  # tracker.deadlines.sunshine.Deadline
    days_overdue: int = 0
    requester: str | None = None  # the public name, only when they chose to be named
    events: list = field(default_factory=list)  # [RequestEvent], by date
    demand_links: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    shown: Shown = field(default_factory=Shown)
    fingerprint: str = ""

    kind = "records_request"

    @property
    def record(self):
        """The request (every page model names its record ``record``)."""
        return self.request

    @property
    def last_updated(self):
        """When the request was last changed."""
        return self.request.updated_at

    @property
    def as_of(self):
        """The last change to anything the page shows."""
        return self.shown.latest


def records_request_page(request_id, today=None):
    """The published request ``request_id`` and what its page shows, or None."""
    request = db.session.scalars(
        select(RecordsRequest)
        .where(RecordsRequest.id == request_id)
        .options(
            joinedload(RecordsRequest.custodian),
            joinedload(RecordsRequest.case),
            joinedload(RecordsRequest.requester),
            selectinload(RecordsRequest.events).joinedload(RequestEvent.source),
            selectinload(RecordsRequest.demand_links).joinedload(DemandLink.demand),
        )
    ).first()
    if request is None:
        return None
    page = RecordsRequestPage(request=request, sources=Sources(load_citations([request.id])))
    page.deadline = deadline(request)
    page.days_overdue = page.deadline.days_overdue(today or clock_today())
    page.requester = public_requester(request)
    page.events = list(request.events)
    page.demand_links = by_demand_number(request.demand_links)
    page.changes = public_changes(request.id)
    _number_and_stamp(page)
    return page


def _number_and_stamp(page):
    """Number the sources in the order the page shows them and note everything it shows."""
    request, sources, shown = page.request, page.sources, page.shown
    shown.add(request, request.custodian, request.case)
    shown.values(page.requester, page.days_overdue)
    sources.cite(request)
    for step in page.events:
        shown.values(step.occurred_on, step.event_kind, step.available_on, step.amount, step.note)
        sources.cite_part(step, step.source)
    for link in page.demand_links:
        shown.add(link.demand)
        shown.values(link.note)
    page.fingerprint = shown.fingerprint(sources)
