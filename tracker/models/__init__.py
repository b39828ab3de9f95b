"""All models, imported here so the metadata knows every table."""

from tracker.models.allegations import Allegation, AllegationCategory  # noqa: E402
from tracker.models.base import choice_check  # noqa: E402
from tracker.models.campaign import Demand, DemandStatusChange, Organization, Petition
from tracker.models.careers import Assignment
from tracker.models.cases import Case, CaseOfficer, CasePerson, Tag, TimelineEvent
from tracker.models.court import DocketEntry
from tracker.models.external_ids import ExternalId
from tracker.models.fatal_force import FatalForceDecision, FatalForceRun
from tracker.models.imports import ImportPreset
from tracker.models.jobs import DocumentBlob, Job
from tracker.models.meetings import AgendaItem, Meeting
from tracker.models.people import Agency, Officer, Person
from tracker.models.proceedings import Complaint, DutyEvent, Investigation, LegalAction
from tracker.models.records import DemandLink, Record, Revision
from tracker.models.requests import RecordsRequest, RequestEvent
from tracker.models.search import SearchDocument
from tracker.models.sources import Citation, Source, SourceRevision
from tracker.models.users import AuditEvent, Invitation, User

# ``records.kind`` holds one of the kinds mapped above: the CHECK is read off the mapping, so a
# new kind's model is all it takes (its migration then alters the constraint).
Record.__table__.append_constraint(choice_check("kind", sorted(Record.__mapper__.polymorphic_map)))

__all__ = [
    "AgendaItem",
    "DocketEntry",
    "Meeting",
    "Agency",
    "Assignment",
    "AuditEvent",
    "Allegation",
    "AllegationCategory",
    "Case",
    "CaseOfficer",
    "CasePerson",
    "Citation",
    "Complaint",
    "Demand",
    "DemandLink",
    "DemandStatusChange",
    "DocumentBlob",
    "DutyEvent",
    "ExternalId",
    "FatalForceDecision",
    "FatalForceRun",
    "ImportPreset",
    "Invitation",
    "Investigation",
    "Job",
    "LegalAction",
    "Officer",
    "Organization",
    "Person",
    "Petition",
    "Record",
    "RecordsRequest",
    "RequestEvent",
    "Revision",
    "SearchDocument",
    "Source",
    "SourceRevision",
    "Tag",
    "TimelineEvent",
    "User",
]
