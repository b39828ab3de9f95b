"""The volunteers' workspace: record forms, review workflow, history and user admin."""

from flask import Blueprint

bp = Blueprint("manage", __name__, url_prefix="/manage")


def init_app(app):
    """Serve the volunteers' workspace."""
    # Importing the route modules adds their routes to bp.
    from tracker.manage import (  # noqa: F401
        case_file,
        case_review,
        category_routes,
        citation_routes,
        day_routes,
        demand_link_routes,
        demand_status_routes,
        history_routes,
        lifecycle_routes,
        quick_create,
        records_routes,
        routes,
        source_list_routes,
        sources_routes,
        users_routes,
    )

    app.register_blueprint(bp)
