"""Published records as plain rows of the fields in ``fields.KINDS`` (and nothing else).

``published_statement(kind)`` selects the published records of a kind with everything a row
needs loaded eagerly; ``to_row(kind, record)`` returns its JSON-safe row. A reference to a
record the public cannot see (a draft officer, an unpublished case) is exported as null.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.duty.rules import duty_status, reinstated_while_open
from tracker.models import (
    Agency,
    Case,
    CaseOfficer,
    CasePerson,
    Citation,
    Complaint,
    Demand,
    DemandLink,
    DutyEvent,
    Investigation,
    LegalAction,
    Officer,
    Person,
    Petition,
    Source,
)
from tracker.opendata.fields import KINDS
from tracker.records.sources import cited_by_published

PUBLISHED = "published"
MODELS = {
    "cases": Case,
    "officers": Officer,
    "complaints": Complaint,
    "investigations": Investigation,
    "duty_events": DutyEvent,
    "legal_actions": LegalAction,
    "demands": Demand,
    "agencies": Agency,
    "people": Person,
    "petitions": Petition,
}
EXTRA_OPTIONS = {
    "cases": (
        selectinload(Case.tags),
        selectinload(Case.people).selectinload(CasePerson.person),
        selectinload(Case.officers).selectinload(CaseOfficer.officer),
    ),
    "officers": (selectinload(Officer.agency), selectinload(Officer.duty_events)),
    "complaints": (
        selectinload(Complaint.filed_with),
        selectinload(Complaint.complainant),
        selectinload(Complaint.case),
        selectinload(Complaint.allegations),
        selectinload(Complaint.officers),
    ),
    "investigations": (
        selectinload(Investigation.case),
        selectinload(Investigation.agency),
        selectinload(Investigation.officers),
    ),
    "duty_events": (selectinload(DutyEvent.officer), selectinload(DutyEvent.investigations)),
    "legal_actions": (
        selectinload(LegalAction.case),
        selectinload(LegalAction.court),
        selectinload(LegalAction.officers),
    ),
    "demands": (selectinload(Demand.status_changes),),
    "agencies": (selectinload(Agency.parent),),
}


def published_statement(kind):
    """SELECT of the published records of ``kind`` (or cited sources), eagerly loaded, by id."""
    if kind == "sources":
        return (
            select(Source)
            .where(cited_by_published())
            .options(selectinload(Source.citations).selectinload(Citation.record))
            .order_by(Source.id)
        )
    model = MODELS[kind]
    return (
        select(model)
        .where(model.status == PUBLISHED)
        .options(*load_options(kind))
        .order_by(model.id)
    )


def load_options(kind):
    """The eager loads a row of record ``kind`` needs (so a page of rows costs a few queries)."""
    model = MODELS[kind]
    return (
        selectinload(model.citations),
        selectinload(model.demand_links).selectinload(DemandLink.demand),
        *EXTRA_OPTIONS.get(kind, ()),
    )


def json_value(value):
    """A JSON-safe rendering: ISO dates, floats for amounts."""
    if isinstance(value, datetime):
        # SQLite hands back naive timestamps; they are UTC, and JSON should say so.
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _id(record):
    """The id of ``record`` when the public may see it, else None."""
    return record.id if record is not None and record.status == PUBLISHED else None


def _ids(records):
    """The ids of the published ``records``, sorted."""
    return sorted(record.id for record in records if record.status == PUBLISHED)


def _common(record):
    """The fields every record kind exports."""
    return {
        "id": record.id,
        "title": record.title,
        "summary": record.summary,
        "demand_numbers": sorted(
            link.demand.number for link in record.demand_links if _id(link.demand)
        ),
        "source_ids": [citation.source_id for citation in record.citations],
        "version": record.version,
        "published_at": record.published_at,
        "updated_at": record.updated_at,
    }


def _case(case):
    """A case's own fields."""
    return {
        "occurred_on": case.occurred_on,
        "date_precision": case.date_precision,
        "place": case.place,
        "case_kind": case.case_kind,
        "outcome": case.outcome,
        "narrative": case.narrative,
        "tags": [tag.name for tag in case.tags],
        "people": [
            f"{part.person.public_name} ({part.role})" for part in case.people if _id(part.person)
        ],
        "officer_ids": sorted({part.officer_id for part in case.officers if _id(part.officer)}),
    }


