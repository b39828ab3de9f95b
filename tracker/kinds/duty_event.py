"""Duty events: an officer put on leave, suspended, reinstated; shown on the officer's page."""

from sqlalchemy import and_, case, select
from sqlalchemy.orm import selectinload

from tracker.duty.rules import reinstated_while_open
from tracker.duty.verdict import premature
from tracker.kinds.base import Computed, Filter, RecordKind, Section, on_parent_page, public_ids
from tracker.kinds.case_filters import published_id
from tracker.kinds.proceedings import choice_filter, reference_id
from tracker.models import DutyEvent
from tracker.models import choices as C
from tracker.models.choices import PUBLISHED
from tracker.records.checks import investigations_involve_officer


def premature_verdict(event):
    """For a reinstatement, whether a published related investigation was open at the time."""
    if event.duty_kind != "reinstated":
        return None
    related = [item for item in event.investigations if item.status == PUBLISHED]
    return reinstated_while_open(event, related)


def _natural_key(values):
    """A duty event is its officer, kind and date."""
    officer_id, kind, when = (
        reference_id(values, "officer"),
        values["duty_kind"],
        values.get("occurred_on"),
    )
    return ("duty", officer_id, kind, when), lambda: select(DutyEvent).where(
        DutyEvent.officer_id == officer_id,
        DutyEvent.duty_kind == kind,
        DutyEvent.occurred_on == when,
    )


KIND = RecordKind(
    name="duty_event",
    model=DutyEvent,
    label="Duty event",
    plural="Duty events",
    collection="duty_events",
    order=40,
    checks=(investigations_involve_officer,),
    headline=True,
    page=on_parent_page("officers.detail", "officer_id"),
    computed=(
        Computed(
            "investigation_ids",
            "integer list",
            "Ids of the related investigations.",
            lambda event: public_ids(event.investigations),
        ),
        Computed(
            "reinstated_while_open",
            "string",
            "For reinstatements: premature (a related investigation was open), not_premature, "
            "or undetermined (the dates cannot tell). Computed from the dates.",
            premature_verdict,
            ("premature", "not_premature", "undetermined"),
        ),
    ),
    # Its investigations (the verdict); its officer is read as an id (``RecordKind.rows``).
    load=(selectinload(DutyEvent.investigations),),
    api=True,
    api_filters=(
        Filter(
            "officer",
            "Only events of this officer id.",
            lambda value: and_(DutyEvent.officer_id == value, published_id(value)),
        ),
        choice_filter(DutyEvent.duty_kind, C.DUTY_EVENT_KINDS),
    ),
    natural_key=_natural_key,
    # On a case page through the case's officers, listed only when there are some; the officer
    # page shows its own duty-status timeline.
    section=Section(
        sort_by="occurred_on",
        refs=("officer",),
        parts=("investigations",),
        case="officers",
        heading="Duty events of the officers",
        related=("officer", "investigations"),
        # A related investigation open at the reinstatement (``premature_verdict``, in SQL).
        badge=lambda: case((premature(), "Premature reinstatement")),
        badge_candidates=lambda: DutyEvent.duty_kind == "reinstated",
    ),
)
