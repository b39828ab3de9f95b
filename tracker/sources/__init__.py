"""Sources on the public site: a source's page and, once reviewed, its document."""

from flask import Blueprint

bp = Blueprint("sources", __name__)

from tracker.sources import routes  # noqa: E402,F401
