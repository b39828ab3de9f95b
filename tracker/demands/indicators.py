"""Each demand's indicator, computed from published records only, never typed in.

A demand's ``indicator`` column names which computation applies; ``compute_indicator`` returns
an ``Indicator`` with the figures and the records behind every figure, so a page can show both
the number and the evidence.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload, with_polymorphic

from tracker.duty.rules import PREMATURE, UNDETERMINED, reinstated_while_open
from tracker.extensions import db
from tracker.models import (
    Agency,
    Case,
    CaseOfficer,
    Complaint,
    DemandLink,
    DutyEvent,
    Investigation,
    LegalAction,
    Record,
)
from tracker.models.choices import EXCESSIVE_FORCE_KINDS

PUBLISHED = "published"
DEPARTMENT_KINDS = ("police_department", "internal_affairs")


@dataclass
class Figure:
    """One number of an indicator, with the records it counts."""

    label: str
    records: list = field(default_factory=list)

    @property
    def value(self):
        """How many records the figure counts."""
        return len(self.records)


@dataclass
class Indicator:
    """A demand's computed measure: a headline, its figures and how it was computed."""

    key: str
    question: str
    figures: list
    method: str

    @property
    def total(self):
        """The sum of all figures (what the question is asked of)."""
        return sum(figure.value for figure in self.figures)


def complaints_accepted():
    """Demand 1: criminal complaints filed with the department, by whether it accepted them."""
    agency = aliased(Agency, flat=True)  # both are records: the join needs its own alias
    complaints = db.session.scalars(
        select(Complaint)
        .join(agency, Complaint.filed_with_id == agency.id)
        .where(
            Complaint.status == PUBLISHED,
            Complaint.complaint_kind == "criminal",
            agency.agency_kind.in_(DEPARTMENT_KINDS),
        )
        .order_by(Complaint.filed_on, Complaint.id)
    ).all()
    groups = {"accepted": [], "refused": [], "no_response": [], "pending": []}
    for complaint in complaints:
        groups[complaint.acceptance].append(complaint)
    return Indicator(
        key="complaints_accepted",
        question="Criminal complaints filed with the department: how many did it refuse or leave "
        "unanswered?",
        figures=[
            Figure("Refused", groups["refused"]),
            Figure("No response", groups["no_response"]),
            Figure("Accepted", groups["accepted"]),
            Figure("Awaiting an answer", groups["pending"]),
        ],
        method="Counts published criminal complaints filed with a police department or its "
        "internal affairs unit, by the department's answer.",
    )


def external_investigations():
    """Demand 2: excessive-force cases with and without an external investigation."""
    # Aliased: an unaliased Investigation would share the outer query's ``records`` row.
    investigation = aliased(Investigation, flat=True)
    has_external = (
        select(investigation.id)
        .where(
            investigation.case_id == Case.id,
            investigation.scope == "external",
            investigation.status == PUBLISHED,
        )
        .exists()
    )
    base = (
        select(Case)
        .where(Case.status == PUBLISHED, Case.case_kind.in_(EXCESSIVE_FORCE_KINDS))
        .order_by(Case.occurred_on, Case.id)
    )
    with_external = db.session.scalars(base.where(has_external)).all()
    without_external = db.session.scalars(base.where(~has_external)).all()
    return Indicator(
        key="external_investigations",
        question="Excessive-force cases: how many have an external investigation?",
        figures=[
            Figure("Without an external investigation", without_external),
            Figure("With an external investigation", with_external),
        ],
        method="Counts published shootings, deaths in custody and use-of-force cases, by "
        "whether a published external investigation of the case is on record.",
    )


def officers_named():
    """Demand 3: fatal cases whose officers are all publicly named, and those that are not."""
    cases = db.session.scalars(
        select(Case)
        .where(Case.status == PUBLISHED, Case.outcome == "fatal")
        .options(selectinload(Case.officers).selectinload(CaseOfficer.officer))
        .order_by(Case.occurred_on, Case.id)
    ).all()
    named, not_named = [], []
    for case in cases:
        officers = [link.officer for link in case.officers]
        identified = officers and all(
            # An unpublished officer loads as None behind the public boundary: not named.
            officer is not None
            and officer.status == PUBLISHED
            and officer.identity_status == "named"
            for officer in officers
        )
        (named if identified else not_named).append(case)
    return Indicator(
        key="officers_named",
        question="Fatal cases: are the officers involved named?",
        figures=[
            Figure("Officers withheld or unknown", not_named),
            Figure("All officers named", named),
        ],
        method="Counts published cases with a fatal outcome. A case counts as named only when "
        "every officer linked to it is published with a name; a case with no officer on record "
        "counts as unknown.",
    )


def premature_reinstatement():
    """Demand 4: reinstatements while a related investigation was still open."""
    events = db.session.scalars(
        select(DutyEvent)
        .where(DutyEvent.status == PUBLISHED, DutyEvent.duty_kind == "reinstated")
        .options(selectinload(DutyEvent.investigations), selectinload(DutyEvent.officer))
        .order_by(DutyEvent.occurred_on, DutyEvent.id)
    ).all()
    groups = {PREMATURE: [], UNDETERMINED: [], "other": []}
    for event in events:
        related = [item for item in event.investigations if item.status == PUBLISHED]
        verdict = reinstated_while_open(event, related)
        groups.get(verdict, groups["other"]).append(event)
    return Indicator(
        key="premature_reinstatement",
        question="Reinstatements: how many came while a related investigation was still open?",
        figures=[
            Figure("While an investigation was open", groups[PREMATURE]),
            Figure("Dates on record cannot tell", groups[UNDETERMINED]),
            Figure("No related investigation open", groups["other"]),
        ],
        method="Compares each published reinstatement's date with the opening and closing "
        "dates of its published related investigations. An investigation closed on the day of "
        "the reinstatement counts as closed; one opened later does not count.",
    )


def related_actions(demand):
    """Demand 5: the legal actions and investigations linked to the demand, with status."""
    # Subclass columns in the same query: pages link each record to its case without a query.
    kinds = with_polymorphic(Record, [LegalAction, Investigation], flat=True)
    linked = (
        select(kinds)
        .join(DemandLink, DemandLink.record_id == kinds.id)
        .where(DemandLink.demand_id == demand.id, kinds.status == PUBLISHED)
    )
    records = db.session.scalars(linked.order_by(kinds.id)).all()
    legal = [record for record in records if isinstance(record, LegalAction)]
    investigations = [record for record in records if isinstance(record, Investigation)]
    return Indicator(
        key="related_actions",
        question="What legal actions and investigations bear on this demand, and how far "
        "have they got?",
        figures=[
            Figure("Legal actions", legal),
            Figure("Investigations", investigations),
        ],
        method="Lists published legal actions and investigations linked to this demand.",
    )


COMPUTATIONS = {
    "complaints_accepted": complaints_accepted,
    "external_investigations": external_investigations,
    "officers_named": officers_named,
    "premature_reinstatement": premature_reinstatement,
}


def compute_indicator(demand):
    """Return the ``Indicator`` for ``demand``, or None when it has no computed measure."""
    if demand.indicator == "related_actions":
        return related_actions(demand)
    computation = COMPUTATIONS.get(demand.indicator)
    return computation() if computation else None
