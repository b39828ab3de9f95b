"""All models, imported here so the metadata knows every table."""

from tracker.models.campaign import Demand, DemandStatusChange, Organization, Petition
from tracker.models.cases import Case, CaseOfficer, CasePerson, Tag, TimelineEvent
from tracker.models.people import Agency, Officer, Person
from tracker.models.proceedings import Allegation, Complaint, DutyEvent, Investigation, LegalAction
from tracker.models.records import DemandLink, Record, RecordLink, Revision
from tracker.models.search import SearchDocument
from tracker.models.sources import Citation, Source, SourceRevision
from tracker.models.users import AuditEvent, Invitation, User

RECORD_CLASSES = {
    "petition": Petition,
    "demand": Demand,
    "agency": Agency,
    "officer": Officer,
    "person": Person,
    "case": Case,
    "complaint": Complaint,
    "investigation": Investigation,
    "duty_event": DutyEvent,
    "legal_action": LegalAction,
}

__all__ = [
    "Agency",
    "AuditEvent",
    "Allegation",
    "Case",
    "CaseOfficer",
    "CasePerson",
    "Citation",
    "Complaint",
    "Demand",
    "DemandLink",
    "DemandStatusChange",
    "DutyEvent",
    "Invitation",
    "Investigation",
    "LegalAction",
    "Officer",
    "Organization",
    "Person",
    "Petition",
    "RECORD_CLASSES",
    "Record",
    "RecordLink",
    "Revision",
    "SearchDocument",
    "Source",
    "SourceRevision",
    "Tag",
    "TimelineEvent",
    "User",
]
