"""Demands: a petition's numbered demands, each with a page, a status history and an indicator."""

from sqlalchemy import and_
from sqlalchemy.orm import selectinload

from tracker.kinds.base import Computed, Filter, RecordKind, own_page
from tracker.kinds.case_filters import published_id
from tracker.models import Demand
from tracker.models import choices as C

KIND = RecordKind(
    name="demand",
    model=Demand,
    label="Demand",
    plural="Demands",
    collection="demands",
    order=90,
    page=own_page("demands.detail", "number", "number"),
    report=own_page("reports.demand_report", "number", "number", slug=False),
    computed=(
        Computed(
            "status_history",
            "string list",
            "Dated status changes: date status.",
            lambda demand: [
                f"{change.changed_on.isoformat()} {change.status}"
                for change in demand.status_changes
            ],
        ),
    ),
    load=(selectinload(Demand.status_changes), selectinload(Demand.petition)),
    api=True,
    api_filters=(
        Filter(
            "petition",
            "Only demands of this petition id.",
            lambda value: and_(Demand.petition_id == value, published_id(value)),
        ),
        Filter(
            "demand_status",
            "Only records whose demand_status is this.",
            Demand.demand_status.__eq__,
            tuple(C.DEMAND_STATUSES),
        ),
    ),
)