def _officer(officer):
    """An officer's public fields; the name only when the officer is named."""
    events = [event for event in officer.duty_events if event.status == PUBLISHED]
    return {
        "identity_status": officer.identity_status,
        "name": officer.name if officer.is_identified else None,
        "rank": officer.rank,
        "unit": officer.unit,
        "serial_number": officer.serial_number,
        "badge_number": officer.badge_number,
        "agency_id": _id(officer.agency),
        "agency_name": officer.agency.title if _id(officer.agency) else None,
        "public_description": officer.public_description,
        "duty_status": duty_status(events).status,
    }


def _complaint(complaint):
    """A complaint's public fields; the complainant only with consent."""
    complainant = None
    if complaint.complainant_is_public and _id(complaint.complainant):
        complainant = complaint.complainant.public_name
    return {
        "filed_on": complaint.filed_on,
        "complaint_kind": complaint.complaint_kind,
        "filed_with_id": _id(complaint.filed_with),
        "reference_number": complaint.reference_number,
        "acceptance": complaint.acceptance,
        "acceptance_reason": complaint.acceptance_reason,
        "finding": complaint.finding,
        "description": complaint.description,
        "complainant": complainant,
        "case_id": _id(complaint.case),
        "allegations": sorted(item.category for item in complaint.allegations),
        "officer_ids": _ids(complaint.officers),
    }


def _investigation(item):
    """An investigation's public fields."""
    return {
        "case_id": _id(item.case),
        "scope": item.scope,
        "agency_id": _id(item.agency),
        "opened_on": item.opened_on,
        "closed_on": item.closed_on,
        "investigation_status": item.investigation_status,
        "finding": item.finding,
        "outcome": item.outcome,
        "officer_ids": _ids(item.officers),
    }


def _duty_event(event):
    """A duty event's public fields, with the computed reinstatement flag."""
    related = [item for item in event.investigations if item.status == PUBLISHED]
    return {
        "officer_id": _id(event.officer),
        "duty_kind": event.duty_kind,
        "occurred_on": event.occurred_on,
        "date_precision": event.date_precision,
        "note": event.note,
        "investigation_ids": _ids(related),
        "reinstated_while_open": reinstated_while_open(event, related)
        if event.duty_kind == "reinstated"
        else None,
    }


def _legal_action(action):
    """A legal action's public fields."""
    return {
        "case_id": _id(action.case),
        "action_kind": action.action_kind,
        "court_id": _id(action.court),
        "docket_number": action.docket_number,
        "filed_on": action.filed_on,
        "decided_on": action.decided_on,
        "action_status": action.action_status,
        "outcome": action.outcome,
        "amount_claimed": action.amount_claimed,
        "amount_awarded": action.amount_awarded,
        "officer_ids": _ids(action.officers),
    }


def _demand(demand):
    """A demand's public fields."""
    return {
        "petition_id": demand.petition_id,
        "number": demand.number,
        "short_title": demand.short_title,
        "text": demand.text,
        "demand_status": demand.demand_status,
        "status_history": [
            f"{change.changed_on.isoformat()} {change.status}" for change in demand.status_changes
        ],
    }


def _agency(agency):
    """An agency's public fields."""
    return {
        "name": agency.name,
        "short_name": agency.short_name,
        "agency_kind": agency.agency_kind,
        "jurisdiction": agency.jurisdiction,
        "parent_id": _id(agency.parent),
        "url": agency.url,
    }


def _person(person):
    """A person's public fields: never the name itself, only ``public_name``."""
    return {
        "public_name": person.public_name,
        "age": person.age,
        "race": person.race,
        "gender": person.gender,
        "is_minor": person.is_minor,
    }


def _petition(petition):
    """A petition's public fields."""
    return {"body": petition.body, "started_on": petition.started_on, "url": petition.url}


def _source(source):
    """A cited source; its private notes and storage path stay behind."""
    return {
        "id": source.id,
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "published_on": source.published_on,
        "source_kind": source.source_kind,
        "document_sha256": source.document_sha256,
        "record_ids": sorted(
            {citation.record_id for citation in source.citations if _id(citation.record)}
        ),
    }


OWN_FIELDS = {
    "cases": _case,
    "officers": _officer,
    "complaints": _complaint,
    "investigations": _investigation,
    "duty_events": _duty_event,
    "legal_actions": _legal_action,
    "demands": _demand,
    "agencies": _agency,
    "people": _person,
    "petitions": _petition,
}


def to_row(kind, record):
    """The exported row of ``record``: exactly the fields of ``KINDS[kind]``, JSON-safe."""
    if kind == "sources":
        values = _source(record)
    else:
        values = {**_common(record), **OWN_FIELDS[kind](record)}
    return {field.name: json_value(values[field.name]) for field in KINDS[kind]}
