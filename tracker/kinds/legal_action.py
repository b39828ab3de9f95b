"""Legal actions: criminal charges, civil suits, immunity rulings, appeals and settlements."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

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
from tracker.models import LegalAction
from tracker.models import choices as C


def _natural_key(values):
    """A legal action is its court and docket number, else its title."""
    if values.get("docket_number"):
        court_id = reference_id(values, "court")
        return ("docket", court_id, values["docket_number"]), select(LegalAction).where(
            LegalAction.court_id == court_id, LegalAction.docket_number == values["docket_number"]
        )
    return ("title", values["title"]), select(LegalAction).where(
        LegalAction.title == values["title"]
    )


KIND = RecordKind(
    name="legal_action",
    model=LegalAction,
    label="Legal action",
    plural="Legal actions",
    collection="legal_actions",
    order=50,
    headline=True,
    page=on_parent_page("cases.detail", lambda action: action.case_id),
    computed=(officer_ids("Ids of the officers named."),),
    load=(
        selectinload(LegalAction.case),
        selectinload(LegalAction.court),
        selectinload(LegalAction.officers),
    ),
    api=True,
    api_filters=(
        case_filter(LegalAction),
        officer_filter(LegalAction),
        choice_filter(LegalAction.action_kind, C.LEGAL_ACTION_KINDS),
        choice_filter(LegalAction.action_status, C.LEGAL_ACTION_STATUSES),
    ),
    natural_key=_natural_key,
    lookup_fields=("title", "docket_number"),
    import_references=(OFFICERS,),
    import_checks=(in_order("filed_on", "decided_on", "is before filed_on"),),
    section=Section(
        sort_by="filed_on",
        load=(joinedload(LegalAction.court),),
        case="case",
        officers=True,
        empty="No published legal action is linked to this case.",
        status="action_status",
        related=("court",),
        badge=lambda action: C.LEGAL_ACTION_KINDS.get(action.action_kind, "Legal action"),
    ),
)
