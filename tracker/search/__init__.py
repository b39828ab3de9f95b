"""Search: full-text search over published records of every kind."""

from flask import Blueprint

bp = Blueprint("search", __name__, cli_group=None)


def init_app(app):
    """Serve ``/search``, add ``flask search-reindex`` and keep the index current on writes."""
    from tracker.extensions import db
    from tracker.search import cli, routes  # noqa: F401 (importing them adds their routes to bp)
    from tracker.search.index import register_search_listener

    app.register_blueprint(bp)
    register_search_listener(db.session)
