"""What a report shows, loaded once with eager loading: plain dataclasses of public fields.

``case_dossier``, ``officer_dossier`` and ``demand_dossier`` return None when there is no such
published record. Each dossier carries a ``fingerprint`` of the version of every record (and
source) it shows, so a cached report is reused exactly as long as nothing in it changed.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.duty.rules import duty_status
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
    Officer,
    TimelineEvent,
)
from tracker.models.choices import (
    CASE_KINDS,
    CASE_OFFICER_ROLES,
    CASE_OUTCOMES,
    CASE_PERSON_ROLES,
    DUTY_STATUSES,
    IDENTITY_STATUSES,
)
from tracker.reports.entries import (
    PUBLISHED,
    Shown,
    Sources,
    agency_name,
    complaint_entry,
    duty_event_entry,
    investigation_entry,
    legal_action_entry,
    officer_name,
    published,
)
from tracker.templating import format_date

# Bump when the report layout changes, so cached PDFs of the old layout are not reused.
REPORT_FORMAT = 2  # 2: bounded Markdown
CITED = selectinload(Case.citations).selectinload(Citation.source)


@dataclass
class Dossier:
    """What every report has: the record, when it was last changed, its sources and links."""

    kind: str
    id: int
    title: str
    slug: str
    version: int
    as_of: datetime | None
    summary: str | None
    facts: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    demands: list = field(default_factory=list)  # [(number, title, note)]
    fingerprint: str = ""
    # Set while rendering when this record cannot be laid out: "text" hides its Markdown text,
    # "record" all of it (a multi-case report still renders the other cases).
    render_error: str | None = None


@dataclass
class CaseDossier(Dossier):
    """A case with everything that followed it."""

    narrative: str | None = None
    people: list = field(default_factory=list)  # [(public name, role, facts)]
    officers: list = field(default_factory=list)  # [(name, role, facts)]
    timeline: list = field(default_factory=list)  # [(date, description, source number)]
    complaints: list = field(default_factory=list)
    investigations: list = field(default_factory=list)
    duty_events: list = field(default_factory=list)
    legal_actions: list = field(default_factory=list)
    sources_of_case: list = field(default_factory=list)


@dataclass
class OfficerDossier(Dossier):
    """An officer and every published record that involves them."""

    description: str | None = None
    duty_status: str = ""
    cited: list = field(default_factory=list)  # source numbers of the officer record
    cases: list = field(default_factory=list)  # [(id, title, date, role, source numbers)]
    complaints: list = field(default_factory=list)
    investigations: list = field(default_factory=list)
    duty_events: list = field(default_factory=list)
    legal_actions: list = field(default_factory=list)


def _demand_links(record, shown):
    """The published demands ``record`` is linked to: [(number, title, note)]."""
    rows = []
    for link in sorted(record.demand_links, key=lambda item: item.demand.number):
        if published(link.demand) is not None:
            shown.add(link.demand)
            rows.append((link.demand.number, link.demand.title, link.note))
    return rows


def _published(statement):
    """Run ``statement`` and return the records."""
    return db.session.scalars(statement).unique().all()


def _load_cases(case_ids):
    """The published cases among ``case_ids`` with their parts, eagerly loaded, by id."""
    cases = db.session.scalars(
        select(Case)
        .where(Case.id.in_(case_ids), Case.status == PUBLISHED)
        .options(
            CITED,
            selectinload(Case.people).selectinload(CasePerson.person),
            selectinload(Case.officers).selectinload(CaseOfficer.officer),
            selectinload(Case.tags),
            selectinload(Case.timeline).selectinload(TimelineEvent.source),
            selectinload(Case.demand_links).selectinload(DemandLink.demand),
        )
    ).all()
    return {case.id: case for case in cases}


def _grouped(records, key):
    """``{key(record): [records...]}``, keeping the order of ``records``."""
    groups = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return groups


def _related(model, *where, extra=()):
    """Published records of ``model`` matching ``where``, with citations loaded."""
    options = [selectinload(model.citations).selectinload(Citation.source), *extra]
    order = getattr(model, "filed_on", None) or getattr(model, "opened_on", None)
    order = order if order is not None else getattr(model, "occurred_on", model.id)
    return _published(
        select(model)
        .where(model.status == PUBLISHED, *where)
        .options(*options)
        .order_by(order, model.id)
    )


COMPLAINT_PARTS = (
    selectinload(Complaint.officers),
    selectinload(Complaint.allegations),
    selectinload(Complaint.filed_with),
    selectinload(Complaint.complainant),
)
INVESTIGATION_PARTS = (selectinload(Investigation.officers), selectinload(Investigation.agency))
LEGAL_PARTS = (selectinload(LegalAction.officers), selectinload(LegalAction.court))
DUTY_PARTS = (selectinload(DutyEvent.officer), selectinload(DutyEvent.investigations))


def case_dossier(case_id):
    """Everything a case report shows, or None when the case is not published."""
    return case_dossiers([case_id]).get(case_id)


def case_dossiers(case_ids):
    """``{id: CaseDossier}`` for the published cases among ``case_ids``.

    The number of queries does not grow with the number of cases: the cases, and then their
    complaints, investigations, legal actions and officers' duty events, are each loaded for all
    of them at once and handed out per case.
    """
    cases = _load_cases(list(case_ids))
    if not cases:
        return {}
    ids = list(cases)
    complaints = _grouped(
        _related(Complaint, Complaint.case_id.in_(ids), extra=COMPLAINT_PARTS),
        lambda item: item.case_id,
    )
    investigations = _grouped(
        _related(Investigation, Investigation.case_id.in_(ids), extra=INVESTIGATION_PARTS),
        lambda item: item.case_id,
    )
    legal_actions = _grouped(
        _related(LegalAction, LegalAction.case_id.in_(ids), extra=LEGAL_PARTS),
        lambda item: item.case_id,
    )
    officer_ids = {
        part.officer_id
        for case in cases.values()
        for part in case.officers
        if published(part.officer) is not None
    }
    duty_events = _grouped(
        _related(DutyEvent, DutyEvent.officer_id.in_(officer_ids), extra=DUTY_PARTS)
        if officer_ids
        else [],
        lambda item: item.officer_id,
    )
    related = CaseRelated(complaints, investigations, legal_actions, duty_events)
    return {case_id: _case_dossier(cases[case_id], related) for case_id in ids}


@dataclass
class CaseRelated:
    """Published records that follow cases, grouped by case id (duty events by officer id)."""

    complaints: dict
    investigations: dict
    legal_actions: dict
    duty_events: dict


def _case_dossier(case, related):
    """The dossier of one loaded ``case`` from the ``related`` records loaded for it."""
    shown, sources = Shown(), Sources()
    shown.add(case)
    dossier = CaseDossier(
        kind="case",
        id=case.id,
        title=case.title,
        slug=case.slug,
        version=case.version,
        as_of=None,
        summary=case.summary,
        narrative=case.narrative,
        facts=[
            ("Date", format_date(case.occurred_on, case.date_precision)),
            ("Place", case.place or "not recorded"),
            ("Kind", CASE_KINDS.get(case.case_kind, case.case_kind)),
            ("Outcome", CASE_OUTCOMES.get(case.outcome, case.outcome)),
        ]
        + ([("Tags", ", ".join(tag.name for tag in case.tags))] if case.tags else []),
    )
    dossier.sources_of_case = sources.cite(case)
    for part in case.people:
        person = published(part.person)
        if person is None:
            continue
        shown.add(person)
        details = (person.age and f"age {person.age}", person.race, person.gender)
        dossier.people.append(
            (person.public_name, CASE_PERSON_ROLES.get(part.role), [d for d in details if d])
        )
    officer_ids = []
    for part in case.officers:
        officer = part.officer
        if published(officer) is not None:
            shown.add(officer)
            officer_ids.append(officer.id)
        dossier.officers.append(
            (officer_name(officer), CASE_OFFICER_ROLES.get(part.role), _officer_facts(officer))
        )
    for event in case.timeline:
        dossier.timeline.append(
            (
                format_date(event.occurred_on, event.date_precision),
                event.description,
                sources.add(event.source),
            )
        )
    dossier.complaints = [
        complaint_entry(item, sources, shown) for item in related.complaints.get(case.id, [])
    ]
    dossier.investigations = [
        investigation_entry(item, sources, shown)
        for item in related.investigations.get(case.id, [])
    ]
    events = [
        item
        for officer_id in dict.fromkeys(officer_ids)  # an officer may hold two roles
        for item in related.duty_events.get(officer_id, [])
    ]
    events.sort(key=lambda item: (item.occurred_on is None, item.occurred_on or date.min, item.id))
    dossier.duty_events = [duty_event_entry(item, sources, shown) for item in events]
    dossier.legal_actions = [
        legal_action_entry(item, sources, shown) for item in related.legal_actions.get(case.id, [])
    ]
    dossier.demands = _demand_links(case, shown)
    return _finish(dossier, shown, sources)


def _officer_facts(officer):
    """The public facts of a published officer (nothing for an unpublished one)."""
    if published(officer) is None:
        return []
    facts = [
        ("Identity", IDENTITY_STATUSES.get(officer.identity_status)),
        ("Rank", officer.rank),
        ("Unit", officer.unit),
        ("Serial number", officer.serial_number),
        ("Badge number", officer.badge_number),
        ("Agency", agency_name(officer.agency)),
    ]
    return [(label, value) for label, value in facts if value]


def _finish(dossier, shown, sources):
    """Attach the numbered sources, the "as of" time and the fingerprint.

    The fingerprint covers the versions of the records shown and also the dossier's content
    itself, so a change to something without a version of its own (an agency's name shown
    beside an officer, a tag) still makes a new report.
    """
    dossier.sources = sources.rows
    dossier.as_of = shown.latest
    dossier.fingerprint = shown.fingerprint(sources, REPORT_FORMAT, content_hash(dossier))
    return dossier


def content_hash(dossier):
    """A hash of everything ``dossier`` holds (its dataclass representation)."""
    return hashlib.sha256(repr(dossier).encode()).hexdigest()


def officer_dossier(officer_id):
    """Everything an officer report shows, or None when the officer is not published."""
    officer = db.session.scalars(
        select(Officer)
        .where(Officer.id == officer_id, Officer.status == PUBLISHED)
        .options(
            selectinload(Officer.citations).selectinload(Citation.source),
            selectinload(Officer.agency),
            selectinload(Officer.demand_links).selectinload(DemandLink.demand),
        )
    ).first()
    if officer is None:
        return None
    shown, sources = Shown(), Sources()
    shown.add(officer)
    cited = sources.cite(officer)
    events = _related(DutyEvent, DutyEvent.officer_id == officer.id, extra=DUTY_PARTS)
    status = duty_status(events)
    dossier = OfficerDossier(
        kind="officer",
        id=officer.id,
        title=officer.display_name,
        slug=officer.slug,
        version=officer.version,
        as_of=None,
        summary=officer.summary,
        description=officer.public_description,
        facts=_officer_facts(officer),
        duty_status=DUTY_STATUSES.get(status.status, status.status)
        + (f" since {format_date(status.since)}" if status.since else ""),
        cited=cited,
    )
    case_rows = db.session.execute(
        select(Case, CaseOfficer.role)
        .join(CaseOfficer, CaseOfficer.case_id == Case.id)
        .where(CaseOfficer.officer_id == officer.id, Case.status == PUBLISHED)
        .options(CITED)
        .order_by(Case.occurred_on, Case.id)
    ).all()
    for case, role in case_rows:
        shown.add(case)
        dossier.cases.append(
            (
                case.id,
                case.title,
                format_date(case.occurred_on, case.date_precision),
                CASE_OFFICER_ROLES.get(role),
                sources.cite(case),
            )
        )
    dossier.complaints = [
        complaint_entry(item, sources, shown)
        for item in _related(
            Complaint, Complaint.officers.any(Officer.id == officer.id), extra=COMPLAINT_PARTS
        )
    ]
    dossier.investigations = [
        investigation_entry(item, sources, shown)
        for item in _related(
            Investigation,
            Investigation.officers.any(Officer.id == officer.id),
            extra=INVESTIGATION_PARTS,
        )
    ]
    dossier.duty_events = [duty_event_entry(item, sources, shown) for item in events]
    dossier.legal_actions = [
        legal_action_entry(item, sources, shown)
        for item in _related(
            LegalAction, LegalAction.officers.any(Officer.id == officer.id), extra=LEGAL_PARTS
        )
    ]
    dossier.demands = _demand_links(officer, shown)
    return _finish(dossier, shown, sources)
