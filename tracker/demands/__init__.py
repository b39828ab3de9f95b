"""Demands: the scoreboard, demand pages and the indicators computed from the records."""

from flask import Blueprint

bp = Blueprint("demands", __name__)


def init_app(app):
    """Serve the scoreboard and the demand pages."""
    from tracker.demands import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
