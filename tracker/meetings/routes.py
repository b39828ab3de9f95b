"""The public meeting list and meeting pages."""

from flask import abort, current_app, render_template, request

from tracker.extensions import db
from tracker.meetings import bp
from tracker.pages.meeting import meeting_list_statement, meeting_page


@bp.route("/meetings")
def index():
    """Published public meetings, newest first, a page at a time."""
    page = request.args.get("page", 1, type=int) or 1
    pagination = db.paginate(
        meeting_list_statement(),
        page=min(max(page, 1), 10_000),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template("meetings/index.html", pagination=pagination)


@bp.route("/meetings/<int:record_id>")
@bp.route("/meetings/<int:record_id>-<slug>")
def detail(record_id, slug=None):
    """One published meeting: body, date, place, agenda items with votes, demands, sources."""
    page = meeting_page(record_id)
    if page is None:
        abort(404)
    return render_template("meetings/detail.html", page=page, meeting=page.meeting)
