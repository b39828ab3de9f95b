"""Duty rules computed from dates, never typed in.

``duty_status`` reads an officer's duty events in date order; ``reinstated_while_open`` decides
whether a reinstatement came while a related investigation was still open. Both are pure
functions of the objects handed in, so the public pages, the indicators and the tests share them.
"""

from dataclasses import dataclass
from datetime import date

from tracker.models.choices import DUTY_STATUS_AFTER

PREMATURE = "premature"
NOT_PREMATURE = "not_premature"
UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class DutyStatus:
    """An officer's duty status and the event (and date) that set it."""

    status: str
    since: date | None
    event_id: int | None


def duty_status(events, as_of=None):
    """Return the duty status the dated ``events`` leave an officer in (on ``as_of``, if given).

    Events without a date cannot be placed in time and are ignored; events on the same day apply
    in the order they were recorded (by id).
    """
    dated = [event for event in events if event.occurred_on is not None]
    if as_of is not None:
        dated = [event for event in dated if event.occurred_on <= as_of]
    if not dated:
        return DutyStatus("unknown", None, None)
    last = max(dated, key=lambda event: (event.occurred_on, event.id or 0))
    return DutyStatus(DUTY_STATUS_AFTER[last.duty_kind], last.occurred_on, last.id)


def investigation_open_on(investigation, day):
    """Was ``investigation`` open on ``day``? True, False, or None when the dates cannot tell.

    An investigation is open from the day it opened until the day before it closed: one closed
    on the day of a reinstatement counts as closed by then.
    """
    opened, closed = investigation.opened_on, investigation.closed_on
    if opened is not None and opened > day:
        return False
    if closed is not None and closed <= day:
        return False
    if opened is None:
        # It had not closed by ``day`` (or has no closing date), but it may have opened later.
        return None
    if closed is not None:
        return True
    if investigation.investigation_status in ("open", "suspended"):
        return True
    # Closed or declined with no closing date on record: cannot tell when it ended.
    return None


def reinstated_while_open(event, investigations=None):
    """Classify a reinstatement against its related investigations.

    Returns ``PREMATURE`` when any related investigation was open on the reinstatement date,
    ``UNDETERMINED`` when a date needed to decide is missing, and ``NOT_PREMATURE`` otherwise
    (including events that are not reinstatements or have no related investigation).
    """
    if event.duty_kind != "reinstated":
        return NOT_PREMATURE
    related = event.investigations if investigations is None else investigations
    if not related:
        return NOT_PREMATURE
    if event.occurred_on is None:
        return UNDETERMINED
    answers = [investigation_open_on(item, event.occurred_on) for item in related]
    if True in answers:
        return PREMATURE
    if None in answers:
        return UNDETERMINED
    return NOT_PREMATURE
