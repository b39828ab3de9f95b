"""The data stamp as the page cache reads it: at most once a second per process.

Reading the stamp (``tracker.records.stamp.data_stamp``) is one small query, but on a cache
hit it was most of the request's cost: the page itself comes from memory or Redis. So each
process remembers the stamp it last read for ``PAGE_CACHE_STAMP_SECONDS`` (1; 0 reads it on
every request). Why this never serves a page older than the data it may show:

- A commit in this process (any session's, and any connection's transaction) forgets the
  remembered stamp at once, and a stamp read while a commit happened is not remembered (a
  generation counter, taken before the read, must be unchanged after it). So the process that
  published, unpublished or edited a record serves the new pages from its very next request:
  an editor never sees an old page after saving.
- A change made by another server, a job worker or a command is seen by this process within
  ``PAGE_CACHE_STAMP_SECONDS``. Public answers already carry ``Cache-Control: public,
  max-age=PAGE_CACHE_MAX_AGE`` (60 s): a browser, proxy or CDN may show the old page for that
  long after any change, so a second more on another server adds no staleness the site does
  not already accept, and it only ever concerns pages anonymous readers could see a moment ago.
  Signed-in users' pages are never cached (``hooks.py``).
"""

import threading
import time

from flask import current_app
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

_lock = threading.Lock()
_generation = [0]  # moves on every commit in this process


def forget_stamp(*_args):
    """A commit happened: no remembered stamp of this process is trusted any more."""
    with _lock:
        _generation[0] += 1


def remembered_stamp(app, now=None):
    """The stamp ``app`` remembers, if still trusted (no commit since, read recently), else None.

    Reads nothing: the page cache's front door (``front.py``) uses it outside any app context.
    """
    seconds = app.config.get("PAGE_CACHE_STAMP_SECONDS") or 0
    remembered = app.extensions.get("page_cache_stamp")
    if (
        seconds
        and remembered is not None
        and remembered[1] == _generation[0]
        and (time.monotonic() if now is None else now) - remembered[2] < seconds
    ):
        return remembered[0]
    return None


def current_stamp():
    """The data stamp, remembered per process for ``PAGE_CACHE_STAMP_SECONDS`` at most."""
    from tracker.records.stamp import data_stamp

    app = current_app
    seconds = app.config.get("PAGE_CACHE_STAMP_SECONDS") or 0
    started = time.monotonic()
    remembered = remembered_stamp(app, started)
    if remembered is not None:
        return remembered
    generation = _generation[0]
    stamp = data_stamp()
    # Kept only if no commit happened while it was read (it may predate that commit), and
    # counted from before the read, never from after it.
    if seconds and generation == _generation[0]:
        app.extensions["page_cache_stamp"] = (stamp, generation, started)
    return stamp


def watch_commits():
    """Forget the stamp on every commit in this process (once per process, however many apps).

    ``after_commit`` of every ORM session fires once the data is committed; the engine's
    ``commit`` covers writes made on a connection without a session (it fires just before the
    commit, and the bounded time covers the moment between).
    """
    if not event.contains(Session, "after_commit", forget_stamp):
        event.listen(Session, "after_commit", forget_stamp)
    if not event.contains(Engine, "commit", forget_stamp):
        event.listen(Engine, "commit", forget_stamp)
