"""Query-string filters of the API lists, read as leniently as the public lists read theirs.

Cases use the shared ``CaseFilters``; every other kind has a few filters on its own columns.
A malformed or unknown value is ignored, never an error, exactly as on the public pages.
"""

from dataclasses import dataclass

from sqlalchemy import and_

from tracker.cases.filters import CaseFilters, published_id
from tracker.models import (
    Complaint,
    Demand,
    DutyEvent,
    Investigation,
    LegalAction,
    Officer,
    Source,
)
from tracker.models import choices as C
from tracker.opendata.serialize import load_options


@dataclass(frozen=True)
class Filter:
    """One query parameter: its name, meaning, type and how it narrows the SELECT."""

    name: str
    description: str
    where: object  # value -> SQL condition
    choices: tuple = ()  # empty: a positive integer id


def _by_reference(column):
    """A condition builder: ``column`` equals a published record's id."""
    return lambda value: and_(column == value, published_id(value))


def _officer_in(model):
    """A filter on an officer among ``model.officers``."""
    return Filter(
        "officer",
        "Only records naming this officer id.",
        lambda value: and_(model.officers.any(Officer.id == value), published_id(value)),
    )


def _case_of(model):
    """A filter on the case id of ``model``."""
    return Filter("case", "Only records of this case id.", _by_reference(model.case_id))


def _choice(name, column, mapping):
    """A filter on an enumerated column."""
    return Filter(name, f"Only records whose {name} is this.", column.__eq__, tuple(mapping))


FILTERS = {
    "officers": (
        Filter("agency", "Only officers of this agency id.", _by_reference(Officer.agency_id)),
        _choice("identity_status", Officer.identity_status, C.IDENTITY_STATUSES),
    ),
    "complaints": (
        _case_of(Complaint),
        _officer_in(Complaint),
        _choice("complaint_kind", Complaint.complaint_kind, C.COMPLAINT_KINDS),
        _choice("acceptance", Complaint.acceptance, C.COMPLAINT_ACCEPTANCE),
        _choice("finding", Complaint.finding, C.COMPLAINT_FINDINGS),
    ),
    "investigations": (
        _case_of(Investigation),
        _officer_in(Investigation),
        _choice("scope", Investigation.scope, C.INVESTIGATION_SCOPES),
        _choice(
            "investigation_status", Investigation.investigation_status, C.INVESTIGATION_STATUSES
        ),
    ),
    "duty_events": (
        Filter("officer", "Only events of this officer id.", _by_reference(DutyEvent.officer_id)),
        _choice("duty_kind", DutyEvent.duty_kind, C.DUTY_EVENT_KINDS),
    ),
    "legal_actions": (
        _case_of(LegalAction),
        _officer_in(LegalAction),
        _choice("action_kind", LegalAction.action_kind, C.LEGAL_ACTION_KINDS),
        _choice("action_status", LegalAction.action_status, C.LEGAL_ACTION_STATUSES),
    ),
    "demands": (
        Filter("petition", "Only demands of this petition id.", _by_reference(Demand.petition_id)),
        _choice("demand_status", Demand.demand_status, C.DEMAND_STATUSES),
    ),
    "sources": (_choice("source_kind", Source.source_kind, C.SOURCE_KINDS),),
}

# The case filters, documented for the OpenAPI file (read by ``CaseFilters.from_args``).
CASE_PARAMETERS = (
    ("kind", "Kind of case.", tuple(C.CASE_KINDS)),
    ("outcome", "Outcome.", tuple(C.CASE_OUTCOMES)),
    ("year", "Year it happened.", None),
    ("investigation", "Has an investigation of this scope.", tuple(C.INVESTIGATION_SCOPES)),
    (
        "investigation_status",
        "Has an investigation in this status.",
        tuple(C.INVESTIGATION_STATUSES),
    ),
    ("demand", "Linked to this demand number.", None),
    ("officer", "Involves this officer id.", None),
    ("tag", "Has this tag (slug).", ()),
)


def _positive_int(value):
    """``value`` as a positive int, or None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10_000_000 else None


def apply_filters(kind, statement, args):
    """``statement`` narrowed by the filters of ``kind`` found in ``args``."""
    if kind == "cases":
        return CaseFilters.from_args(args).statement().options(*load_options("cases"))
    for item in FILTERS.get(kind, ()):
        raw = args.get(item.name)
        if raw is None:
            continue
        value = (raw if raw in item.choices else None) if item.choices else _positive_int(raw)
        if value is not None:
            statement = statement.where(item.where(value))
    return statement
