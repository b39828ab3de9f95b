"""The front page: what the tracker is, the demands and their status, the latest records."""

from flask import render_template

from tracker.demands.services import latest_published, primary_petition, published_demands
from tracker.public import bp


@bp.route("/")
def index():
    """What the tracker is, the demand scoreboard and the latest published records."""
    petition = primary_petition()
    return render_template(
        "public/index.html",
        petition=petition,
        demands=published_demands(petition),
        latest=latest_published(),
    )
