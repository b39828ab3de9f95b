"""The public list of records requests: newest first, filtered by status and custodian.

Run behind the visibility boundary: only published requests (and custodians) load.
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import Agency, RecordsRequest
from tracker.models.choices import PUBLISHED, REQUEST_STATUSES

MAX_CUSTODIANS = 200  # the custodian filter's choices at most (agencies asked, by name)


def request_list(args):
    """The list's rows and values: ``(statement, {filters, their choices, errors})``.

    ``args`` is the query string; a bad status or custodian is dropped with a message.
    """
    status, custodian_id, errors = read_filters(args)
    chosen = (("status", status), ("custodian", custodian_id))
    return request_list_statement(status, custodian_id), {
        "statuses": status_choices(),
        "custodians": custodian_choices(db.session),
        "status": status,
        "custodian_id": custodian_id,
        "filter_args": {key: value for key, value in chosen if value},
        "errors": errors,
    }


def read_filters(args):
    """``(status, custodian_id, errors)`` read from ``args``; bad values are dropped."""
    errors = []
    status = args.get("status", "").strip()
    if status and status not in REQUEST_STATUSES:
        errors.append("That status is not one the tracker knows; showing every status.")
        status = ""
    custodian = args.get("custodian", "").strip()
    custodian_id = None
    if custodian:
        if custodian.isdigit() and len(custodian) < 12:
            custodian_id = int(custodian)
        else:
            errors.append("That custodian is not on record; showing every custodian.")
    return status or None, custodian_id, errors


def request_list_statement(status=None, custodian_id=None):
    """SELECT of the published requests (newest sent first), with the custodian loaded."""
    statement = (
        select(RecordsRequest)
        .where(RecordsRequest.status == PUBLISHED)
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
    asked = select(RecordsRequest.custodian_id).where(RecordsRequest.status == PUBLISHED)
    rows = session.execute(
        select(Agency.id, Agency.title)
        .where(Agency.status == PUBLISHED, Agency.id.in_(asked))
        .order_by(Agency.title, Agency.id)
        .limit(MAX_CUSTODIANS)
    ).all()
    return [(row.id, row.title) for row in rows]


def status_choices():
    """``[(value, label)]`` of the request statuses."""
    return list(REQUEST_STATUSES.items())
