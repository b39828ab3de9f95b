"""The building blocks of a dossier: numbered sources and one entry per related record.

Every function here reads only public fields. A related record that is not published is left
out, and a person is shown by ``public_name`` only, so nothing private can reach a report.
"""

import hashlib
from dataclasses import dataclass, field

from tracker.duty.rules import PREMATURE, UNDETERMINED, reinstated_while_open
from tracker.models.choices import (
    COMPLAINT_ACCEPTANCE,
    COMPLAINT_FINDINGS,
    COMPLAINT_KINDS,
    DUTY_EVENT_KINDS,
    INVESTIGATION_SCOPES,
    INVESTIGATION_STATUSES,
    LEGAL_ACTION_KINDS,
    LEGAL_ACTION_STATUSES,
)
from tracker.templating import format_date

PUBLISHED = "published"
REINSTATEMENT_NOTES = {
    PREMATURE: "Reinstated while a related investigation was open (computed from the dates).",
    UNDETERMINED: "The dates on record cannot tell whether a related investigation was open.",
}


@dataclass
class SourceRow:
    """One numbered source in a report's list of citations."""

    number: int
    title: str
    publisher: str | None
    published_on: str | None
    kind: str
    url: str | None
    locator: str | None = None


@dataclass
class Entry:
    """A related record as a report shows it: title, date, labelled facts, text, sources."""

    id: int
    kind: str
    title: str
    date: str | None
    facts: list = field(default_factory=list)  # [(label, value)]
    text: str | None = None
    sources: list = field(default_factory=list)  # citation numbers
    flag: str | None = None


class Sources:
    """Numbers sources in the order a report first cites them, each source once."""

    def __init__(self):
        """Start an empty list."""
        self.rows = []
        self._numbers = {}
        self.stamps = []

    def cite(self, record):
        """Number every source ``record`` cites; return the numbers."""
        return [self.add(citation.source, citation.locator) for citation in record.citations]

    def add(self, source, locator=None):
        """Number ``source`` (once) and return its number; None for no source."""
        if source is None:
            return None
        if source.id not in self._numbers:
            number = len(self.rows) + 1
            self._numbers[source.id] = number
            self.stamps.append(f"s{source.id}:{source.updated_at}")
            self.rows.append(
                SourceRow(
                    number=number,
                    title=source.title,
                    publisher=source.publisher,
                    published_on=format_date(source.published_on) if source.published_on else None,
                    kind=source.source_kind_label,
                    url=source.url,
                    locator=locator,
                )
            )
        return self._numbers[source.id]


class Shown:
    """The records a report shows, with their versions: the report's cache fingerprint."""

    def __init__(self):
        """Start with nothing shown."""
        self.stamps = set()
        self.latest = None

    def add(self, record):
        """Note that the report shows ``record`` (as it is now)."""
        self.stamps.add(f"r{record.id}:{record.version}:{record.updated_at}")
        if record.updated_at and (self.latest is None or record.updated_at > self.latest):
            self.latest = record.updated_at

    def fingerprint(self, sources, *extra):
        """A short hash of every shown record's version and every source's last change."""
        parts = sorted(self.stamps) + sorted(sources.stamps) + [str(item) for item in extra]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def published(record):
    """``record`` when the public may see it, else None."""
    return record if record is not None and record.status == PUBLISHED else None


def officer_name(officer):
    """An officer's public name, or a neutral stand-in for an unpublished record."""
    if published(officer) is None:
        return "An officer (record not published)"
    return officer.display_name


def agency_name(agency):
    """A published agency's name, or None."""
    return agency.title if published(agency) is not None else None


def _facts(*pairs):
    """Keep the (label, value) pairs that have a value."""
    return [(label, value) for label, value in pairs if value not in (None, "", [])]


