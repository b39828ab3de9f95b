"""Small factories for records in tests: each returns an added (not committed) object.

Pass ``publish=True`` to give the record a source and publish it, as an editor would.
"""

import hashlib
import itertools
from datetime import date

from tracker.extensions import db
from tracker.models import (
    Agency,
    Allegation,
    Assignment,
    Case,
    CaseOfficer,
    Citation,
    Complaint,
    Demand,
    DutyEvent,
    Investigation,
    LegalAction,
    Meeting,
    Officer,
    Person,
    Petition,
    RecordsRequest,
    Source,
)
from tracker.records.categories import ensure_default_categories
from tracker.records.workflow import publish as publish_record

_counter = itertools.count(1)


def _n():
    """A number unique within the test run."""
    return next(_counter)


def _finish(record, published):
    """Add ``record``; cite a fresh source and publish it when asked."""
    db.session.add(record)
    if published:
        record.citations.append(Citation(source=make_source()))
        publish_record(record)
    return record


def make_source(**fields):
    """A news source with a unique URL."""
    n = _n()
    fields.setdefault("title", f"Report {n}")
    fields.setdefault("url", f"https://news.example.org/report-{n}")
    fields.setdefault("publisher", "Example News")
    fields.setdefault("source_kind", "news")
    source = Source(**fields)
    db.session.add(source)
    return source


def make_document_source(data=None, **fields):
    """A source whose uploaded PDF is on record (the file itself is not written)."""
    data = data or f"%PDF-1.7 document {_n()}".encode()
    digest = hashlib.sha256(data).hexdigest()
    fields.setdefault("url", None)
    fields.setdefault("source_kind", "official_record")
    fields.setdefault("document_filename", "scan.pdf")
    return make_source(
        document_path=f"uploads/{digest}",
        document_sha256=digest,
        document_content_type="application/pdf",
        document_size=len(data),
        **fields,
    )


def make_agency(publish=False, **fields):
    """A police department unless ``agency_kind`` says otherwise."""
    fields.setdefault("name", f"Police Department {_n()}")
    fields.setdefault("agency_kind", "police_department")
    return _finish(Agency(**fields), publish)


def make_officer(publish=False, **fields):
    """A named officer."""
    n = _n()
    fields.setdefault("identity_status", "named")
    if fields["identity_status"] == "named":
        fields.setdefault("name", f"Officer Name {n}")
    else:
        fields.setdefault("title", f"Unnamed officer {n}")
    return _finish(Officer(**fields), publish)


def make_person(publish=False, **fields):
    """A person whose name is private."""
    fields.setdefault("name", f"Person {_n()}")
    return _finish(Person(**fields), publish)


def make_case(publish=False, officers=(), **fields):
    """A use-of-force case; ``officers`` are linked with the role "involved"."""
    fields.setdefault("title", f"Case {_n()}")
    fields.setdefault("case_kind", "use_of_force")
    fields.setdefault("outcome", "injured")
    fields.setdefault("occurred_on", date(2020, 5, 1))
    case = Case(**fields)
    for officer in officers:
        case.officers.append(CaseOfficer(officer=officer, role="involved"))
    return _finish(case, publish)


def make_complaint(publish=False, **fields):
    """A criminal complaint."""
    fields.setdefault("title", f"Complaint {_n()}")
    fields.setdefault("complaint_kind", "criminal")
    return _finish(Complaint(**fields), publish)


def make_allegation(complaint, publish=False, **fields):
    """A pending allegation of ``complaint`` (category excessive force unless told)."""
    fields.setdefault("title", f"Allegation {_n()}")
    fields.setdefault("category", "excessive_force")
    ensure_default_categories(db.session)
    return _finish(Allegation(complaint=complaint, **fields), publish)


def _allegation(publish=False, **fields):
    """An allegation against a published officer, in a published complaint of a published case."""
    officer = make_officer(publish=True)
    case = make_case(publish=True, officers=[officer])
    complaint = make_complaint(publish=True, case=case)
    fields.setdefault("officer", officer)
    return make_allegation(complaint, publish, **fields)


