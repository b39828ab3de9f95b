"""The data dictionary: every field each published record kind exports, with its meaning.

One list per kind drives the CSV and JSON downloads, the ``/data`` page and the OpenAPI schema,
so the three cannot drift apart. Only public fields are listed; private ones have no entry and
so can never be exported.
"""

from dataclasses import dataclass

from tracker.models import choices


@dataclass(frozen=True)
class Field:
    """One exported field: name, type, meaning and, for enumerations, the allowed values."""

    name: str
    type: str  # integer, string, date, datetime, boolean, number, integer list, string list
    description: str
    choices: tuple = ()


def _choice(name, mapping, description):
    """A string field whose value is a key of the choices ``mapping``."""
    return Field(name, "string", description, tuple(mapping))


COMMON_HEAD = (
    Field("id", "integer", "Stable identifier of the record (never reused)."),
    Field("title", "string", "Title of the record."),
)
COMMON_TAIL = (
    Field("summary", "string", "Short public summary."),
    Field("demand_numbers", "integer list", "Numbers of the published demands it bears on."),
    Field("source_ids", "integer list", "Ids of the sources it cites (see sources)."),
    Field("version", "integer", "Edit counter: goes up by one with every saved change."),
    Field("published_at", "datetime", "When it was first published (UTC)."),
    Field("updated_at", "datetime", "When it last changed (UTC)."),
)


def _kind(*fields):
    """The common fields around a kind's own fields."""
    return COMMON_HEAD + tuple(fields) + COMMON_TAIL


