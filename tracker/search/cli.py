"""``flask search-reindex``: rebuild the search index from the records."""

import click

from tracker.extensions import db
from tracker.planner import refresh_after_bulk_change
from tracker.search import bp
from tracker.search.index import reindex_all


@bp.cli.command("search-reindex")
def search_reindex_command():
    """Rebuild the full-text search index of published records."""
    count = reindex_all(db.session)
    refresh_after_bulk_change(db.session)  # the index just changed wholesale
    click.echo(f"Indexed {count} published records.")
