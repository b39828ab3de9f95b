"""The public page of a records request: what was asked, when it was due, what came back."""

from flask import abort, render_template

from tracker.pages.records_request import records_request_page
from tracker.requests import bp


@bp.route("/requests/<int:record_id>")
@bp.route("/requests/<int:record_id>-<slug>")
def detail(record_id, slug=None):
    """One published records request with its deadline and dated history."""
    page = records_request_page(record_id)
    if page is None:
        abort(404)
    return render_template("requests/detail.html", page=page, request_record=page.request)
