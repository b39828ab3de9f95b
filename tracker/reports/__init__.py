"""Printable PDF reports of cases, officers, demands and filtered sets of cases."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from tracker.reports import routes  # noqa: E402,F401
