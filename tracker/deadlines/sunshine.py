"""The Missouri Sunshine Law's answer deadline (RSMo 610.023.3), as pure functions.

"Each request for access to a public record shall be acted upon as soon as possible, but in no
event later than the end of the third business day following the date the request is received
by the custodian of records." If access is not granted at once, the custodian "shall give a
detailed explanation of the cause for further delay and the place and earliest time and date
that the record will be available for inspection".

Decisions this module makes (the README says them too):

- *Received* is the date the custodian received the request when it is on record, else the date
  it was sent (an email or a portal submission arrives the day it is sent; for mail, record the
  date received).
- *Business days* skip Saturdays, Sundays and Missouri state holidays: the ``holidays``
  package's US "MO" calendar plus Lincoln Day (February 12, RSMo 9.010), which it leaves out.
  The day received does not count; the third business day after it is the due date.
- *Acting* is granting access (records released, fully or partly), denying it, saying no
  responsive record exists, or explaining a delay. A bare acknowledgement or a fee estimate does
  not stop the clock.
- A delay explained with the earliest date the records will be available moves the due date of
  the answer to that date (the latest such notice counts). A delay notice without that date does
  not: the law requires the date.
- The request is *answered late* when its first action came after the third business day, or
  its final answer (released, denied, no records) came after the date a delay notice promised.
- A request is *open* (something is due) until it is answered, withdrawn, appealed or taken to
  court; days overdue are calendar days past the due date while it is open.

Nothing here reads the database or the clock: ``today`` is always an argument.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

BUSINESS_DAYS_TO_ACT = 3
# What stops the three-day clock (610.023.3: access granted, denied, or a delay explained).
ACTS = frozenset({"delayed", "released", "partly_released", "denied", "no_records"})
# A final answer: the custodian has said what it will give.
ANSWERS = frozenset({"released", "partly_released", "denied", "no_records"})
# After these nothing more is due from the custodian under this rule.
CLOSING = ANSWERS | {"withdrawn", "appealed", "sued"}


@dataclass(frozen=True)
class Event:
    """One dated step of a request's history: its kind and, for a delay, the date promised."""

    on: date | None
    kind: str
    available_on: date | None = None


@dataclass(frozen=True)
class Deadline:
    """What the rule says of a request: due dates, whether it is open, and answered late."""

    received_on: date | None
    statutory_due_on: date | None  # the end of the third business day after receipt
    due_on: date | None  # the date due now (or last due, once closed)
    status: str  # the last dated step's kind, or "sent"
    is_open: bool
    first_act_on: date | None
    answered_on: date | None
    answered_late: bool | None  # None: not answered yet

    def days_overdue(self, today):
        """Calendar days past the due date as of ``today`` while open, else 0."""
        if not self.is_open or self.due_on is None or today <= self.due_on:
            return 0
        return (today - self.due_on).days


@cache
def missouri_holidays(year):
    """Missouri state holidays of ``year`` (the package's calendar plus Lincoln Day)."""
    days = set(holidays.country_holidays("US", subdiv="MO", years=year))
    days.add(date(year, 2, 12))  # Lincoln Day, RSMo 9.010
    return frozenset(days)


def is_business_day(day):
    """A weekday that is not a Missouri state holiday."""
    return day.weekday() < 5 and day not in missouri_holidays(day.year)


def business_days_after(start, count):
    """The ``count``-th business day after ``start`` (``start`` itself never counts)."""
    day, left = start, count
    while left:
        day += timedelta(days=1)
        if is_business_day(day):
            left -= 1
    return day


def received(sent_on, received_on):
    """The day the custodian received the request: the day recorded, else the day sent."""
    return received_on or sent_on


def deadline(sent_on, received_on, events):
    """The deadline facts of a request sent on ``sent_on`` with the history ``events``.

    Undated events are ignored (a step with no date cannot be placed against the deadline).
    """
    start = received(sent_on, received_on)
    statutory = business_days_after(start, BUSINESS_DAYS_TO_ACT) if start else None
    dated = sorted((event for event in events if event.on), key=lambda event: event.on)
    first_act = next((event.on for event in dated if event.kind in ACTS), None)
    due = statutory
    answered_on, late = None, None
    for event in dated:
        if event.kind == "delayed" and event.available_on:
            due = event.available_on
        if event.kind in ANSWERS and answered_on is None:
            answered_on = event.on
    closing = [event.kind for event in dated if event.kind in CLOSING]
    if first_act is not None and statutory is not None:
        late = first_act > statutory or (answered_on is not None and due and answered_on > due)
        if answered_on is None and not late:
            late = None  # a timely delay notice: not answered yet
    return Deadline(
        received_on=start,
        statutory_due_on=statutory,
        due_on=due,
        # The last closing step, once there is one (a later acknowledgement reopens nothing).
        status=closing[-1] if closing else (dated[-1].kind if dated else "sent"),
        is_open=not closing,
        first_act_on=first_act,
        answered_on=answered_on,
        answered_late=late,
    )
