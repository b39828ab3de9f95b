"""Answers worked out once per change of the data, kept per process under the data stamp.

Counting or ordering every published record (a GROUP BY over 100,000 cases, the total of a
list, a demand's figures) costs 0.1-0.5 s at 100,000 cases, and the answer only changes when a
record or source does. ``kept(name, key, work)`` runs ``work()`` once per data stamp
(``tracker.records.stamp.data_stamp``: it moves on every revision of any record, a publish,
unpublish or edit included, and every change of a source) and hands back the kept answer until
the stamp moves. One store per ``name`` (front page counts, list totals, demand figures, ...),
one set of stores per app (each test has its own app), per process.

Only plain values (numbers, ids, strings) may be kept, never ORM objects: records are loaded
by id in each request's own session. Answers worked out behind the public boundary are keyed
apart from any others, so an editor's answer (drafts counted) never reaches a reader.
"""

import threading
import time

from flask import current_app

_lock = threading.Lock()


def _stores():
    """The app's stores, ``{name: {"stamp": stamp, "values": {key: (when, answer)}}}``."""
    return current_app.extensions.setdefault("kept_answers", {})


def kept(name, key, work, *, limit=1000, seconds=None):
    """``work()``'s answer for ``key`` in store ``name``, computed once per data stamp.

    ``limit``: answers a store keeps for one stamp (the store starts afresh past it);
    ``seconds``: an answer older than this is worked out again even under the same stamp (a
    guard for what the stamp does not cover, such as a search reindex).
    """
    from tracker.extensions import db
    from tracker.records.stamp import request_stamp
    from tracker.records.visibility import is_public

    key = (is_public(db.session()), *key)
    stamp = request_stamp()  # read first: the answer is then at least as new as the stamp
    now = time.monotonic()
    with _lock:
        store = _stores().setdefault(name, {"stamp": None, "values": {}})
        if store["stamp"] != stamp:
            store["stamp"], store["values"] = stamp, {}
        found = store["values"].get(key)
    if found is not None and (seconds is None or now - found[0] < seconds):
        return found[1]
    answer = work()
    with _lock:
        if store["stamp"] == stamp:
            if len(store["values"]) >= limit:
                store["values"] = {}
            store["values"][key] = (now, answer)
    return answer
