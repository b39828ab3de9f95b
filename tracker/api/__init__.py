"""The read-only JSON API of published records, described by an OpenAPI 3 document."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def init_app(app):
    """Serve the JSON API under ``/api/v1``."""
    from tracker.api import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
