"""Loading an officer page: identity, duty-status timeline and every published record.

``load_officer_page`` is shared by the officer page and the PDF officer report; it runs a fixed
number of queries however many records involve the officer.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.cases.services import duty_events_with_verdicts
from tracker.duty.rules import duty_status
from tracker.extensions import db
from tracker.models import (
    Case,
    CaseOfficer,
    Citation,
    Complaint,
    DemandLink,
    Investigation,
    LegalAction,
    Officer,
)
from tracker.models.proceedings import (
    complaint_officers,
    investigation_officers,
    legal_action_officers,
)
from tracker.records.public import public_changes

PUBLISHED = "published"


@dataclass
class OfficerPage:
    """What an officer page (or report) shows; only published, public data."""

    officer: Officer
    status: object = None  # DutyStatus
    duty_events: list = field(default_factory=list)  # [(DutyEvent, verdict or None)]
    cases: list = field(default_factory=list)  # [(Case, role)]
    complaints: list = field(default_factory=list)
    investigations: list = field(default_factory=list)
    legal_actions: list = field(default_factory=list)
    demand_links: list = field(default_factory=list)
    changes: list = field(default_factory=list)

    @property
    def last_updated(self):
        """When the officer record was last changed."""
        return self.officer.updated_at


def _involving(model, table, officer_id, order):
    """Published records of ``model`` whose officer table ``table`` names the officer."""
    owner = next(column for column in table.c if column.name != "officer_id")
    return db.session.scalars(
        select(model)
        .join(table, owner == model.id)
        .where(table.c.officer_id == officer_id, model.status == PUBLISHED)
        .order_by(order, model.id)
    ).all()


def load_officer_page(officer_id):
    """The published officer ``officer_id`` and everything the page shows, or None."""
    officer = db.session.scalars(
        select(Officer)
        .where(Officer.id == officer_id, Officer.status == PUBLISHED)
        .options(
            joinedload(Officer.agency),
            selectinload(Officer.citations).joinedload(Citation.source),
            selectinload(Officer.demand_links).joinedload(DemandLink.demand),
        )
    ).first()
    if officer is None:
        return None
    page = OfficerPage(officer=officer)
    page.duty_events = duty_events_with_verdicts([officer_id])
    page.status = duty_status([event for event, _ in page.duty_events])
    page.cases = db.session.execute(
        select(Case, CaseOfficer.role)
        .join(CaseOfficer, CaseOfficer.case_id == Case.id)
        .where(CaseOfficer.officer_id == officer_id, Case.status == PUBLISHED)
        .order_by(Case.occurred_on.desc(), Case.id)
    ).all()
    page.complaints = _involving(Complaint, complaint_officers, officer_id, Complaint.filed_on)
    page.investigations = _involving(
        Investigation, investigation_officers, officer_id, Investigation.opened_on
    )
    page.legal_actions = _involving(
        LegalAction, legal_action_officers, officer_id, LegalAction.filed_on
    )
    page.demand_links = [link for link in officer.demand_links if link.demand.status == PUBLISHED]
    page.changes = public_changes(officer_id)
    return page


def officer_list_statement():
    """Published officers with their agency, named ones first, then by title."""
    return (
        select(Officer)
        .where(Officer.status == PUBLISHED)
        .options(joinedload(Officer.agency), selectinload(Officer.duty_events))
        .order_by((Officer.identity_status != "named"), Officer.title, Officer.id)
    )


def published_duty_status(officer):
    """The officer's duty status from published duty events only."""
    return duty_status([event for event in officer.duty_events if event.status == PUBLISHED])
