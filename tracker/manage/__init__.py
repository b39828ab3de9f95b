"""The volunteers' workspace: record forms, review workflow, history and user admin."""

from flask import Blueprint

bp = Blueprint("manage", __name__, url_prefix="/manage")


def init_app(app):
    """Serve the volunteers' workspace."""
    # Importing the route modules adds their routes to bp.
    from tracker.manage import records_routes, routes, users_routes, workflow_routes  # noqa: F401

    app.register_blueprint(bp)
