"""Rebuilding the search index in batches of records, resumable after an interruption.

The records are walked by id, ``batch_size`` at a time; each batch replaces the index rows of
its id range (published records written, the rest removed) and commits, so searches keep
finding every record during a rebuild (old rows until their batch is done) and a rebuild cut
short leaves a usable index. After each commit the last id done is written to a checkpoint file
in the instance folder; ``resume=True`` starts after it. A file, not a table: it needs no
migration, it is written once per batch by the one process rebuilding, and losing it costs only
a full rebuild.
"""

from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, select, text

from tracker.models import Record, SearchDocument
from tracker.search.index import insert_rows
from tracker.search.rows import batch_documents

BATCH_SIZE = 2000
CHECKPOINT_NAME = "search-reindex.checkpoint"


def checkpoint_path():
    """The checkpoint file of the current app."""
    return Path(current_app.instance_path) / CHECKPOINT_NAME


def read_checkpoint():
    """The last record id a cut-short rebuild committed (0 when none)."""
    try:
        return int(checkpoint_path().read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def _write_checkpoint(last_id):
    """Note that every record up to ``last_id`` is indexed."""
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(last_id))


def reindex(session, batch_size=BATCH_SIZE, resume=False, progress=None):
    """Rebuild the index (after the checkpoint when ``resume``).

    Returns how many published records were indexed. ``progress(done, total)`` is called
    before the first batch and after each one, counting records.
    """
    after = read_checkpoint() if resume else 0
    total = session.scalar(select(func.count()).select_from(Record))
    done = session.scalar(select(func.count()).select_from(Record).where(Record.id <= after))
    indexed = 0
    if progress:
        progress(done, total)
    while True:
        rows = session.execute(
            select(Record.id, Record.kind)
            .where(Record.id > after)
            .order_by(Record.id)
            .limit(batch_size)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        documents = batch_documents(session, rows)
        # The id range, not just these ids: a row left by a record since deleted goes too.
        session.execute(
            delete(SearchDocument).where(
                SearchDocument.record_id > after, SearchDocument.record_id <= last
            )
        )
        insert_rows(session.connection(), documents)
        indexed += len(documents)
        session.commit()
        _write_checkpoint(last)
        after, done = last, done + len(rows)
        if progress:
            progress(done, total)
    session.execute(delete(SearchDocument).where(SearchDocument.record_id > after))
    session.commit()
    checkpoint_path().unlink(missing_ok=True)
    _vacuum(session)
    return indexed


def _vacuum(session):
    """On PostgreSQL, clear the dead rows a rebuild leaves behind and mark the pages visible.

    Until autovacuum gets to them, every search of a common word would step over a dead row
    for each live one (measured: 26 ms instead of 16 ms a search at 20,000 cases).
    """
    engine = session.get_bind()
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE) search_documents"))
