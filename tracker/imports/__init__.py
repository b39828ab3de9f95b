"""CSV import of records for editors: a template per kind, a dry run, an all-or-nothing commit."""

from flask import Blueprint

bp = Blueprint("imports", __name__)

from tracker.imports import routes  # noqa: E402,F401
