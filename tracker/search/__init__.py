"""Search: full-text search over published records of every kind."""

from flask import Blueprint

bp = Blueprint("search", __name__, cli_group=None)


@bp.record_once
def _keep_index_current(state):
    """Registering search also starts keeping its index current on every write."""
    from tracker.extensions import db
    from tracker.search.index import register_search_listener

    register_search_listener(db.session)


from tracker.search import cli, routes  # noqa: E402,F401
