"""``tracker.duty.rules.reinstated_while_open`` in SQL: a verdict per duty event row.

The demand 4 indicator counts reinstatements by the verdict, and the case list's badge reads
``premature`` for a page of cases, each in the one statement it runs
(tests/test_scale_queries.py checks the verdict against the rule for every combination of
dates and status).
"""

from sqlalchemy import and_, case, not_, or_, select

from tracker.duty.rules import NOT_PREMATURE, PREMATURE, UNDETERMINED
from tracker.models import DutyEvent, Investigation, Record
from tracker.models.proceedings import duty_event_investigations
from tracker.records.visibility import PUBLISHED

STILL_GOING = ("open", "suspended")  # with no closing date, these are open to this day


def _related(event):
    """``(related, c)``: EXISTS a published investigation related to ``event``'s row; its columns.

    ``related(*conditions)`` narrows it by ``conditions`` on ``c`` (on Core aliases, so no ORM
    criteria nest inside).
    """
    link = duty_event_investigations.alias("reinstatement_link")
    investigation = Investigation.__table__.alias("reinstatement_investigation")
    record = Record.__table__.alias("reinstatement_record")

    def related(*conditions):
        """EXISTS a published related investigation meeting ``conditions``."""
        return (
            select(link.c.investigation_id)
            .join(investigation, investigation.c.id == link.c.investigation_id)
            .join(record, record.c.id == investigation.c.id)
            .where(link.c.duty_event_id == event.id, record.c.status == PUBLISHED, *conditions)
            .exists()
        )

    return related, investigation.c


def _open_then(related, c, day):
    """EXISTS a related investigation open on ``day``.

    Opened by then, not closed by then, and with a closing date or still open or suspended.
    """
    not_closed_yet = or_(c.closed_on.is_(None), c.closed_on > day)
    still_going = c.investigation_status.in_(STILL_GOING)
    return related(
        c.opened_on.is_not(None),
        c.opened_on <= day,
        not_closed_yet,
        or_(c.closed_on.is_not(None), still_going),
    )


def premature(event=DutyEvent):
    """True in SQL exactly when the verdict of ``event``'s row is PREMATURE.

    A published related investigation was open on its day (an undated row never is: the
    verdict says the dates cannot tell).
    """
    related, c = _related(event)
    return _open_then(related, c, event.occurred_on)


def reinstatement_verdict(event=DutyEvent):
    """The verdict of a reinstatement row of ``event`` (the model or an alias of it).

    PREMATURE when a related investigation was open on the day (``_open_then``); the dates
    cannot tell when one had not closed by then but its opening date, or the date it ended,
    is missing. Only published related investigations count.
    """
    day = event.occurred_on
    related, c = _related(event)
    opened, closed, status = c.opened_on, c.closed_on, c.investigation_status
    still_going = status.in_(STILL_GOING)
    not_closed_yet = or_(closed.is_(None), closed > day)
    cannot_tell = related(
        or_(opened.is_(None), opened <= day),
        not_closed_yet,
        or_(
            opened.is_(None),
            and_(closed.is_(None), or_(status.is_(None), not_(still_going))),
        ),
    )
    return case(
        (not_(related()), NOT_PREMATURE),
        (day.is_(None), UNDETERMINED),
        (_open_then(related, c, day), PREMATURE),
        (cannot_tell, UNDETERMINED),
        else_=NOT_PREMATURE,
    )
