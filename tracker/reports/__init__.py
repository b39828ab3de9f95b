"""Printable PDF reports of cases, officers, demands and filtered sets of cases."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from tracker.reports import routes  # noqa: E402,F401


def init_app(app):
    """Serve the PDF reports."""
    app.register_blueprint(bp)
