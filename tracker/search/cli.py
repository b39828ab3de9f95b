"""``flask search-reindex``: rebuild the search index from the records, in batches."""

import click

from tracker.extensions import db
from tracker.planner import refresh_after_bulk_change
from tracker.search import bp
from tracker.search.reindex import BATCH_SIZE, reindex


@bp.cli.command("search-reindex")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=BATCH_SIZE,
    show_default=True,
    help="Records rebuilt and committed at a time.",
)
@click.option(
    "--resume", is_flag=True, help="Continue after the last batch a cut-short rebuild committed."
)
def search_reindex_command(batch_size, resume):
    """Rebuild the full-text search index of published records."""
    with click.progressbar(length=1, label="Indexing records") as bar:

        def progress(done, total):
            """Move the bar to ``done`` of ``total`` records."""
            bar.length = total or 1
            bar.update(done - bar.pos)

        count = reindex(db.session, batch_size=batch_size, resume=resume, progress=progress)
    refresh_after_bulk_change(db.session)  # the index just changed wholesale
    click.echo(f"Indexed {count} published records.")
