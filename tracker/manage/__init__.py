"""The volunteers' workspace: record forms, review workflow, history and user admin."""

from flask import Blueprint

bp = Blueprint("manage", __name__, url_prefix="/manage")

from tracker.manage import records_routes, routes, users_routes, workflow_routes  # noqa: E402,F401


def init_app(app):
    """Serve the volunteers' workspace."""
    app.register_blueprint(bp)
