"""Assignments: the dated stretches of an officer's career, shown on the officer's page."""

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from tracker.kinds.base import Filter, RecordKind, Section, on_parent_page
from tracker.kinds.case_filters import published_id
from tracker.kinds.proceedings import in_order, reference_id
from tracker.models import Assignment


def _natural_key(values):
    """An assignment is its officer, badge, rank, unit and start date."""
    officer_id = reference_id(values, "officer")
    fields = [values.get(name) for name in ("badge_number", "rank", "unit", "started_on")]
    return ("assignment", officer_id, *fields), lambda: select(Assignment).where(
        Assignment.officer_id == officer_id,
        *(
            getattr(Assignment, name).is_(None)
            if value is None
            else getattr(Assignment, name) == value
            for name, value in zip(
                ("badge_number", "rank", "unit", "started_on"), fields, strict=True
            )
        ),
    )


def _timeline(assignment):
    """An assignment's start and end on the officer's career timeline."""
    return [
        (assignment.started_on, f"Assigned: {assignment.title}"),
        (assignment.ended_on, f"Assignment ended: {assignment.title}"),
    ]


def _search_related(assignment):
    """The officer: their search text lists the badge and serial numbers of their career."""
    return [assignment.officer] if assignment.officer is not None else []


KIND = RecordKind(
    name="assignment",
    model=Assignment,
    label="Assignment",
    plural="Assignments",
    collection="assignments",
    order=45,
    page=on_parent_page("officers.detail", "officer_id"),
    load=(),  # its officer and agency are read as ids (``RecordKind.rows``)
    api=True,
    api_filters=(
        Filter(
            "officer",
            "Only assignments of this officer id.",
            lambda value: and_(Assignment.officer_id == value, published_id(value)),
        ),
    ),
    natural_key=_natural_key,
    import_checks=(in_order("started_on", "ended_on", "the end date is before the start date"),),
    search_related=_search_related,
    in_feed=False,
    import_title="optional",
    import_hints={"title": "Left empty, it is made from the rank, unit and badge number."},
    lookup_fields=("badge_number", "serial_number"),
    # The officer page's career: listed on the page of the officer it belongs to (officer_id).
    section=Section(
        sort_by="started_on",
        load=(selectinload(Assignment.agency),),
        officers=True,
        heading="Career",
        related=("agency",),
        timeline=_timeline,
    ),
)