def complaint_entry(complaint, sources, shown):
    """A published complaint; the complainant is named only when they agreed and it is public."""
    shown.add(complaint)
    complainant = None
    if complaint.complainant_is_public and published(complaint.complainant) is not None:
        complainant = complaint.complainant.public_name
    return Entry(
        id=complaint.id,
        kind="complaint",
        title=complaint.title,
        date=format_date(complaint.filed_on) if complaint.filed_on else None,
        facts=_facts(
            ("Kind", COMPLAINT_KINDS.get(complaint.complaint_kind)),
            ("Filed with", agency_name(complaint.filed_with)),
            ("Reference number", complaint.reference_number),
            ("Complainant", complainant),
            ("Accepted by the agency", COMPLAINT_ACCEPTANCE.get(complaint.acceptance)),
            ("Reason given", complaint.acceptance_reason),
            ("Finding", COMPLAINT_FINDINGS.get(complaint.finding)),
            ("Allegations", ", ".join(item.label for item in complaint.allegations)),
            ("Officers", ", ".join(officer_name(item) for item in complaint.officers)),
        ),
        text=complaint.description or complaint.summary,
        sources=sources.cite(complaint),
    )


def investigation_entry(investigation, sources, shown):
    """A published investigation and how far it got."""
    shown.add(investigation)
    return Entry(
        id=investigation.id,
        kind="investigation",
        title=investigation.title,
        date=format_date(investigation.opened_on) if investigation.opened_on else None,
        facts=_facts(
            ("Internal or external", INVESTIGATION_SCOPES.get(investigation.scope)),
            ("Agency", agency_name(investigation.agency)),
            ("Opened", format_date(investigation.opened_on) if investigation.opened_on else None),
            ("Closed", format_date(investigation.closed_on) if investigation.closed_on else None),
            ("Status", INVESTIGATION_STATUSES.get(investigation.investigation_status)),
            ("Finding", COMPLAINT_FINDINGS.get(investigation.finding)),
            ("Outcome", investigation.outcome),
            ("Officers", ", ".join(officer_name(item) for item in investigation.officers)),
        ),
        text=investigation.summary,
        sources=sources.cite(investigation),
    )


def duty_event_entry(event, sources, shown):
    """A published duty event, flagged when it was a reinstatement during an open investigation."""
    shown.add(event)
    related = [item for item in event.investigations if published(item) is not None]
    verdict = reinstated_while_open(event, related)
    return Entry(
        id=event.id,
        kind="duty_event",
        title=event.title,
        date=format_date(event.occurred_on, event.date_precision) if event.occurred_on else None,
        facts=_facts(
            ("Officer", officer_name(event.officer)),
            ("Kind", DUTY_EVENT_KINDS.get(event.duty_kind)),
            ("Related investigations", ", ".join(item.title for item in related)),
        ),
        text=event.note or event.summary,
        sources=sources.cite(event),
        flag=REINSTATEMENT_NOTES.get(verdict),
    )


def legal_action_entry(action, sources, shown):
    """A published legal action with its court, docket, dates, status and amounts."""
    shown.add(action)
    return Entry(
        id=action.id,
        kind="legal_action",
        title=action.title,
        date=format_date(action.filed_on) if action.filed_on else None,
        facts=_facts(
            ("Kind", LEGAL_ACTION_KINDS.get(action.action_kind)),
            ("Court", agency_name(action.court)),
            ("Docket number", action.docket_number),
            ("Filed", format_date(action.filed_on) if action.filed_on else None),
            ("Decided", format_date(action.decided_on) if action.decided_on else None),
            ("Status", LEGAL_ACTION_STATUSES.get(action.action_status)),
            ("Outcome", action.outcome),
            ("Amount claimed", f"${action.amount_claimed:,.2f}" if action.amount_claimed else None),
            ("Amount awarded", f"${action.amount_awarded:,.2f}" if action.amount_awarded else None),
            ("Officers", ", ".join(officer_name(item) for item in action.officers)),
        ),
        text=action.summary,
        sources=sources.cite(action),
    )
