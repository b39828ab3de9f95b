"""The volunteers' workspace: record forms, review workflow, history and user admin."""

from flask import Blueprint

bp = Blueprint("manage", __name__, url_prefix="/manage")

from tracker.manage import (  # noqa: E402,F401
    citation_routes,
    demand_link_routes,
    demand_status_routes,
    history_routes,
    lifecycle_routes,
    records_routes,
    routes,
    source_routes,
    users_routes,
)
