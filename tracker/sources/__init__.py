"""Sources on the public site: a source's page and, once reviewed, its document."""

from flask import Blueprint

bp = Blueprint("sources", __name__)


def init_app(app):
    """Serve the public source pages."""
    from tracker.sources import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
