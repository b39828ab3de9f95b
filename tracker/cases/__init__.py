"""Cases: the public case list and case pages."""

from flask import Blueprint

bp = Blueprint("cases", __name__)


def init_app(app):
    """Serve the case list and case pages."""
    from tracker.cases import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
