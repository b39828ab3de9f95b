"""How a report prints a record of a page model: title, date, labelled facts, text, sources.

Formatting only: the records come from the page model (``tracker.pages``) the HTML page
renders too, so a report shows the same records, and its source numbers are the page's.
"""

from dataclasses import dataclass, field

from tracker.duty.rules import PREMATURE, UNDETERMINED
from tracker.models.choices import (
    COMPLAINT_ACCEPTANCE,
    COMPLAINT_FINDINGS,
    COMPLAINT_KINDS,
    DUTY_EVENT_KINDS,
    INVESTIGATION_FINDINGS,
    INVESTIGATION_SCOPES,
    INVESTIGATION_STATUSES,
    LEGAL_ACTION_KINDS,
    LEGAL_ACTION_STATUSES,
)
from tracker.templating import format_date

REINSTATEMENT_NOTES = {
    PREMATURE: "Reinstated while a related investigation was open (computed from the dates).",
    UNDETERMINED: "The dates on record cannot tell whether a related investigation was open.",
}


@dataclass
class Entry:
    """A record as a report prints it."""

    id: int
    kind: str
    title: str
    date: str | None
    facts: list = field(default_factory=list)  # [(label, value)]
    text: str | None = None
    sources: list = field(default_factory=list)  # citation numbers
    flag: str | None = None


def _day(value, precision="day"):
    """A date as people read it, or None."""
    return format_date(value, precision) if value else None


def _title(record):
    """A related record's title, or None when there is none (or it is not published)."""
    return record.title if record is not None else None


def _facts(*pairs):
    """Keep the (label, value) pairs that have a value."""
    return [(label, value) for label, value in pairs if value not in (None, "", [])]


def _complaint(page, complaint):
    """A complaint: the consenting complainant's public name only (``page.complainant``)."""
    return Entry(
        id=complaint.id,
        kind="complaint",
        title=complaint.title,
        date=_day(complaint.filed_on),
        facts=_facts(
            ("Kind", COMPLAINT_KINDS.get(complaint.complaint_kind)),
            ("Filed with", _title(complaint.filed_with)),
            ("Reference number", complaint.reference_number),
            ("Complainant", page.complainant(complaint)),
            ("Accepted by the agency", COMPLAINT_ACCEPTANCE.get(complaint.acceptance)),
            ("Reason given", complaint.acceptance_reason),
            ("Finding", COMPLAINT_FINDINGS.get(complaint.finding)),
            ("Allegations", ", ".join(item.label for item in complaint.allegations)),
        ),
        text=complaint.description or complaint.summary,
        sources=page.sources.refs(complaint),
    )


def _investigation(page, investigation):
    """An investigation and how far it got."""
    return Entry(
        id=investigation.id,
        kind="investigation",
        title=investigation.title,
        date=_day(investigation.opened_on),
        facts=_facts(
            ("Internal or external", INVESTIGATION_SCOPES.get(investigation.scope)),
            ("Agency", _title(investigation.agency)),
            ("Opened", _day(investigation.opened_on)),
            ("Closed", _day(investigation.closed_on)),
            ("Status", INVESTIGATION_STATUSES.get(investigation.investigation_status)),
            ("Finding", INVESTIGATION_FINDINGS.get(investigation.finding)),
            ("Outcome", investigation.outcome),
        ),
        text=investigation.summary,
        sources=page.sources.refs(investigation),
    )


def _duty_event(page, event, verdict=None):
    """A duty event, flagged when it was a reinstatement during an open investigation."""
    return Entry(
        id=event.id,
        kind="duty_event",
        title=event.title,
        date=_day(event.occurred_on, event.date_precision),
        facts=_facts(
            ("Officer", event.officer.display_name if event.officer is not None else None),
            ("Kind", DUTY_EVENT_KINDS.get(event.duty_kind)),
            ("Related investigations", ", ".join(item.title for item in event.investigations)),
        ),
        text=event.note or event.summary,
        sources=page.sources.refs(event),
        flag=REINSTATEMENT_NOTES.get(verdict),
    )


def _legal_action(page, action):
    """A legal action with its court, docket, dates, status and amounts."""
    return Entry(
        id=action.id,
        kind="legal_action",
        title=action.title,
        date=_day(action.filed_on),
        facts=_facts(
            ("Kind", LEGAL_ACTION_KINDS.get(action.action_kind)),
            ("Court", _title(action.court)),
            ("Docket number", action.docket_number),
            ("Filed", _day(action.filed_on)),
            ("Decided", _day(action.decided_on)),
            ("Status", LEGAL_ACTION_STATUSES.get(action.action_status)),
            ("Outcome", action.outcome),
            ("Amount claimed", f"${action.amount_claimed:,.2f}" if action.amount_claimed else None),
            ("Amount awarded", f"${action.amount_awarded:,.2f}" if action.amount_awarded else None),
        ),
        text=action.summary,
        sources=page.sources.refs(action),
    )


def _other(page, record):
    """Any other record (a demand's evidence of another kind): title, summary, sources."""
    return Entry(
        id=record.id,
        kind=record.kind,
        title=record.title,
        date=None,
        text=record.summary,
        sources=page.sources.refs(record),
    )


BUILDERS = {
    "complaint": _complaint,
    "investigation": _investigation,
    "legal_action": _legal_action,
}


def report_entry(page, item):
    """The ``Entry`` of ``item`` (a record, or a ``(duty event, verdict)`` pair) on ``page``."""
    if isinstance(item, tuple):
        return _duty_event(page, *item)
    if item.kind == "duty_event":
        return _duty_event(page, item)
    return BUILDERS.get(item.kind, _other)(page, item)