C = choices
KINDS = {
    "cases": _kind(
        Field("occurred_on", "date", "When it happened (see date_precision)."),
        _choice("date_precision", C.DATE_PRECISIONS, "How precise occurred_on is."),
        Field("place", "string", "Where it happened."),
        _choice("case_kind", C.CASE_KINDS, "Kind of incident."),
        _choice("outcome", C.CASE_OUTCOMES, "Outcome for the person subjected to force."),
        Field("narrative", "string", "Narrative in Markdown."),
        Field("tags", "string list", "Free labels."),
        Field("people", "string list", "People involved: public name (role)."),
        Field("officer_ids", "integer list", "Ids of the published officers involved."),
    ),
    "officers": _kind(
        _choice("identity_status", C.IDENTITY_STATUSES, "Whether the officer is named."),
        Field("name", "string", "Name, only when the officer is named."),
        Field("rank", "string", "Rank."),
        Field("unit", "string", "Unit."),
        Field("serial_number", "string", "Serial number."),
        Field("badge_number", "string", "Badge number."),
        Field("agency_id", "integer", "Id of the agency (see agencies in the downloads)."),
        Field("agency_name", "string", "Name of the agency."),
        Field("public_description", "string", "Public description in Markdown."),
        _choice("duty_status", C.DUTY_STATUSES, "Duty status computed from the duty events."),
    ),
    "complaints": _kind(
        Field("filed_on", "date", "When the complaint was filed."),
        _choice("complaint_kind", C.COMPLAINT_KINDS, "Administrative or criminal."),
        Field("filed_with_id", "integer", "Id of the agency it was filed with."),
        Field("reference_number", "string", "The agency's reference number."),
        _choice("acceptance", C.COMPLAINT_ACCEPTANCE, "Whether the agency accepted it."),
        Field("acceptance_reason", "string", "The reason the agency gave."),
        _choice("finding", C.COMPLAINT_FINDINGS, "Finding."),
        Field("description", "string", "Public description."),
        Field("complainant", "string", "Complainant's public name, only when they agreed."),
        Field("case_id", "integer", "Id of the case."),
        Field("allegations", "string list", "Allegation categories."),
        Field("officer_ids", "integer list", "Ids of the officers complained about."),
    ),
    "investigations": _kind(
        Field("case_id", "integer", "Id of the case investigated."),
        _choice("scope", C.INVESTIGATION_SCOPES, "Internal or external."),
        Field("agency_id", "integer", "Id of the investigating agency."),
        Field("opened_on", "date", "When it opened."),
        Field("closed_on", "date", "When it closed."),
        _choice("investigation_status", C.INVESTIGATION_STATUSES, "How far it got."),
        _choice("finding", C.INVESTIGATION_FINDINGS, "Finding."),
        Field("outcome", "string", "Outcome in words."),
        Field("officer_ids", "integer list", "Ids of the officers under investigation."),
    ),
    "duty_events": _kind(
        Field("officer_id", "integer", "Id of the officer."),
        _choice("duty_kind", C.DUTY_EVENT_KINDS, "Kind of duty event."),
        Field("occurred_on", "date", "When it happened (see date_precision)."),
        _choice("date_precision", C.DATE_PRECISIONS, "How precise occurred_on is."),
        Field("note", "string", "Public note."),
        Field("investigation_ids", "integer list", "Ids of the related investigations."),
        Field(
            "reinstated_while_open",
            "string",
            "For reinstatements: premature (a related investigation was open), not_premature, "
            "or undetermined (the dates cannot tell). Computed from the dates.",
            ("premature", "not_premature", "undetermined"),
        ),
    ),
    "legal_actions": _kind(
        Field("case_id", "integer", "Id of the case."),
        _choice("action_kind", C.LEGAL_ACTION_KINDS, "Kind of legal action."),
        Field("court_id", "integer", "Id of the court (an agency)."),
        Field("docket_number", "string", "Docket number."),
        Field("filed_on", "date", "When it was filed."),
        Field("decided_on", "date", "When it was decided."),
        _choice("action_status", C.LEGAL_ACTION_STATUSES, "Status."),
        Field("outcome", "string", "Outcome in words."),
        Field("amount_claimed", "number", "Amount claimed, in dollars."),
        Field("amount_awarded", "number", "Amount awarded, in dollars."),
        Field("officer_ids", "integer list", "Ids of the officers named."),
    ),
    "demands": _kind(
        Field("petition_id", "integer", "Id of the petition."),
        Field("number", "integer", "The demand's number in its petition."),
        Field("short_title", "string", "Short title."),
        Field("text", "string", "The demand as the petition words it."),
        _choice("demand_status", C.DEMAND_STATUSES, "Current status."),
        Field("status_history", "string list", "Dated status changes: date status."),
    ),
    "agencies": _kind(
        Field("name", "string", "Name."),
        Field("short_name", "string", "Short name."),
        _choice("agency_kind", C.AGENCY_KINDS, "Kind of agency."),
        Field("jurisdiction", "string", "Jurisdiction."),
        Field("parent_id", "integer", "Id of the agency it belongs to."),
        Field("url", "string", "Web site."),
    ),
    "people": _kind(
        Field("public_name", "string", "The name the public may read, or a stand-in."),
        Field("age", "integer", "Age as reported."),
        Field("race", "string", "Race as reported."),
        Field("gender", "string", "Gender as reported."),
        Field("is_minor", "boolean", "True for a minor (whose name is never published)."),
    ),
    "petitions": _kind(
        Field("body", "string", "Text of the petition in Markdown."),
        Field("started_on", "date", "When it started."),
        Field("url", "string", "Where it is published."),
    ),
    "sources": (
        Field("id", "integer", "Stable identifier of the source."),
        Field("title", "string", "Title."),
        Field("url", "string", "Where it can be read."),
        Field("publisher", "string", "Publisher."),
        Field("published_on", "date", "Publication date."),
        _choice("source_kind", C.SOURCE_KINDS, "Kind of source."),
        Field("document_sha256", "string", "SHA-256 of the uploaded document, if any."),
        Field("record_ids", "integer list", "Ids of the published records citing it."),
    ),
}

# The kinds the JSON API serves (the downloads serve every kind above).
API_KINDS = (
    "cases",
    "officers",
    "complaints",
    "investigations",
    "duty_events",
    "legal_actions",
    "demands",
    "sources",
)

LABELS = {
    "cases": "Cases",
    "officers": "Officers",
    "complaints": "Complaints",
    "investigations": "Investigations",
    "duty_events": "Duty events",
    "legal_actions": "Legal actions",
    "demands": "Demands",
    "agencies": "Agencies",
    "people": "People (public fields only)",
    "petitions": "Petitions",
    "sources": "Sources",
}


def field_names(kind):
    """The exported field names of ``kind``, in order."""
    return [field.name for field in KINDS[kind]]
