"""Demand indicators' counts and pages of record ids, worked out once per change of the data.

A verdict counts every record of its kind (a GROUP BY over 100,000 cases: 0.1-0.5 s at
100,000 cases), and finding one page of a figure's records filters on that verdict again. The
answers are kept per process under the data stamp (``tracker.records.stamp.data_stamp``: it
moves on every revision of any record and every change of a source), like the front page's
counts (``tracker.public.summary``), so a publish, unpublish or edit is never shown stale.
Only ids and numbers are kept: records are loaded by id in each request's own session.
"""

import threading

from flask import current_app

from tracker.records.stamp import request_stamp

MAX_KEPT = 1000  # answers kept for one stamp (pages of figures readers asked for, evidence)

_lock = threading.Lock()


def _store():
    """The app's kept answers, ``{"stamp": stamp, "values": {key: answer}}`` (one per app)."""
    return current_app.extensions.setdefault("demand_indicators", {"stamp": None, "values": {}})


def kept(key, work):
    """``work()``'s answer for ``key`` at the current data stamp, computed once per stamp.

    ``work`` must return plain values (numbers, ids, strings), never ORM objects. Answers
    worked out behind the public boundary are kept apart from any others.
    """
    from tracker.extensions import db
    from tracker.records.visibility import is_public

    key = (is_public(db.session), *key)
    stamp = request_stamp()  # read first: the answer is then at least as new as the stamp
    store = _store()
    with _lock:
        if store["stamp"] != stamp:
            store["stamp"], store["values"] = stamp, {}
        values = store["values"]
        if key in values:
            return values[key]
    found = work()
    with _lock:
        if store["stamp"] == stamp and len(values) < MAX_KEPT:
            values[key] = found
    return found
