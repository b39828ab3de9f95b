"""Records requests: what was asked of which custodian, when, and what the law says was due.

The due date, the status and "answered late" are computed from the request's dates and its
dated history by its law's rule (``tracker.deadlines``) and stored in its columns on every
change; the requester is private unless they chose to be named.
"""

from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.deadlines.laws import LAW_CHOICES
from tracker.deadlines.store import OPEN_STATUSES, deadline
from tracker.kinds.base import Computed, Filter, OwnPages, RecordKind, Section, public_id
from tracker.kinds.case_filters import published_id
from tracker.kinds.proceedings import case_filter, choice_filter, reference_id
from tracker.models import RecordsRequest, RequestEvent
from tracker.models import choices as C
from tracker.records import parts


def public_requester(request):
    """The requester's public name, only when they chose to be named."""
    if request.requester_is_public and public_id(request.requester):
        return request.requester.public_name
    return None


def history_lines(request):
    """The dated history as lines: "date: step (details)", undated last."""
    lines = []
    for step in request.events:
        details = [
            f"available {step.available_on.isoformat()}" if step.available_on else "",
            f"${step.amount:,.2f}" if step.amount is not None else "",
            f"exemption {step.exemption}" if step.exemption else "",
        ]
        extra = ", ".join(item for item in details if item)
        when = step.occurred_on.isoformat() if step.occurred_on else "undated"
        lines.append(f"{when}: {step.label}" + (f" ({extra})" if extra else ""))
    return lines


def days_overdue(request, today=None):
    """Calendar days the answer is overdue as of ``today`` (default: the server's today)."""
    return deadline(request).days_overdue(today or date.today())


def _natural_key(values):
    """A request is its custodian and reference number, else its title."""
    if values.get("reference_number"):
        custodian_id = reference_id(values, "custodian")
        return ("reference", custodian_id, values["reference_number"]), lambda: select(
            RecordsRequest
        ).where(
            RecordsRequest.custodian_id == custodian_id,
            RecordsRequest.reference_number == values["reference_number"],
        )
    return ("title", values["title"]), lambda: select(RecordsRequest).where(
        RecordsRequest.title == values["title"]
    )


def _overdue(value):
    """SQL: open requests due before today (``overdue=true``)."""
    return and_(
        RecordsRequest.due_on < date.today(), RecordsRequest.request_status.in_(OPEN_STATUSES)
    )


KIND = RecordKind(
    name="records_request",
    model=RecordsRequest,
    label="Records request",
    plural="Records requests",
    collection="records_requests",
    order=55,
    own_pages=OwnPages(
        blueprint="requests",
        path="/requests",
        list_query="tracker.pages.request_list:request_list",
        page_model="tracker.pages.records_request:records_request_page",
        list_template="requests/index.html",
        page_template="requests/detail.html",
        record_name="request_record",
        menu="Records requests",
    ),
    computed=(
        Computed(
            "requester",
            "string",
            "Requester's public name, only when they chose to be named.",
            public_requester,
        ),
        Computed(
            "statutory_due_on",
            "date",
            "The end of the third business day after it was received (RSMo 610.023.3).",
            lambda request: deadline(request).statutory_due_on,
        ),
        Computed(
            "days_overdue",
            "integer",
            "Calendar days past the due date, as of the day it was read (0: not overdue).",
            days_overdue,
        ),
        Computed(
            "history",
            "string list",
            "Dated steps: date: step (available date, fee, exemption).",
            history_lines,
        ),
        Computed(
            "released_source_ids",
            "integer list",
            "Ids of the sources holding the letters and documents of its steps.",
            lambda request: sorted({step.source_id for step in request.events if step.source_id}),
        ),
    ),
    part_writers={"events": parts.request_events},
    load=(
        selectinload(RecordsRequest.custodian),
        selectinload(RecordsRequest.requester),
        selectinload(RecordsRequest.case),
        selectinload(RecordsRequest.events),
    ),
    api=True,
    api_filters=(
        case_filter(RecordsRequest),
        Filter(
            "custodian",
            "Only requests to this agency id.",
            lambda value: and_(RecordsRequest.custodian_id == value, published_id(value)),
        ),
        choice_filter(RecordsRequest.request_status, C.REQUEST_STATUSES),
        choice_filter(RecordsRequest.law, LAW_CHOICES),
        Filter("overdue", "Only open requests whose answer is overdue.", _overdue, ("true",)),
    ),
    natural_key=_natural_key,
    lookup_fields=("title", "reference_number"),
    dated_by="sent_on",
    section=Section(
        sort_by="sent_on",
        load=(
            # Joined: an event and its source are plain rows (no record table nested on the
            # right of a LEFT JOIN), so the page runs no statement more for its history.
            joinedload(RecordsRequest.events).joinedload(RequestEvent.source),
        ),
        refs=("requester", "custodian"),
        case="case",
        empty=None,
        status="request_status",
        related=("custodian",),
        values=lambda request: (public_requester(request), history_lines(request)),
    ),
)
