"""Officers: the public officer list and officer pages."""

from flask import Blueprint

bp = Blueprint("officers", __name__)

from tracker.officers import routes  # noqa: E402,F401


def init_app(app):
    """Serve the officer list and officer pages."""
    app.register_blueprint(bp)
