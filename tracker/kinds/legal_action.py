"""Legal actions: criminal charges, civil suits, immunity rulings, appeals and settlements."""

from datetime import date

from sqlalchemy import case, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.kinds.base import Computed, RecordKind, Section, on_parent_page
from tracker.kinds.proceedings import (
    OFFICERS,
    case_filter,
    choice_filter,
    in_order,
    officer_filter,
    officer_ids,
    reference_id,
)
from tracker.models import DocketEntry, LegalAction
from tracker.models import choices as C
from tracker.records import parts
from tracker.records.dates import next_court_date


def _next(action):
    """The action's next hearing or appeal deadline from today on, or None."""
    return next_court_date(action.docket, date.today())


def _search_text(action):
    """Each docket entry, a line each, leading to its place on the case page."""
    from tracker.templating import format_date

    return [
        (
            f"{format_date(entry.entry_on)} "
            f"{C.DOCKET_ENTRY_KINDS.get(entry.entry_kind, '')}: {entry.description}"
            + (f" ({entry.place})" if entry.place else ""),
            f"docket-{entry.id}",
        )
        for entry in action.docket
    ]


def _natural_key(values):
    """A legal action is its court and docket number, else its title."""
    if values.get("docket_number"):
        court_id = reference_id(values, "court")
        return ("docket", court_id, values["docket_number"]), lambda: select(LegalAction).where(
            LegalAction.court_id == court_id, LegalAction.docket_number == values["docket_number"]
        )
    return ("title", values["title"]), lambda: select(LegalAction).where(
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
    page=on_parent_page("cases.detail", "case_id"),
    computed=(
        officer_ids("Ids of the officers named."),
        Computed(
            "docket_entry_ids",
            "integer list",
            "Ids of its docket entries, by date (see docket_entries).",
            lambda action: [entry.id for entry in action.docket],
        ),
        Computed(
            "next_court_date",
            "date",
            "Its next hearing or appeal deadline from the day the file was made, if any.",
            lambda action: getattr(_next(action), "entry_on", None),
        ),
        Computed(
            "next_court_date_kind",
            "string",
            "What that next date is.",
            lambda action: getattr(_next(action), "entry_kind", None),
            C.COURT_DATE_KINDS,
        ),
    ),
    part_writers={"docket": parts.legal_action_docket},
    # Its docket (the computed dates); its case, court and officers are read as ids
    # (``RecordKind.rows``).
    load=(selectinload(LegalAction.docket),),
    api=True,
    api_filters=(
        case_filter(LegalAction),
        officer_filter(LegalAction),
        choice_filter(LegalAction.action_kind, C.LEGAL_ACTION_KINDS),
        choice_filter(LegalAction.action_status, C.LEGAL_ACTION_STATUSES),
    ),
    natural_key=_natural_key,
    lookup_fields=("title", "docket_number"),
    search_text=_search_text,
    import_references=(OFFICERS,),
    import_checks=(in_order("filed_on", "decided_on", "is before filed_on"),),
    section=Section(
        sort_by="filed_on",
        load=(
            joinedload(LegalAction.court),
            # Joined: a docket entry and its source are plain rows (no record table nested on
            # the right of a LEFT JOIN), so the page runs no statement more for a docket.
            joinedload(LegalAction.docket).joinedload(DocketEntry.source),
        ),
        case="case",
        officers=True,
        empty="No published legal action is linked to this case.",
        status="action_status",
        related=("court",),
        # The docket is a part, not a record: its entries are noted in the report fingerprint.
        # (What is next changes with the day, so the PDF is made again when it does.)
        values=lambda action: [
            getattr(_next(action), "id", None),
            *(
                (e.id, e.entry_kind, e.entry_on, e.entry_time, e.place, e.description, e.source_id)
                for e in action.docket
            ),
        ],
        part_sources=lambda action: [(entry, entry.source) for entry in action.docket],
        badge=lambda: case(
            C.LEGAL_ACTION_KINDS, value=LegalAction.action_kind, else_="Legal action"
        ),
    ),
)
