"""Public meetings: the list of meetings and each meeting's page."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)


def init_app(app):
    """Serve the meeting list and meeting pages."""
    from tracker.meetings import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
