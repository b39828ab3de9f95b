"""The case page model: one loader for the case page, its PDF and the multi-case PDF.

``case_pages(ids)`` loads any number of cases in a fixed number of queries (each kind of part
is loaded for all of them at once and handed out per case); ``case_page(id)`` is the one-case
call the page and the case PDF make. Run it behind the visibility boundary.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.duty.rules import reinstated_while_open
from tracker.extensions import db
from tracker.models import (
    Case,
    CaseOfficer,
    CasePerson,
    Complaint,
    DemandLink,
    DutyEvent,
    Investigation,
    LegalAction,
    Officer,
    TimelineEvent,
)
from tracker.pages.common import (
    Shown,
    Sources,
    load_citations,
    public_complainant,
    sort_undated_last,
)
from tracker.records.public import public_changes


@dataclass
class CasePage:
    """What a case page (and its PDF) shows, in order; only published, public data."""

    case: Case
    sources: Sources
    people: list = field(default_factory=list)  # [CasePerson], each with its person
    officers: list = field(default_factory=list)  # [CaseOfficer], each with its officer
    timeline: list = field(default_factory=list)  # [TimelineEvent], undated last
    complaints: list = field(default_factory=list)
    investigations: list = field(default_factory=list)
    duty_events: list = field(default_factory=list)  # [(DutyEvent, verdict)]
    legal_actions: list = field(default_factory=list)
    demand_links: list = field(default_factory=list)  # [DemandLink], by demand number
    changes: list = field(default_factory=list)
    shown: Shown = field(default_factory=Shown)
    fingerprint: str = ""
    # Set while rendering a report when WeasyPrint cannot lay it out: "text" hides its Markdown
    # text, "record" all of it (a multi-case report still renders the other cases).
    render_error: str | None = None

    kind = "case"

    @property
    def record(self):
        """The case (every page model names its record ``record``)."""
        return self.case

    @property
    def last_updated(self):
        """When the case was last changed."""
        return self.case.updated_at

    @property
    def as_of(self):
        """The last change to anything the page shows."""
        return self.shown.latest

    def complainant(self, complaint):
        """The public name of the complaint's consenting complainant, or None."""
        return public_complainant(complaint)


def case_page(case_id, changes=True):
    """The published case ``case_id`` and everything its page shows, or None."""
    return case_pages([case_id], changes=changes).get(case_id)


def _load_cases(case_ids):
    """The published cases among ``case_ids``, with the parts every page shows."""
    return (
        db.session.scalars(
            select(Case)
            .where(Case.id.in_(case_ids))
            .options(
                joinedload(Case.tags),
                selectinload(Case.people).joinedload(CasePerson.person),
                selectinload(Case.officers)
                .joinedload(CaseOfficer.officer)
                .joinedload(Officer.agency),
                selectinload(Case.timeline).joinedload(TimelineEvent.source),
                selectinload(Case.demand_links).joinedload(DemandLink.demand),
            )
        )
        .unique()
        .all()
    )


def _by_case(model, case_ids, *options):
    """``{case id: [records]}`` of ``model`` following the cases, one query."""
    records = (
        db.session.scalars(select(model).where(model.case_id.in_(case_ids)).options(*options))
        .unique()
        .all()
    )
    grouped = {}
    for record in records:
        grouped.setdefault(record.case_id, []).append(record)
    return grouped


def _duty_events(officer_ids):
    """``{officer id: [DutyEvent]}`` of these officers, with related investigations, one query."""
    if not officer_ids:
        return {}
    events = (
        db.session.scalars(
            select(DutyEvent)
            .where(DutyEvent.officer_id.in_(sorted(officer_ids)))
            .options(
                joinedload(DutyEvent.officer),
                joinedload(DutyEvent.investigations),
            )
        )
        .unique()
        .all()
    )
    grouped = {}
    for event in events:
        grouped.setdefault(event.officer_id, []).append(event)
    return grouped


def with_verdicts(events):
    """``[(event, premature-reinstatement verdict or None)]``, undated events last."""
    return [
        (
            event,
            reinstated_while_open(event) if event.duty_kind == "reinstated" else None,
        )
        for event in sort_undated_last(events, "occurred_on")
    ]


def case_pages(case_ids, changes=False):
    """``{id: CasePage}`` for the published cases among ``case_ids``.

    The number of queries does not grow with the number of cases or of their parts.
    ``changes`` loads the public change list too (one query per case: pages only).
    """
    cases = _load_cases(list(case_ids))
    if not cases:
        return {}
    ids = [case.id for case in cases]
    complaints = _by_case(
        Complaint,
        ids,
        joinedload(Complaint.filed_with),
        joinedload(Complaint.complainant),
        joinedload(Complaint.allegations),
    )
    investigations = _by_case(Investigation, ids, joinedload(Investigation.agency))
    legal_actions = _by_case(LegalAction, ids, joinedload(LegalAction.court))
    officer_ids = {link.officer_id for case in cases for link in case.officers if link.officer}
    duty_events = _duty_events(officer_ids)
    related = [
        record
        for group in (complaints, investigations, legal_actions, duty_events)
        for records in group.values()
        for record in records
    ]
    citations = load_citations(ids + [record.id for record in related])
    pages = {}
    for case in cases:
        page = CasePage(case=case, sources=Sources(citations))
        page.people = [link for link in case.people if link.person is not None]
        page.officers = [link for link in case.officers if link.officer is not None]
        page.timeline = sort_undated_last(case.timeline, "occurred_on")
        page.complaints = sort_undated_last(complaints.get(case.id, []), "filed_on")
        page.investigations = sort_undated_last(investigations.get(case.id, []), "opened_on")
        page.legal_actions = sort_undated_last(legal_actions.get(case.id, []), "filed_on")
        # An officer may hold two roles in a case: their events are listed once.
        officers = dict.fromkeys(link.officer_id for link in page.officers)
        page.duty_events = with_verdicts(
            [event for officer_id in officers for event in duty_events.get(officer_id, [])]
        )
        page.demand_links = sorted(
            (link for link in case.demand_links if link.demand is not None),
            key=lambda link: link.demand.number,
        )
        if changes:
            page.changes = public_changes(case.id)
        _number_and_stamp(page)
        pages[case.id] = page
    return pages


def _number_and_stamp(page):
    """Number the sources in the order the page shows them and note everything it shows."""
    case, sources, shown = page.case, page.sources, page.shown
    shown.add(case)
    shown.values([tag.name for tag in case.tags])
    sources.cite(case)
    for link in page.people:
        shown.add(link.person)
        shown.values(link.role)
    for link in page.officers:
        shown.add(link.officer, link.officer.agency)
        shown.values(link.role)
    for event in page.timeline:
        shown.values(event.occurred_on, event.date_precision, event.description)
        sources.cite_part(event, event.source)
    for complaint in page.complaints:
        shown.add(complaint, complaint.filed_with)
        shown.values(page.complainant(complaint), [item.category for item in complaint.allegations])
        sources.cite(complaint)
    for investigation in page.investigations:
        shown.add(investigation, investigation.agency)
        sources.cite(investigation)
    for event, _verdict in page.duty_events:
        shown.add(event, event.officer, *event.investigations)
        sources.cite(event)
    for action in page.legal_actions:
        shown.add(action, action.court)
        sources.cite(action)
    for link in page.demand_links:
        shown.add(link.demand)
        shown.values(link.note)
    page.fingerprint = shown.fingerprint(sources)
