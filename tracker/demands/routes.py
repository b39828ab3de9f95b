"""The demand scoreboard and demand pages."""

from flask import abort, render_template, request

from tracker.charts.data import demand_scoreboard
from tracker.demands import bp
from tracker.demands.coverage import fatal_force_coverage
from tracker.demands.indicators import counts_only
from tracker.demands.services import primary_petition, published_demands
from tracker.pages.demand import demand_page


@bp.route("/demands")
def scoreboard():
    """Every demand of the petition with its status and computed indicator."""
    petition = primary_petition()
    demands = published_demands(petition)
    # Counts only: one GROUP BY a demand, whatever the number of records counted.
    indicators = {demand.id: counts_only(demand) for demand in demands}
    return render_template(
        "demands/scoreboard.html",
        petition=petition,
        demands=demands,
        indicators=indicators,
        chart=demand_scoreboard(demands),  # a table: one bar would add nothing
    )


@bp.route("/demands/<int:number>")
@bp.route("/demands/<int:number>-<slug>")
def detail(number, slug=None):
    """One demand: its text, status history, indicator and the evidence linked to it."""
    # ``?figure=refused&page=3``: the third page of the records behind one figure.
    figure = request.args.get("figure", "")
    page_number = request.args.get("page", 1, type=int)
    page = demand_page(
        number,
        pages={figure: page_number} if figure else {},
        court_page=request.args.get("court_page", 1, type=int),
        meetings_page=request.args.get("meetings_page", 1, type=int),
        requests_page=request.args.get("requests_page", 1, type=int),
        full=False,  # the page lists the linked records as links (kept), never in full
    )
    if page is None:
        abort(404)
    return render_template(
        "demands/detail.html",
        page=page,
        demand=page.demand,
        petition=page.petition,
        indicator=page.indicator,
        evidence=page.evidence,
        # Demand 3 (fatal cases): how many of the Post's fatal shootings are logged here.
        coverage=fatal_force_coverage() if page.demand.indicator == "officers_named" else [],
    )
