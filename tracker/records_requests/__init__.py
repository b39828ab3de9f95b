"""Records requests' public pages: one page each, since a request may bear on several cases."""

from flask import Blueprint

bp = Blueprint("records_requests", __name__)


def init_app(app):
    """Serve the records request pages."""
    from tracker.records_requests import routes  # noqa: F401 (importing them adds their routes)

    app.register_blueprint(bp)