def make_investigation(publish=False, **fields):
    """An open internal investigation."""
    fields.setdefault("title", f"Investigation {_n()}")
    fields.setdefault("scope", "internal")
    fields.setdefault("investigation_status", "open")
    return _finish(Investigation(**fields), publish)


def make_duty_event(officer, publish=False, **fields):
    """A duty event for ``officer`` (administrative leave unless ``duty_kind`` says otherwise)."""
    fields.setdefault("title", f"Duty event {_n()}")
    fields.setdefault("duty_kind", "administrative_leave")
    return _finish(DutyEvent(officer=officer, **fields), publish)


def make_assignment(officer, publish=False, **fields):
    """A patrol officer's assignment of ``officer`` starting on 1 January 2015."""
    fields.setdefault("rank", "Police officer")
    fields.setdefault("unit", f"Unit {_n()}")
    fields.setdefault("badge_number", str(_n()))
    fields.setdefault("started_on", date(2015, 1, 1))
    return _finish(Assignment(officer=officer, **fields), publish)


def make_legal_action(publish=False, **fields):
    """A pending civil suit."""
    fields.setdefault("title", f"Lawsuit {_n()}")
    fields.setdefault("action_kind", "civil_suit")
    return _finish(LegalAction(**fields), publish)


def make_meeting(publish=False, **fields):
    """A meeting of a published Board of Police Commissioners."""
    fields.setdefault("title", f"Board meeting {_n()}")
    fields.setdefault(
        "body",
        make_agency(
            publish=True,
            name=f"Board of Police Commissioners {_n()}",
            agency_kind="city_government",
        ),
    )
    fields.setdefault("meets_on", date(2020, 6, 9))
    return _finish(Meeting(**fields), publish)


def make_records_request(publish=False, **fields):
    """A Sunshine Law request to a published agency about a published case, sent 2020-06-01."""
    fields.setdefault("title", f"Records request {_n()}")
    if "custodian" not in fields:
        fields["custodian"] = make_agency(publish=True)
    if "case" not in fields:
        fields["case"] = make_case(publish=True)
    fields.setdefault("asked", "Probable cause statements")
    fields.setdefault("sent_on", date(2020, 6, 1))
    return _finish(RecordsRequest(**fields), publish)


def make_petition(publish=False, demands=0, **fields):
    """A petition with ``demands`` numbered demands."""
    fields.setdefault("title", f"Petition {_n()}")
    petition = _finish(Petition(**fields), publish)
    for number in range(1, demands + 1):
        _finish(
            Demand(
                petition=petition,
                number=number,
                short_title=f"Demand {number}",
                text=f"Text of demand {number}",
            ),
            publish,
        )
    return petition


def make_demand(publish=False, **fields):
    """Demand 1 of a new petition."""
    demand = make_petition(publish, demands=1).demands[0]
    for name, value in fields.items():
        setattr(demand, name, value)
    return demand


def _on_case(factory):
    """A factory whose record belongs to a published case and names a published officer."""

    def make(publish=False, **fields):
        """The record, with its case and officer."""
        officer = make_officer(publish=True)
        fields.setdefault("case", make_case(publish=True, officers=[officer]))
        record = factory(publish, **fields)
        record.officers.append(officer)
        return record

    return make


# One factory per record kind, for the tests that run over every kind.
KIND_FACTORIES = {
    "petition": make_petition,
    "demand": make_demand,
    "agency": make_agency,
    "officer": make_officer,
    "person": make_person,
    "case": make_case,
    "complaint": _on_case(make_complaint),
    "allegation": _allegation,
    "investigation": _on_case(make_investigation),
    "duty_event": lambda publish=False, **fields: make_duty_event(
        make_officer(publish=True), publish, **fields
    ),
    "legal_action": _on_case(make_legal_action),
    "meeting": make_meeting,
    "records_request": make_records_request,
    "assignment": lambda publish=False, **fields: make_assignment(
        make_officer(publish=True), publish, **fields
    ),
}


def make_record(kind, publish=False, **fields):
    """A record of ``kind`` with the published parents its public page needs."""
    return KIND_FACTORIES[kind](publish, **fields)
