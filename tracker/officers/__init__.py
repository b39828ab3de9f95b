"""Officers: the public officer list and officer pages."""

from flask import Blueprint

bp = Blueprint("officers", __name__)


def init_app(app):
    """Serve the officer list and officer pages."""
    from tracker.officers import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
