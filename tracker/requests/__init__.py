"""Records requests' public pages: one page each, since a request may bear on several cases."""

from flask import Blueprint

bp = Blueprint("requests", __name__)


def init_app(app):
    """Serve the records request pages."""
    from tracker.requests import routes  # noqa: F401 (importing them adds their routes)

    app.register_blueprint(bp)
