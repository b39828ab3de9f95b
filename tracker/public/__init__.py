"""The public front page."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from tracker.public import routes  # noqa: E402,F401


def init_app(app):
    """Serve the front page and the feed."""
    app.register_blueprint(bp)
