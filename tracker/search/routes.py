"""The public search page."""

from flask import render_template, request

from tracker.kinds import all_kinds
from tracker.search import bp
from tracker.search.query import search


@bp.route("/search")
def results():
    """Search published records: ``/search?q=words&kind=case&year=2020&page=2``."""
    query = (request.args.get("q") or "").strip()[:200]
    page = request.args.get("page", 1, type=int) or 1
    found = search(
        query,
        page=min(max(page, 1), 1000),
        kind=request.args.get("kind"),
        year=request.args.get("year", type=int),
    )
    return render_template(
        "search/results.html",
        query=query,
        results=found,
        kinds=[(kind.name, kind.label) for kind in all_kinds() if kind.searchable],
    )
