"""The Sunshine Law deadline (RSMo 610.023.3), table by table: pure functions, no database."""

from datetime import date

import pytest

from tracker.deadlines import sunshine
from tracker.deadlines.laws import LAWS, deadline_of
from tracker.deadlines.sunshine import Event, business_days_after, deadline

D = date


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        (D(2026, 12, 1), D(2026, 12, 4), "Tuesday: Wednesday, Thursday, Friday"),
        (D(2026, 12, 4), D(2026, 12, 9), "Friday: the weekend does not count"),
        (D(2026, 12, 5), D(2026, 12, 9), "Saturday: Monday is the first business day"),
        (D(2026, 11, 24), D(2026, 11, 30), "Tuesday before Thanksgiving (Thursday 26th)"),
        (D(2026, 11, 26), D(2026, 12, 1), "on Thanksgiving itself"),
        (D(2026, 12, 23), D(2026, 12, 29), "before Christmas (Friday 25th) and a weekend"),
        (D(2020, 7, 1), D(2020, 7, 7), "Independence Day observed on Friday 3 July 2020"),
        (D(2021, 5, 5), D(2021, 5, 11), "Truman Day observed on Friday 7 May 2021"),
        (D(2021, 2, 10), D(2021, 2, 17), "Lincoln Day (12 Feb) and Washington's Birthday"),
    ],
)
def test_the_third_business_day_after_receipt(received, due, why):
    assert business_days_after(received, 3) == due, why


SENT = D(2026, 12, 4)  # a Friday: due Wednesday 9 December
PROMISED = D(2027, 1, 15)  # the date a delay notice promises the records by


def case(why, history, today, expected, sent=SENT, received=None):
    """One row: ``expected`` is (due, status, open, answered late, days overdue) on ``today``."""
    return pytest.param(sent, received, history, today, expected, id=why)


def delayed(on, to=PROMISED):
    """A delay notice sent ``on``, promising the records by ``to``."""
    return Event(on, "delayed", to)


# fmt: off
CASES = [
    case("never answered: overdue in calendar days",
         [], D(2026, 12, 14), (D(2026, 12, 9), "sent", True, None, 5)),
    case("not overdue on the due date itself",
         [], D(2026, 12, 9), (D(2026, 12, 9), "sent", True, None, 0)),
    case("the date received counts when it is on record",
         [], D(2026, 12, 10), (D(2026, 12, 10), "sent", True, None, 0), received=D(2026, 12, 7)),
    case("released on the last day: on time",
         [Event(D(2026, 12, 9), "released")], D(2027, 1, 1),
         (D(2026, 12, 9), "released", False, False, 0)),
    case("denied a day late",
         [Event(D(2026, 12, 10), "denied")], D(2027, 1, 1),
         (D(2026, 12, 9), "denied", False, True, 0)),
    case("an acknowledgement does not stop the clock",
         [Event(D(2026, 12, 7), "acknowledged")], D(2026, 12, 11),
         (D(2026, 12, 9), "acknowledged", True, None, 2)),
    case("a timely delay notice sets a new date",
         [delayed(D(2026, 12, 8))], D(2027, 1, 10), (D(2027, 1, 15), "delayed", True, None, 0)),
    case("overdue past the date the delay notice promised",
         [delayed(D(2026, 12, 8))], D(2027, 1, 20), (D(2027, 1, 15), "delayed", True, None, 5)),
    case("released by the promised date: on time",
         [delayed(D(2026, 12, 8)), Event(D(2027, 1, 14), "released")], D(2027, 2, 1),
         (D(2027, 1, 15), "released", False, False, 0)),
    case("released after the promised date: late",
         [delayed(D(2026, 12, 8)), Event(D(2027, 1, 20), "released")], D(2027, 2, 1),
         (D(2027, 1, 15), "released", False, True, 0)),
    case("a delay notice sent late is a late act",
         [delayed(D(2026, 12, 14))], D(2027, 1, 1), (D(2027, 1, 15), "delayed", True, True, 0)),
    case("a delay notice without the date the law requires moves nothing",
         [delayed(D(2026, 12, 8), None)], D(2026, 12, 11),
         (D(2026, 12, 9), "delayed", True, None, 2)),
    case("sent, delayed, partly released, appealed",
         [delayed(D(2026, 12, 8)), Event(D(2027, 1, 12), "partly_released"),
          Event(D(2027, 2, 1), "appealed")], D(2027, 3, 1),
         (D(2027, 1, 15), "appealed", False, False, 0)),
    case("withdrawn: nothing more is due",
         [Event(D(2026, 12, 20), "withdrawn")], D(2027, 1, 1),
         (D(2026, 12, 9), "withdrawn", False, None, 0)),
    case("an undated step is left out",
         [Event(None, "released")], D(2026, 12, 11), (D(2026, 12, 9), "sent", True, None, 2)),
    case("no send date: no due date",
         [], D(2026, 12, 11), (None, "sent", True, None, 0), sent=None),
]
# fmt: on


@pytest.mark.parametrize(("sent", "received", "history", "today", "expected"), CASES)
def test_deadline_table(sent, received, history, today, expected):
    facts = deadline(sent, received, history)
    got = (
        facts.due_on,
        facts.status,
        facts.is_open,
        facts.answered_late,
        facts.days_overdue(today),
    )
    assert got == expected


def test_the_statutory_date_stays_when_a_delay_moves_the_due_date():
    facts = deadline(D(2026, 12, 4), None, [Event(D(2026, 12, 8), "delayed", D(2027, 1, 15))])
    assert facts.statutory_due_on == D(2026, 12, 9)
    assert facts.first_act_on == D(2026, 12, 8)


def test_the_missouri_law_is_the_registered_default_and_an_unknown_law_falls_back():
    assert LAWS["mo_sunshine"].rule is sunshine.deadline
    assert deadline_of("nonesuch", D(2026, 12, 4), None, []).due_on == D(2026, 12, 9)
