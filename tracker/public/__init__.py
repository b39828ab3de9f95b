"""The public front page."""

from flask import Blueprint

bp = Blueprint("public", __name__)


def init_app(app):
    """Serve the front page and the feed."""
    from tracker.public import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
