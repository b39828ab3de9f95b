"""The public list of records requests: newest first, filtered by status and custodian.

Run behind the visibility boundary: only published requests (and custodians) load.
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.models import Agency, RecordsRequest
from tracker.models.choices import REQUEST_STATUSES

MAX_CUSTODIANS = 200  # the custodian filter's choices at most (agencies asked, by name)


def request_list_statement(status=None, custodian_id=None):
    """SELECT of the published requests (newest sent first), with the custodian loaded."""
    statement = (
        select(RecordsRequest)
        .where(RecordsRequest.status == "published")
        .options(joinedload(RecordsRequest.custodian))
        .order_by(
            RecordsRequest.sent_on.is_(None),
            RecordsRequest.sent_on.desc(),
            RecordsRequest.id.desc(),
        )
    )
    if status:
        statement = statement.where(RecordsRequest.request_status == status)
    if custodian_id:
        statement = statement.where(RecordsRequest.custodian_id == custodian_id)
    return statement


def custodian_choices(session):
    """``[(id, name)]`` of the published agencies asked by a published request (one query)."""
    asked = select(RecordsRequest.custodian_id).where(RecordsRequest.status == "published")
    rows = session.execute(
        select(Agency.id, Agency.title)
        .where(Agency.status == "published", Agency.id.in_(asked))
        .order_by(Agency.title, Agency.id)
        .limit(MAX_CUSTODIANS)
    ).all()
    return [(row.id, row.title) for row in rows]


def status_choices():
    """``[(value, label)]`` of the request statuses."""
    return list(REQUEST_STATUSES.items())
