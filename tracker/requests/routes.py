"""The public records request list and each request's page."""

from flask import abort, current_app, render_template, request

from tracker.extensions import db
from tracker.models.choices import REQUEST_STATUSES
from tracker.pages.records_request import records_request_page
from tracker.pages.request_list import custodian_choices, request_list_statement, status_choices
from tracker.requests import bp

MAX_PAGE = 10_000


def _filters():
    """``(status, custodian_id, errors)`` read from the query string; bad values are dropped."""
    errors = []
    status = request.args.get("status", "").strip()
    if status and status not in REQUEST_STATUSES:
        errors.append("That status is not one the tracker knows; showing every status.")
        status = ""
    custodian = request.args.get("custodian", "").strip()
    custodian_id = None
    if custodian:
        if custodian.isdigit() and len(custodian) < 12:
            custodian_id = int(custodian)
        else:
            errors.append("That custodian is not on record; showing every custodian.")
    return status or None, custodian_id, errors


@bp.route("/requests")
def index():
    """Published records requests, newest first, filtered by status and custodian, paged."""
    status, custodian_id, errors = _filters()
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    pagination = db.paginate(
        request_list_statement(status, custodian_id),
        page=page,
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    args = {key: value for key, value in (("status", status), ("custodian", custodian_id)) if value}
    return render_template(
        "requests/index.html",
        pagination=pagination,
        statuses=status_choices(),
        custodians=custodian_choices(db.session),
        status=status,
        custodian_id=custodian_id,
        filter_args=args,
        errors=errors,
    )


@bp.route("/requests/<int:record_id>")
@bp.route("/requests/<int:record_id>-<slug>")
def detail(record_id, slug=None):
    """One published records request with its deadline and dated history."""
    page = records_request_page(record_id)
    if page is None:
        abort(404)
    return render_template("requests/detail.html", page=page, request_record=page.request)
