"""What each record kind's CSV holds: its columns, its natural key and its cross-field checks.

A natural key says when a row describes a record already on file (the same agency's serial
number, the same case title and date, the same complaint reference), so an import updates or
reports it and never creates a second copy.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select

from tracker.imports.columns import (
    LONG_TEXT,
    Column,
    agency_ref,
    amount,
    case_ref,
    choice,
    iso_date,
    officer_list,
    officer_ref,
    text,
)
from tracker.models import (
    Agency,
    Case,
    CaseOfficer,
    Complaint,
    DutyEvent,
    Investigation,
    LegalAction,
    Officer,
)
from tracker.models import choices as C

SUMMARY = Column("summary", LONG_TEXT, hint="Short public summary.")


@dataclass(frozen=True)
class ImportKind:
    """One importable record kind."""

    name: str
    label: str
    model: type
    columns: tuple
    key: object  # values -> (hashable key, SELECT of the existing record)
    checks: tuple = field(default=())  # values -> (column, reason) or None

    @property
    def headers(self):
        """The CSV header row."""
        return [column.name for column in self.columns]


def _id(record):
    """The id of a referenced record, or None."""
    return record.id if record is not None else None


def _agency_key(values):
    """An agency is its name (case-insensitive)."""
    name = values["name"]
    return ("agency", name.lower()), select(Agency).where(func.lower(Agency.name) == name.lower())


def _officer_key(values):
    """An officer is their agency and serial number, else their name."""
    if values.get("serial_number"):
        agency_id = _id(values.get("agency"))
        return ("serial", agency_id, values["serial_number"]), select(Officer).where(
            Officer.serial_number == values["serial_number"], Officer.agency_id == agency_id
        )
    name = values.get("name") or values.get("title") or ""
    return ("name", name.lower()), select(Officer).where(
        func.lower(func.coalesce(Officer.name, Officer.title)) == name.lower()
    )


def _case_key(values):
    """A case is its title and date."""
    title, when = values["title"], values.get("occurred_on")
    return ("case", title, when), select(Case).where(Case.title == title, Case.occurred_on == when)


def _complaint_key(values):
    """A complaint is the agency it was filed with and its reference number, else its title."""
    if values.get("reference_number"):
        agency_id = _id(values.get("filed_with"))
        return ("reference", agency_id, values["reference_number"]), select(Complaint).where(
            Complaint.filed_with_id == agency_id,
            Complaint.reference_number == values["reference_number"],
        )
    return ("title", values["title"]), select(Complaint).where(Complaint.title == values["title"])


def _investigation_key(values):
    """An investigation is its title within its case."""
    case_id = _id(values.get("case"))
    return ("investigation", values["title"], case_id), select(Investigation).where(
        Investigation.title == values["title"], Investigation.case_id == case_id
    )


def _duty_event_key(values):
    """A duty event is its officer, kind and date."""
    officer_id, kind, when = _id(values["officer"]), values["duty_kind"], values.get("occurred_on")
    return ("duty", officer_id, kind, when), select(DutyEvent).where(
        DutyEvent.officer_id == officer_id,
        DutyEvent.duty_kind == kind,
        DutyEvent.occurred_on == when,
    )


def _legal_action_key(values):
    """A legal action is its court and docket number, else its title."""
    if values.get("docket_number"):
        court_id = _id(values.get("court"))
        return ("docket", court_id, values["docket_number"]), select(LegalAction).where(
            LegalAction.court_id == court_id, LegalAction.docket_number == values["docket_number"]
        )
    return ("title", values["title"]), select(LegalAction).where(
        LegalAction.title == values["title"]
    )


def _named_needs_name(values):
    """A named officer needs a name; an unnamed one needs a title."""
    status = values.get("identity_status") or "named"
    if status == "named" and not values.get("name"):
        return ("name", "a named officer needs a name (or set identity_status to withheld)")
    if status != "named" and not values.get("title"):
        return ("title", "an officer whose identity is withheld or unknown needs a title")
    return None


def _in_order(first, second, message):
    """A check that ``second`` is not before ``first``."""

    def check(values):
        """(column, reason) when the dates are out of order."""
        if values.get(first) and values.get(second) and values[second] < values[first]:
            return (second, message)
        return None

    return check


TITLE = Column("title", text(300), required=True, hint="Title of the record.")
OFFICERS = Column(
    "officers", officer_list, hint='Officers by "#id", serial number or name, ";"-separated.'
)
CASE = Column("case", case_ref, hint='The case by "#id" or exact title.')

KINDS = {
    "agency": ImportKind(
        "agency",
        "Agencies",
        Agency,
        (
            Column("name", text(200), required=True),
            Column("short_name", text(60)),
            Column("agency_kind", choice(C.AGENCY_KINDS), required=True),
            Column("jurisdiction", text(200)),
            Column("url", text(500)),
            SUMMARY,
        ),
        _agency_key,
    ),
    "officer": ImportKind(
        "officer",
        "Officers",
        Officer,
        (
            Column("name", text(200), hint="Required for a named officer."),
            Column(
                "identity_status",
                choice(C.IDENTITY_STATUSES),
                hint="named (default), withheld or unknown.",
            ),
            Column("title", text(300), hint="How to refer to an officer whose name is not known."),
            Column("rank", text(80)),
            Column("unit", text(120)),
            Column("serial_number", text(40)),
            Column("badge_number", text(40)),
            Column("agency", agency_ref, hint='The agency by name, short name or "#id".'),
            Column("public_description", LONG_TEXT),
            Column("private_notes", LONG_TEXT, hint="Never published."),
            SUMMARY,
        ),
        _officer_key,
        (_named_needs_name,),
    ),
    "case": ImportKind(
        "case",
        "Cases",
        Case,
        (
            TITLE,
            Column("occurred_on", iso_date, hint="YYYY-MM-DD."),
            Column(
                "date_precision",
                choice(C.DATE_PRECISIONS),
                hint="day (default), month, year or unknown.",
            ),
            Column("place", text(300)),
            Column("case_kind", choice(C.CASE_KINDS), required=True),
            Column("outcome", choice(C.CASE_OUTCOMES)),
            SUMMARY,
            Column("narrative", LONG_TEXT, hint="Markdown."),
            OFFICERS,
        ),
        _case_key,
    ),
    "complaint": ImportKind(
        "complaint",
        "Complaints",
        Complaint,
        (
            TITLE,
            Column("filed_on", iso_date),
            Column("complaint_kind", choice(C.COMPLAINT_KINDS), required=True),
            Column("filed_with", agency_ref),
            Column("reference_number", text(80)),
            Column("acceptance", choice(C.COMPLAINT_ACCEPTANCE)),
            Column("acceptance_reason", LONG_TEXT),
            Column("finding", choice(C.COMPLAINT_FINDINGS)),
            CASE,
            Column("description", LONG_TEXT),
            SUMMARY,
            OFFICERS,
        ),
        _complaint_key,
    ),
    "investigation": ImportKind(
        "investigation",
        "Investigations",
        Investigation,
        (
            TITLE,
            CASE,
            Column("scope", choice(C.INVESTIGATION_SCOPES), required=True),
            Column("agency", agency_ref),
            Column("opened_on", iso_date),
            Column("closed_on", iso_date),
            Column("investigation_status", choice(C.INVESTIGATION_STATUSES)),
            Column("finding", choice(C.INVESTIGATION_FINDINGS)),
            Column("outcome", LONG_TEXT),
            SUMMARY,
            OFFICERS,
        ),
        _investigation_key,
        (_in_order("opened_on", "closed_on", "is before opened_on"),),
    ),
    "duty_event": ImportKind(
        "duty_event",
        "Duty events",
        DutyEvent,
        (
            TITLE,
            Column("officer", officer_ref, required=True),
            Column("duty_kind", choice(C.DUTY_EVENT_KINDS), required=True),
            Column("occurred_on", iso_date),
            Column("date_precision", choice(C.DATE_PRECISIONS)),
            Column("note", LONG_TEXT),
            SUMMARY,
        ),
        _duty_event_key,
    ),
    "legal_action": ImportKind(
        "legal_action",
        "Legal actions",
        LegalAction,
        (
            TITLE,
            CASE,
            Column("action_kind", choice(C.LEGAL_ACTION_KINDS), required=True),
            Column("court", agency_ref),
            Column("docket_number", text(80)),
            Column("filed_on", iso_date),
            Column("decided_on", iso_date),
            Column("action_status", choice(C.LEGAL_ACTION_STATUSES)),
            Column("outcome", LONG_TEXT),
            Column("amount_claimed", amount),
            Column("amount_awarded", amount),
            SUMMARY,
            OFFICERS,
        ),
        _legal_action_key,
        (_in_order("filed_on", "decided_on", "is before filed_on"),),
    ),
}


def assign(record, values):
    """Set the parsed ``values`` on ``record``; officers are added, never removed."""
    for name, value in values.items():
        if name != "officers":
            setattr(record, name, value)
        elif isinstance(record, Case):
            linked = {part.officer_id for part in record.officers}
            for officer in value:
                if officer.id not in linked:
                    record.officers.append(CaseOfficer(officer=officer, role="involved"))
        else:
            for officer in value:
                if officer not in record.officers:
                    record.officers.append(officer)
