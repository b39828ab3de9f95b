"""The volunteers' workspace: record forms, review workflow, history and user admin."""

from flask import Blueprint

bp = Blueprint("manage", __name__, url_prefix="/manage")

from tracker.manage import (  # noqa: E402,F401
    records_routes,
    routes,
    sources_routes,
    users_routes,
    workflow_routes,
)
