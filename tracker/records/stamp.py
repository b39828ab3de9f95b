"""The data stamp: one small query that tells whether anything public may have changed.

The report cache, the readers' page cache, the kept home-page and demand figures and the jobs
all key what they keep on it.
"""

from functools import cache

# Revisions whose ids are this close to the newest are counted too (see ``data_stamp``).
RECENT_REVISIONS = 1000


def data_stamp():
    """A cheap stamp that changes whenever any record or source changes.

    Every change to a record (or its parts) writes a revision, so the highest revision id moves
    on every edit; sources carry their own ``updated_at`` (and a new one a higher id; the app
    never deletes a source). A transaction can take a revision id and commit after a later
    one, so the stamp also counts the recent revisions: that count moves when the slower
    transaction commits. One small query, instead of loading a whole
    dossier, tells whether a fingerprint computed earlier can still be trusted.
    """
    from tracker.extensions import db

    row = db.session.execute(_stamp_statement()).one()
    return tuple(str(value) for value in row)


@cache
def _stamp_statement():
    """``data_stamp``'s query, built once (every request reads it; building it was 0.2 ms)."""
    from sqlalchemy import func, select

    from tracker.models import Revision, Source

    newest = select(func.max(Revision.id)).scalar_subquery()
    return select(
        newest,
        select(func.count(Revision.id))
        .where(Revision.id > newest - RECENT_REVISIONS)
        .scalar_subquery(),
        select(func.max(Source.updated_at)).scalar_subquery(),
        # The newest source's id (a new one whatever its dates): read at one end of the
        # index, where a count read all 20,000 sources of a big tracker on every request.
        select(func.max(Source.id)).scalar_subquery(),
    )


def request_stamp():
    """The data stamp, read once per request (a page may ask for several kept answers).

    Outside a request (commands, tests) it is read afresh each time.
    """
    from flask import has_request_context, request

    if not has_request_context():
        return data_stamp()
    if "tracker.data_stamp" not in request.environ:
        request.environ["tracker.data_stamp"] = data_stamp()
    return request.environ["tracker.data_stamp"]
