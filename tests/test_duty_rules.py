"""Duty status and the premature-reinstatement flag, computed from dates."""

from datetime import date
from types import SimpleNamespace

import pytest

from tracker.duty.rules import (
    NOT_PREMATURE,
    PREMATURE,
    UNDETERMINED,
    duty_status,
    investigation_open_on,
    reinstated_while_open,
)

REINSTATED_ON = date(2020, 7, 1)


def event(kind, on, event_id=1, investigations=()):
    """A duty event stand-in."""
    return SimpleNamespace(
        duty_kind=kind, occurred_on=on, id=event_id, investigations=list(investigations)
    )


def investigation(opened=None, closed=None, status="open"):
    """An investigation stand-in."""
    return SimpleNamespace(opened_on=opened, closed_on=closed, investigation_status=status)


def test_no_events_means_status_not_recorded():
    assert duty_status([]).status == "unknown"


def test_last_dated_event_sets_the_status():
    events = [
        event("administrative_leave", date(2020, 6, 1), 1),
        event("reinstated", date(2020, 7, 1), 2),
        event("desk_duty", None, 3),  # undated: cannot be placed in time
    ]
    status = duty_status(events)
    assert (status.status, status.since, status.event_id) == ("active", date(2020, 7, 1), 2)


def test_status_on_a_given_day():
    events = [
        event("administrative_leave", date(2020, 6, 1), 1),
        event("reinstated", date(2020, 7, 1), 2),
    ]
    assert duty_status(events, as_of=date(2020, 6, 15)).status == "on_leave"
    assert duty_status(events, as_of=date(2020, 5, 1)).status == "unknown"


def test_same_day_events_apply_in_recorded_order():
    events = [event("suspended", date(2020, 6, 1), 5), event("terminated", date(2020, 6, 1), 6)]
    assert duty_status(events).status == "separated"


@pytest.mark.parametrize(
    ("opened", "closed", "status", "expected"),
    [
        (date(2020, 6, 1), None, "open", True),  # still open
        (date(2020, 6, 1), date(2020, 8, 1), "closed", True),  # closed after reinstatement
        (date(2020, 6, 1), REINSTATED_ON, "closed", False),  # closed on the same day
        (date(2020, 6, 1), date(2020, 6, 30), "closed", False),  # closed before
        (date(2020, 7, 2), None, "open", False),  # opened after the reinstatement
        (REINSTATED_ON, None, "open", True),  # opened that very day
        (None, None, "open", None),  # opening date unknown
        (None, date(2020, 8, 1), "closed", None),  # opening unknown, closed after
        (None, date(2020, 6, 1), "closed", False),  # closed before: known not open
        (date(2020, 6, 1), None, "closed", None),  # closed, closing date unknown
        (date(2020, 6, 1), None, "suspended", True),
    ],
)
def test_investigation_open_on_reinstatement_day(opened, closed, status, expected):
    assert investigation_open_on(investigation(opened, closed, status), REINSTATED_ON) is expected


def test_reinstatement_during_open_investigation_is_premature():
    item = event("reinstated", REINSTATED_ON, investigations=[investigation(date(2020, 6, 1))])
    assert reinstated_while_open(item) == PREMATURE


def test_one_open_investigation_outweighs_an_undetermined_one():
    related = [investigation(None), investigation(date(2020, 6, 1))]
    assert reinstated_while_open(event("reinstated", REINSTATED_ON, investigations=related)) == (
        PREMATURE
    )


def test_unknown_reinstatement_date_is_undetermined():
    item = event("reinstated", None, investigations=[investigation(date(2020, 6, 1))])
    assert reinstated_while_open(item) == UNDETERMINED


def test_unknown_opening_date_is_undetermined():
    item = event("reinstated", REINSTATED_ON, investigations=[investigation(None)])
    assert reinstated_while_open(item) == UNDETERMINED


@pytest.mark.parametrize(
    "item",
    [
        event("reinstated", REINSTATED_ON),  # no related investigation
        event(
            "administrative_leave", REINSTATED_ON, investigations=[investigation(date(2020, 6, 1))]
        ),
        event(
            "reinstated",
            REINSTATED_ON,
            investigations=[investigation(date(2020, 6, 1), REINSTATED_ON, "closed")],
        ),
        event("reinstated", REINSTATED_ON, investigations=[investigation(date(2020, 8, 1))]),
    ],
)
def test_not_premature(item):
    assert reinstated_while_open(item) == NOT_PREMATURE


def test_explicit_investigations_override_the_events_own(app):
    item = event("reinstated", REINSTATED_ON, investigations=[investigation(date(2020, 6, 1))])
    assert reinstated_while_open(item, investigations=[]) == NOT_PREMATURE
