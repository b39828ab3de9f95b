"""Officers: named or not, each with a page of its own; duty status comes from duty events."""

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from tracker.duty import figures, figures_json
from tracker.duty.rules import duty_status
from tracker.extensions import db
from tracker.kinds.base import Computed, DetailField, Filter, RecordKind, own_page, public_id
from tracker.kinds.case_filters import published_id
from tracker.models import Case, CaseOfficer, Officer
from tracker.models import choices as C


def _duty_status(officer):
    """The duty status computed from the officer's published duty events."""
    return duty_status([event for event in officer.duty_events if public_id(event)]).status


def _natural_key(values):
    """An officer is their agency and serial number, else their name."""
    if values.get("serial_number"):
        agency_id = getattr(values.get("agency"), "id", None)
        return ("serial", agency_id, values["serial_number"]), select(Officer).where(
            Officer.serial_number == values["serial_number"], Officer.agency_id == agency_id
        )
    name = values.get("name") or values.get("title") or ""
    return ("name", name.lower()), select(Officer).where(
        func.lower(func.coalesce(Officer.name, Officer.title)) == name.lower()
    )


def _search_related(officer):
    """The cases the officer is in: their search text names the officer."""
    return db.session.scalars(
        select(Case)
        .join(CaseOfficer, CaseOfficer.case_id == Case.id)
        .where(CaseOfficer.officer_id == officer.id)
    ).all()


def _named_needs_name(values):
    """A named officer needs a name; an unnamed one needs a title."""
    status = values.get("identity_status") or "named"
    if status == "named" and not values.get("name"):
        return ("name", "a named officer needs a name (or set identity_status to withheld)")
    if status != "named" and not values.get("title"):
        return ("title", "an officer whose identity is withheld or unknown needs a title")
    return None


KIND = RecordKind(
    name="officer",
    model=Officer,
    label="Officer",
    plural="Officers",
    collection="officers",
    order=60,
    headline=True,
    page=own_page("officers.detail"),
    report=own_page("reports.officer_report", slug=False),
    computed=(
        Computed(
            "name",
            "string",
            "Name, only when the officer is named.",
            lambda officer: officer.name if officer.is_identified else None,
        ),
        Computed(
            "agency_name",
            "string",
            "Name of the agency.",
            lambda officer: officer.agency.title if public_id(officer.agency) else None,
        ),
        Computed(
            "duty_status",
            "string",
            "Duty status computed from the duty events.",
            _duty_status,
            tuple(C.DUTY_STATUSES),
        ),
    ),
    load=(selectinload(Officer.agency), selectinload(Officer.duty_events)),
    api=True,
    api_filters=(
        Filter(
            "agency",
            "Only officers of this agency id.",
            lambda value: and_(Officer.agency_id == value, published_id(value)),
        ),
        Filter(
            "identity_status",
            "Only records whose identity_status is this.",
            Officer.identity_status.__eq__,
            tuple(C.IDENTITY_STATUSES),
        ),
    ),
    detail_fields=(
        DetailField(
            "figures",
            figures_json.JSON_SCHEMA,
            lambda officer: figures_json.as_json(figures.officer_figures(officer.id)),
        ),
    ),
    natural_key=_natural_key,
    search_related=_search_related,
    import_title="optional",
    lookup_fields=("serial_number", "badge_number", "name"),
    import_checks=(_named_needs_name,),
    import_hints={
        "name": "Required for a named officer.",
        "title": "How to refer to an officer whose name is not known.",
    },
)
