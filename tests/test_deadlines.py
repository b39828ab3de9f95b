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


# (sent, received, history, today) -> (due, status, open, answered late, days overdue)
CASES = [
    pytest.param(
        D(2026, 12, 4),
        None,
        [],
        D(2026, 12, 14),
        (D(2026, 12, 9), "sent", True, None, 5),
        id="never answered: overdue in calendar days",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [],
        D(2026, 12, 9),
        (D(2026, 12, 9), "sent", True, None, 0),
        id="not overdue on the due date itself",
    ),
    pytest.param(
        D(2026, 12, 4),
        D(2026, 12, 7),
        [],
        D(2026, 12, 10),
        (D(2026, 12, 10), "sent", True, None, 0),
        id="the date received counts when it is on record",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 9), "released")],
        D(2027, 1, 1),
        (D(2026, 12, 9), "released", False, False, 0),
        id="released on the last day: on time",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 10), "denied")],
        D(2027, 1, 1),
        (D(2026, 12, 9), "denied", False, True, 0),
        id="denied a day late",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 7), "acknowledged")],
        D(2026, 12, 11),
        (D(2026, 12, 9), "acknowledged", True, None, 2),
        id="an acknowledgement does not stop the clock",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 8), "delayed", D(2027, 1, 15))],
        D(2027, 1, 10),
        (D(2027, 1, 15), "delayed", True, None, 0),
        id="a timely delay notice sets a new date",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 8), "delayed", D(2027, 1, 15))],
        D(2027, 1, 20),
        (D(2027, 1, 15), "delayed", True, None, 5),
        id="overdue past the date the delay notice promised",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 8), "delayed", D(2027, 1, 15)), Event(D(2027, 1, 14), "released")],
        D(2027, 2, 1),
        (D(2027, 1, 15), "released", False, False, 0),
        id="released by the promised date: on time",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 8), "delayed", D(2027, 1, 15)), Event(D(2027, 1, 20), "released")],
        D(2027, 2, 1),
        (D(2027, 1, 15), "released", False, True, 0),
        id="released after the promised date: late",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 14), "delayed", D(2027, 1, 15))],
        D(2027, 1, 1),
        (D(2027, 1, 15), "delayed", True, True, 0),
        id="a delay notice sent late is a late act",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 8), "delayed")],
        D(2026, 12, 11),
        (D(2026, 12, 9), "delayed", True, None, 2),
        id="a delay notice without the date the law requires moves nothing",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [
            Event(D(2026, 12, 8), "delayed", D(2027, 1, 15)),
            Event(D(2027, 1, 12), "partly_released"),
            Event(D(2027, 2, 1), "appealed"),
        ],
        D(2027, 3, 1),
        (D(2027, 1, 15), "appealed", False, False, 0),
        id="sent, delayed, partly released, appealed",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(D(2026, 12, 20), "withdrawn")],
        D(2027, 1, 1),
        (D(2026, 12, 9), "withdrawn", False, None, 0),
        id="withdrawn: nothing more is due",
    ),
    pytest.param(
        D(2026, 12, 4),
        None,
        [Event(None, "released")],
        D(2026, 12, 11),
        (D(2026, 12, 9), "sent", True, None, 2),
        id="an undated step is left out",
    ),
    pytest.param(
        None,
        None,
        [],
        D(2026, 12, 11),
        (None, "sent", True, None, 0),
        id="no send date: no due date",
    ),
]


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
