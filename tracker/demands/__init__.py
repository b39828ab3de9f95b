"""Demands: the scoreboard, demand pages and the indicators computed from the records."""

from flask import Blueprint

bp = Blueprint("demands", __name__)

from tracker.demands import routes  # noqa: E402,F401


def init_app(app):
    """Serve the scoreboard and the demand pages."""
    app.register_blueprint(bp)
