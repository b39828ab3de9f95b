"""Printable PDF reports of cases, officers, demands, meetings and filtered sets of cases."""

from flask import Blueprint

bp = Blueprint("reports", __name__)


def init_app(app):
    """Serve the PDF reports."""
    from tracker.reports import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
