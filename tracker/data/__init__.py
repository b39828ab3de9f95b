"""Open data: CSV and JSON downloads of every published record kind, and a data dictionary."""

from flask import Blueprint

bp = Blueprint("data", __name__)

from tracker.data import routes  # noqa: E402,F401


def init_app(app):
    """Serve ``/data`` and its downloads."""
    app.register_blueprint(bp)
