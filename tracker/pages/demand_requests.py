"""The records requests that bear on a demand, and how their custodians answered.

Demand 1 (turn over probable cause statements, stop refusing routine requests) is measured by
them: of the published requests linked to it, how many were answered on time, answered late,
never answered (past due with no answer, not withdrawn), and how many are not due yet. One
aggregate query for the counts, one (two past the first page) for a page of the requests.
"""

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import joinedload

from tracker.models import RecordsRequest
from tracker.models.choices import PUBLISHED
from tracker.records.dates import linked_to, paged


@dataclass
class AnswerCounts:
    """How the custodians answered the requests linked to a demand."""

    total: int = 0
    on_time: int = 0
    late: int = 0
    never: int = 0
    not_due: int = 0  # no answer yet, still in time (or withdrawn, or no date to count from)


def _count(condition):
    """SUM of 1 over the rows meeting ``condition`` (0 when none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def answer_counts(session, demand_id, today):
    """``AnswerCounts`` of the published requests linked to ``demand_id``, as of ``today``."""
    answered = RecordsRequest.answered_on.is_not(None)
    never = and_(
        RecordsRequest.answered_on.is_(None),
        RecordsRequest.due_on < today,
        RecordsRequest.request_status != "withdrawn",
    )
    row = session.execute(
        select(
            func.count(RecordsRequest.id),
            _count(and_(answered, RecordsRequest.answered_late.is_(False))),
            _count(and_(answered, RecordsRequest.answered_late.is_(True))),
            _count(never),
        ).where(RecordsRequest.status == PUBLISHED, linked_to(RecordsRequest, demand_id))
    ).one()
    total, on_time, late, never_count = (int(value or 0) for value in row)
    return AnswerCounts(total, on_time, late, never_count, total - on_time - late - never_count)


def demand_requests(session, demand_id, page=1, per_page=50):
    """A page of the published requests linked to ``demand_id``, newest sent first.

    Returns ``(requests, total, page, pages)``.
    """
    statement = (
        select(RecordsRequest)
        .where(RecordsRequest.status == PUBLISHED, linked_to(RecordsRequest, demand_id))
        .options(joinedload(RecordsRequest.custodian))
        .order_by(
            RecordsRequest.sent_on.is_(None),
            RecordsRequest.sent_on.desc(),
            RecordsRequest.id.desc(),
        )
    )
    return paged(session, statement, page, per_page)
