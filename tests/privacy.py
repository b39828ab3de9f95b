"""A world of records whose every private field carries one unique marker.

``plant_private_markers`` publishes a case with people, officers, a complaint, an investigation,
a duty event and a legal action, writes the marker into every private field (complainant
identity, contact and medical details, minors' names, private notes, review comments) and into
drafts, records in review and unpublished records. Privacy tests then request every public page,
feed, export and API answer and assert the marker appears in none of them.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from tests import factories
from tracker.extensions import db
from tracker.models import (
    AgendaItem,
    CaseOfficer,
    CasePerson,
    Citation,
    DemandLink,
    DocketEntry,
    RequestEvent,
)
from tracker.models.base import utcnow
from tracker.records.workflow import submit_for_review, unpublish


@dataclass
class PlantedWorld:
    """What ``plant_private_markers`` made, for tests that need ids."""

    marker: str
    case: object
    officer: object
    hidden_officer: object
    complaint: object
    demand: object
    draft_case: object
    document_source: object
    draft_source: object
    meeting: object = None
    draft_meeting: object = None

    def published_ids(self, collection, limit=3):
        """Ids of a few published records of ``collection`` (a kind, or the sources)."""
        records = db.session.scalars(collection.published_statement()).all()
        return [record.id for record in records[:limit]]


def plant_private_markers():
    """Create the records described above and commit; returns a ``PlantedWorld``."""
    marker = f"PRIVATE{uuid.uuid4().hex[:10].upper()}"
    petition = factories.make_petition(publish=True, demands=6)
    db.session.flush()
    demand = petition.demands[0]
    agency = factories.make_agency(publish=True, name="Marker City Police Department")
    officer = factories.make_officer(
        publish=True,
        agency=agency,
        private_notes=f"{marker} officer private notes",
        gender=f"{marker} g",
        race=f"{marker} race",
    )
    hidden_officer = factories.make_officer(
        identity_status="withheld",
        publish=True,
        private_notes=f"{marker} withheld officer notes",
        # Other names would tell who a withheld officer is.
        other_names=f"{marker} Alias",
    )
    # A career: a published assignment, and a draft one the public must not see.
    factories.make_assignment(officer, publish=True, agency=agency, unit="Marker unit")
    factories.make_assignment(officer, unit=f"{marker} draft unit", badge_number="1")
    subject = factories.make_person(
        publish=True,
        name=f"{marker} Complainant Name",
        name_is_public=False,
        contact_details=f"{marker} 555-0100, 1 Private Street",
        medical_details=f"{marker} medical details",
        private_notes=f"{marker} person notes",
    )
    minor = factories.make_person(
        publish=True,
        name=f"{marker} Minor Name",
        is_minor=True,
        contact_details=f"{marker} minor contact",
    )
    case = factories.make_case(
        publish=True,
        title="Published marker case",
        officers=[officer, hidden_officer],
        outcome="fatal",
        narrative="A published narrative without private details.",
    )
    case.people.append(CasePerson(person=subject, role="complainant"))
    case.people.append(CasePerson(person=minor, role="witness"))
    case.demand_links.append(DemandLink(demand=demand, note="Bears on demand 1."))
    complaint = factories.make_complaint(
        publish=True,
        case=case,
        complainant=subject,
        filed_with=agency,
        acceptance="refused",
        filed_on=date(2020, 6, 1),
        channel="in_person",
        refused_by_agency=agency,
        refused_on=date(2020, 6, 2),
    )
    factories.make_allegation(
        complaint, publish=True, officer=officer, final_finding="sustained", discipline="suspension"
    )
    investigation = factories.make_investigation(
        publish=True, case=case, agency=agency, opened_on=date(2020, 6, 2)
    )
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2020, 7, 1),
        investigations=[investigation],
    )
    action = factories.make_legal_action(publish=True, case=case, officers=[officer])
    action.docket.append(
        DocketEntry(entry_kind="filing", entry_on=date(2020, 8, 1), description="Suit filed")
    )
    # A records request whose requester did not choose to be named, with a history.
    records_request = factories.make_records_request(
        publish=True,
        case=case,
        custodian=agency,
        requester=subject,
        private_notes=f"{marker} requester called back",
    )
    records_request.events.append(
        RequestEvent(
            occurred_on=date(2020, 6, 3), event_kind="delayed", available_on=date(2020, 7, 1)
        )
    )
    records_request.events.append(
        RequestEvent(occurred_on=date(2020, 7, 1), event_kind="partly_released")
    )
    # A draft agency behind published records: its name must not surface through them.
    draft_agency = factories.make_agency(name=f"{marker} Draft Agency")
    agency_officer = factories.make_officer(publish=True, agency=draft_agency)
    case.officers.append(CaseOfficer(officer=agency_officer, role="witness"))
    factories.make_complaint(publish=True, case=case, filed_with=draft_agency)
    factories.make_investigation(publish=True, case=case, agency=draft_agency)
    factories.make_legal_action(publish=True, case=case, court=draft_agency)
    # An allegation decided by the draft agency, and a draft allegation against a draft officer.
    factories.make_allegation(complaint, publish=True, final_by=draft_agency, category="harassment")
    factories.make_allegation(
        complaint,
        title=f"{marker} draft allegation",
        officer=factories.make_officer(name=f"{marker} Accused Draft Officer"),
    )
    factories.make_records_request(publish=True, custodian=draft_agency, case=case)
    db.session.commit()

    # An uploaded document the published case cites, not yet reviewed for private data: its
    # page is public, its notes, the uploader's file name and the document itself are not.
    document_source = factories.make_document_source(
        title="Uploaded police report",
        notes=f"{marker} source notes",
        document_filename=f"{marker} scan.pdf",
    )
    case.citations.append(Citation(source=document_source))

    # Records the public must never see, each titled with the marker.
    draft_case = factories.make_case(title=f"{marker} draft case", narrative=f"{marker} draft")
    # A document only the draft cites: never public, even once reviewed.
    draft_source = factories.make_document_source(title=f"{marker} draft-only document")
    draft_case.citations.append(Citation(source=draft_source))
    in_review = factories.make_case(title=f"{marker} case in review")
    factories.make_officer(name=f"{marker} Draft Officer")
    factories.make_complaint(title=f"{marker} draft complaint", case=case)
    # A published meeting whose agenda item bears on the draft case, and a draft meeting; a
    # draft legal action's docket entry.
    meeting = factories.make_meeting(publish=True, title="Published marker meeting")
    meeting.agenda.append(AgendaItem(position=1, title="Item on a draft", case=draft_case))
    meeting.demand_links.append(DemandLink(demand=demand, note="Bears on demand 1."))
    draft_meeting = factories.make_meeting(title=f"{marker} draft meeting")
    draft_meeting.agenda.append(AgendaItem(position=1, title=f"{marker} draft agenda item"))
    draft_action = factories.make_legal_action(case=case, title=f"{marker} draft legal action")
    draft_action.docket.append(
        DocketEntry(
            entry_kind="hearing", entry_on=date(2099, 1, 1), description=f"{marker} hearing"
        )
    )
    db.session.flush()
    submit_for_review(in_review)
    gone = factories.make_case(publish=True, title=f"{marker} unpublished case")
    db.session.flush()
    unpublish(gone)
    # A review comment is private even on a published record.
    case.review_comment = None
    officer.review_comment = f"{marker} review comment"
    draft_source.document_reviewed_at = utcnow()
    db.session.commit()
    return PlantedWorld(
        marker,
        case,
        officer,
        hidden_officer,
        complaint,
        demand,
        draft_case,
        document_source,
        draft_source,
        meeting,
        draft_meeting,
    )
