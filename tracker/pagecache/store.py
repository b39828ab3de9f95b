"""Where cached pages live: a bounded dict in each process, in front of Redis when there is one.

Redis shares the pages between servers and outlives a recycled worker; the dict saves the round
trip to Redis for the pages this process served lately.
"""

import json
import threading
from collections import OrderedDict

from flask import current_app

from tracker.reports.cache import RedisCache

REDIS_TTL_SECONDS = 24 * 3600  # keys carry the data stamp: old ones only wait to expire


def pack(etag, content_type, body, headers=None):
    """One cache value: a JSON line of headers, then the body.

    ``headers``: the answer's own headers a cached copy must carry too (``KEPT_HEADERS``).
    """
    head = json.dumps({"etag": etag, "type": content_type, "headers": headers or {}}).encode()
    return head + b"\n" + body


def unpack(value):
    """``(etag, content_type, headers, body)`` of a cached value."""
    head, _, body = value.partition(b"\n")
    meta = json.loads(head)
    # A value kept before headers were kept has none.
    return meta["etag"], meta["type"], meta.get("headers", {}), body


class MemoryStore:
    """The most recently used pages of this process: ``size`` of them, ``max_bytes`` in all."""

    def __init__(self, size, max_bytes=None):
        """Keep at most ``size`` entries and ``max_bytes`` bytes of values (None: no byte bound)."""
        self.size, self.max_bytes = size, max_bytes
        self.entries, self.lock, self.bytes = OrderedDict(), threading.Lock(), 0

    def get(self, key):
        """The value under ``key``, or None."""
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def set(self, key, value):
        """Keep ``value`` under ``key``, dropping the least recently used beyond the bounds."""
        if self.max_bytes is not None and len(value) > self.max_bytes:
            return
        with self.lock:
            previous = self.entries.pop(key, None)
            self.bytes += len(value) - (len(previous) if previous is not None else 0)
            self.entries[key] = value
            while len(self.entries) > self.size or (
                self.max_bytes is not None and self.bytes > self.max_bytes
            ):
                _, dropped = self.entries.popitem(last=False)
                self.bytes -= len(dropped)


class RedisStore(RedisCache):
    """Pages in Redis under ``page:<key>``; skipped while Redis is away (as the report cache)."""

    def get(self, key):
        """The value under ``key``, or None (also while Redis is away)."""
        return self._call(self.client.get, f"page:{key}")

    def set(self, key, value):
        """Store ``value`` under ``key`` for a day (nothing while Redis is away)."""
        self._call(self.client.set, f"page:{key}", value, ex=REDIS_TTL_SECONDS)


class NearStore:
    """Redis shared by every server, with this process's most recent pages in front of it.

    A hit found in the process costs no round trip to Redis (most of a hit's cost on a server
    whose pages are in Redis). It is never staler than Redis: the key holds the data stamp and
    the day, so a change makes new keys in both. While Redis is away, the pages this process
    holds are still served and a miss is built as without Redis.
    """

    def __init__(self, near, far):
        """``near``: this process's ``MemoryStore``; ``far``: the ``RedisStore``."""
        self.near, self.far = near, far

    def get(self, key):
        """The value under ``key`` from this process, else from Redis (kept here too), or None."""
        value = self.near.get(key)
        if value is None:
            value = self.far.get(key)
            if value is not None:
                self.near.set(key, value)
        return value

    def set(self, key, value):
        """Keep ``value`` under ``key`` here and in Redis."""
        self.near.set(key, value)
        self.far.set(key, value)


def page_store(app=None):
    """The app's page store (``app``, else the current app's), made on first use."""
    app = app or current_app
    store = app.extensions.get("page_cache")
    if store is None:
        url = app.config.get("PAGE_CACHE_REDIS_URL") or app.config.get("REDIS_URL")
        store = MemoryStore(
            app.config["PAGE_CACHE_MAX_ENTRIES"], app.config.get("PAGE_CACHE_MAX_BYTES")
        )
        if url:
            store = NearStore(store, RedisStore(url, app.logger))
        app.extensions["page_cache"] = store
    return store
