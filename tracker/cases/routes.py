"""The public case list (filters, sort, pagination) and case pages."""

from flask import abort, current_app, jsonify, redirect, render_template, request, url_for

from tracker.cases import bp
from tracker.cases.badges import case_badges
from tracker.cases.listing import LISTED_COLUMNS, ListedCase, filter_choices, officer_names
from tracker.kinds.base import positive_int
from tracker.kinds.case_filters import SORTS, CaseFilters
from tracker.kinds.keyset import paginate
from tracker.models import Case
from tracker.models.choices import (
    CASE_KINDS,
    CASE_OUTCOMES,
    INVESTIGATION_SCOPES,
    INVESTIGATION_STATUSES,
)
from tracker.pages.case import case_page
from tracker.search.query import matching_ids


@bp.route("/cases")
def index():
    """Published cases, filtered and sorted from the query string, a page at a time."""
    filters = CaseFilters.from_args(request.args)
    page = request.args.get("page", 1, type=int) or 1
    # The "Next page" link carries ``after`` (the last case shown): the page after it is read
    # from the index (keyset), as fast deep in the list as at its start.
    pagination = paginate(
        filters.statement(matching=matching_ids, columns=LISTED_COLUMNS),
        Case,
        min(max(page, 1), 10_000),
        current_app.config["PER_PAGE"],
        positive_int(request.args.get("after")),
    )
    # Plain rows (no record loaded), each with its link, and one query for every badge.
    pagination.items = [ListedCase(row) for row in pagination.items]
    if page > 1 and not pagination.items and pagination.total:
        return redirect(url_for("cases.index", **filters.to_args()))
    return render_template(
        "cases/index.html",
        filters=filters,
        pagination=pagination,
        choices=filter_choices(),
        kinds=CASE_KINDS,
        outcomes=CASE_OUTCOMES,
        scopes=INVESTIGATION_SCOPES,
        statuses=INVESTIGATION_STATUSES,
        sorts=SORTS,
        badges=case_badges(case.id for case in pagination.items),
    )


@bp.route("/cases/officer-names")
def officer_lookup():
    """The officer box's suggestions: names of published officers starting with ``q``."""
    return jsonify(officer_names(request.args.get("q")))


@bp.route("/cases/<int:record_id>")
@bp.route("/cases/<int:record_id>-<slug>")
def detail(record_id, slug=None):
    """One published case with everything on record about it."""
    page = case_page(record_id)
    if page is None:
        abort(404)
    return render_template("cases/detail.html", page=page, case=page.case)
