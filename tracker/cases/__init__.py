"""Cases: the public case list and case pages."""

from flask import Blueprint

bp = Blueprint("cases", __name__)

from tracker.cases import routes  # noqa: E402,F401


def init_app(app):
    """Serve the case list and case pages."""
    app.register_blueprint(bp)
