"""Loading a case page: everything it shows, in a fixed number of queries.

``load_case_page`` is shared by the case page and the PDF case report. It runs the same dozen
queries however many people, officers, complaints or sources a case has: related rows come in
with ``selectinload`` (one query per kind) and their single parents with ``joinedload``.
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
    Citation,
    Complaint,
    DemandLink,
    DutyEvent,
    Investigation,
    LegalAction,
    TimelineEvent,
)
from tracker.records.public import public_changes

PUBLISHED = "published"


@dataclass
class CasePage:
    """What a case page (or report) shows; only published, public data."""

    case: Case
    people: list = field(default_factory=list)  # [(CasePerson, Person)]
    officers: list = field(default_factory=list)  # [CaseOfficer] with a published officer
    complaints: list = field(default_factory=list)
    investigations: list = field(default_factory=list)
    duty_events: list = field(default_factory=list)  # [(DutyEvent, verdict or None)]
    legal_actions: list = field(default_factory=list)
    demand_links: list = field(default_factory=list)  # [DemandLink] to published demands
    changes: list = field(default_factory=list)

    @property
    def last_updated(self):
        """When the case was last changed."""
        return self.case.updated_at


def load_case_page(case_id):
    """The published case ``case_id`` and everything its page shows, or None."""
    case = (
        db.session.scalars(
            select(Case)
            .where(Case.id == case_id, Case.status == PUBLISHED)
            .options(
                joinedload(Case.tags),
                selectinload(Case.people).joinedload(CasePerson.person),
                selectinload(Case.officers).joinedload(CaseOfficer.officer),
                selectinload(Case.timeline).joinedload(TimelineEvent.source),
                selectinload(Case.citations).joinedload(Citation.source),
                selectinload(Case.demand_links).joinedload(DemandLink.demand),
            )
        )
        .unique()
        .first()
    )
    if case is None:
        return None
    page = CasePage(case=case)
    page.people = [link for link in case.people if link.person.status == PUBLISHED]
    page.officers = [link for link in case.officers if link.officer.status == PUBLISHED]
    page.demand_links = [link for link in case.demand_links if link.demand.status == PUBLISHED]
    page.complaints = db.session.scalars(
        select(Complaint)
        .where(Complaint.case_id == case_id, Complaint.status == PUBLISHED)
        .options(joinedload(Complaint.filed_with), selectinload(Complaint.allegations))
        .order_by(Complaint.filed_on, Complaint.id)
    ).all()
    page.investigations = db.session.scalars(
        select(Investigation)
        .where(Investigation.case_id == case_id, Investigation.status == PUBLISHED)
        .options(joinedload(Investigation.agency))
        .order_by(Investigation.opened_on, Investigation.id)
    ).all()
    page.legal_actions = db.session.scalars(
        select(LegalAction)
        .where(LegalAction.case_id == case_id, LegalAction.status == PUBLISHED)
        .options(joinedload(LegalAction.court))
        .order_by(LegalAction.filed_on, LegalAction.id)
    ).all()
    officer_ids = sorted({link.officer_id for link in page.officers})
    page.duty_events = duty_events_with_verdicts(officer_ids)
    page.changes = public_changes(case_id)
    return page


def duty_events_with_verdicts(officer_ids):
    """Published duty events of these officers, each with its premature-reinstatement verdict.

    The verdict is None for events other than reinstatements; it counts only published related
    investigations. One query.
    """
    events = (
        db.session.scalars(
            select(DutyEvent)
            .where(DutyEvent.officer_id.in_(officer_ids), DutyEvent.status == PUBLISHED)
            .options(joinedload(DutyEvent.investigations))
            .order_by(DutyEvent.occurred_on, DutyEvent.id)
        )
        .unique()
        .all()
    )
    result = []
    for event in events:
        verdict = None
        if event.duty_kind == "reinstated":
            related = [item for item in event.investigations if item.status == PUBLISHED]
            verdict = reinstated_while_open(event, related)
        result.append((event, verdict))
    return result
