"""The front page and the feed: what the tracker is, the demands, the numbers, the latest."""

from flask import Response, current_app, render_template
from sqlalchemy import func, select

from tracker.charts.data import demand_scoreboard
from tracker.charts.svg import render_svg
from tracker.demands.services import latest_published, primary_petition, published_demands
from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.models import Record
from tracker.models.choices import PUBLISHED
from tracker.public import bp
from tracker.public.feed import atom_time, feed_entries
from tracker.public.summary import front_page_counts


def headline_numbers():
    """``[(count, label)]`` of published records of each headline kind (one query)."""
    counts = dict(
        db.session.execute(
            select(Record.kind, func.count())
            .where(Record.status == PUBLISHED)
            .group_by(Record.kind)
        ).all()
    )
    numbers = []
    for kind in all_kinds():
        if kind.headline:
            count = counts.get(kind.name, 0)
            numbers.append((count, (kind.label if count == 1 else kind.plural).lower()))
    return numbers


@bp.route("/")
def index():
    """What the tracker is, the demand scoreboard, headline numbers, charts, latest records."""
    petition = primary_petition()
    demands = published_demands(petition)
    numbers, charts = front_page_counts(headline_numbers)
    return render_template(
        "public/index.html",
        petition=petition,
        demands=demands,
        latest=latest_published(),
        numbers=numbers,
        # The demands by status as a table only: one bar of six demands adds nothing.
        charts=[(demand_scoreboard(demands), None)]
        + [(chart, render_svg(chart)) for chart in charts],
    )


@bp.route("/feed.xml")
def feed():
    """An Atom feed of the latest published and updated records."""
    entries = feed_entries(current_app.config["FEED_SIZE"])
    updated = max((entry.record.updated_at for entry in entries), default=None)
    body = render_template("public/feed.xml", entries=entries, updated=updated, atom_time=atom_time)
    return Response(body, mimetype="application/atom+xml")
