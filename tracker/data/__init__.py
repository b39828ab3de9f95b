"""Open data: CSV and JSON downloads of every published record kind, and a data dictionary."""

from flask import Blueprint

bp = Blueprint("data", __name__)


def init_app(app):
    """Serve ``/data`` and its downloads."""
    from tracker.data import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
