"""Demands: the scoreboard, demand pages and the indicators computed from the records."""

from flask import Blueprint

bp = Blueprint("demands", __name__)

from tracker.demands import routes  # noqa: E402,F401
