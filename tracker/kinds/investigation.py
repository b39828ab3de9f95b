"""Investigations of a case, internal or external, and how far they got."""

from sqlalchemy import case, select

from tracker.kinds.base import RecordKind, Section, on_parent_page
from tracker.kinds.proceedings import (
    OFFICERS,
    case_filter,
    choice_filter,
    in_order,
    officer_filter,
    officer_ids,
    reference_id,
)
from tracker.models import Investigation
from tracker.models import choices as C
from tracker.records.checks import closing_date_matches_status


def _natural_key(values):
    """An investigation is its title within its case."""
    case_id = reference_id(values, "case")
    return ("investigation", values["title"], case_id), lambda: select(Investigation).where(
        Investigation.title == values["title"], Investigation.case_id == case_id
    )


KIND = RecordKind(
    name="investigation",
    model=Investigation,
    label="Investigation",
    plural="Investigations",
    collection="investigations",
    order=30,
    checks=(closing_date_matches_status,),
    headline=True,
    page=on_parent_page("cases.detail", "case_id"),
    computed=(officer_ids("Ids of the officers under investigation."),),
    # No loads: its case, agency and officers are read as ids (``RecordKind.rows``).
    load=(),
    api=True,
    api_filters=(
        case_filter(Investigation),
        officer_filter(Investigation),
        choice_filter(Investigation.scope, C.INVESTIGATION_SCOPES),
        choice_filter(Investigation.investigation_status, C.INVESTIGATION_STATUSES),
    ),
    natural_key=_natural_key,
    import_references=(OFFICERS,),
    import_checks=(in_order("opened_on", "closed_on", "is before opened_on"),),
    section=Section(
        sort_by="opened_on",
        refs=("agency",),
        officer_load=(),  # a title, a link (its case_id) and the status
        case="case",
        officers=True,
        empty="No published investigation of this case is on record.",
        status="investigation_status",
        related=("agency",),
        badge=lambda: case((Investigation.scope == "external", "External investigation")),
        no_badge="No external investigation",
    ),
)
