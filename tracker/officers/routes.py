"""The public officer list and officer pages."""

from flask import abort, current_app, render_template, request

from tracker.kinds.base import positive_int
from tracker.kinds.keyset import paginate
from tracker.kinds.officer import duty_statuses
from tracker.models import Officer
from tracker.officers import bp
from tracker.pages.officer import officer_list_statement, officer_page


@bp.route("/officers")
def index():
    """Published officers, a page at a time, with identity and duty status."""
    page = request.args.get("page", 1, type=int) or 1
    # The order spans two tables (identity on officers, title on records), so no index serves
    # it and sorting every officer took 20-60 ms at 10,000: every page, by number or after
    # the last officer shown (the "Next page" link), is read from the list's kept order.
    pagination = paginate(
        officer_list_statement(),
        Officer,
        min(max(page, 1), 10_000),
        current_app.config["PER_PAGE"],
        positive_int(request.args.get("after")),
        indexed=False,
    )
    statuses = duty_statuses(pagination.items)
    return render_template("officers/index.html", pagination=pagination, statuses=statuses)


@bp.route("/officers/<int:record_id>")
@bp.route("/officers/<int:record_id>-<slug>")
def detail(record_id, slug=None):
    """One published officer: identity, duty timeline and every record involving them."""
    # ``?cases_page=3``: the third page of the officer's cases (an officer can have thousands).
    # ``?records=complaints&records_page=2``: the second page of every complaint naming them.
    records = (request.args.get("records"), request.args.get("records_page", 1, type=int))
    # No fingerprint: only the PDF is stamped, and the page loads just what its entries read.
    page = officer_page(
        record_id,
        case_page=request.args.get("cases_page", 1, type=int),
        records=records,
        fingerprint=False,
    )
    if page is None:
        abort(404)
    return render_template("officers/detail.html", page=page, officer=page.officer)
