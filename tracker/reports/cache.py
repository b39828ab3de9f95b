"""The report cache: a rendered PDF is kept under its fingerprint, on disk or in Redis.

A key names the report (kind and id or filters) and the fingerprint of every record it shows,
so an edit to any of them makes a new key and a new render; old entries are simply never asked
for again (Redis expires them; on disk ``prune`` keeps the folder bounded).
"""

import hashlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path

from flask import current_app

REDIS_TTL_SECONDS = 30 * 24 * 3600
MAX_DISK_ENTRIES = 2000


def cache_key(kind, ident, fingerprint):
    """The cache key (also the ETag) of report ``kind`` ``ident`` at ``fingerprint``."""
    raw = f"{kind}:{ident}:{fingerprint}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


class DiskCache:
    """PDFs as files named by their key, written atomically."""

    def __init__(self, folder):
        """Keep files under ``folder`` (created on first write)."""
        self.folder = Path(folder)

    def get(self, key):
        """The cached bytes for ``key``, or None."""
        try:
            return (self.folder / f"{key}.pdf").read_bytes()
        except OSError:
            return None

    def set(self, key, data):
        """Store ``data`` under ``key``; a concurrent reader sees the old file or the new one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, self.folder / f"{key}.pdf")
        self.prune()

    def prune(self):
        """Drop the oldest files beyond ``MAX_DISK_ENTRIES``."""
        files = sorted(self.folder.glob("*.pdf"), key=lambda path: path.stat().st_mtime)
        for path in files[:-MAX_DISK_ENTRIES]:
            path.unlink(missing_ok=True)


class RedisCache:
    """PDFs in Redis, shared by every server, expiring after 30 days.

    While Redis is away the cache is skipped (a get finds nothing, a set stores nothing, so
    reports are rendered on every request) and Redis is not asked again for ``RETRY_SECONDS``.
    The outage is logged once when it starts and once when Redis answers again.
    """

    RETRY_SECONDS = 30

    def __init__(self, url, logger=None):
        """Connect lazily to the Redis at ``url``.

        A Redis that does not answer within a second or two counts as away.
        """
        import redis

        self.client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
        self.errors = (redis.RedisError, OSError)
        self.logger = logger or logging.getLogger(__name__)
        self.lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the last failure while away, else None

    def _available(self):
        """False while Redis is known to be away and it is not yet time to ask again."""
        with self.lock:
            return (
                self.down_since is None or time.monotonic() - self.down_since >= self.RETRY_SECONDS
            )

    def _failed(self, error):
        """Note a failure; log it only when it starts an outage."""
        with self.lock:
            starting = self.down_since is None
            self.down_since = time.monotonic()
        if starting:
            self.logger.warning(
                "Redis is unreachable (%s): PDF reports are rendered without the cache until "
                "it answers again (retried every %d seconds)",
                error,
                self.RETRY_SECONDS,
            )

    def _succeeded(self):
        """Note an answer; log it only when it ends an outage."""
        with self.lock:
            ending = self.down_since is not None
            self.down_since = None
        if ending:
            self.logger.warning("Redis answers again: the PDF report cache is back in use")

    def _call(self, method, *args, **kwargs):
        """Run one Redis command; None when Redis is away."""
        if not self._available():
            return None
        try:
            answer = method(*args, **kwargs)
        except self.errors as error:
            self._failed(error)
            return None
        self._succeeded()
        return answer

    def get(self, key):
        """The cached bytes for ``key``, or None (also while Redis is away)."""
        return self._call(self.client.get, f"report:{key}")

    def set(self, key, data):
        """Store ``data`` under ``key`` (nothing while Redis is away)."""
        self._call(self.client.set, f"report:{key}", data, ex=REDIS_TTL_SECONDS)


def report_cache():
    """The cache this app uses: Redis when ``REDIS_URL`` is set, else a folder under instance/."""
    app = current_app
    url = app.config.get("REPORT_CACHE_REDIS_URL") or app.config.get("REDIS_URL")
    if url:
        caches = app.extensions.setdefault("report_cache", {})
        if url not in caches:
            caches[url] = RedisCache(url, app.logger)
        return caches[url]
    folder = app.config.get("REPORT_CACHE_DIR") or os.path.join(app.instance_path, "report-cache")
    return DiskCache(folder)


class FingerprintMemo:
    """Remembers each report's ETag for the data stamp it was computed at (per process).

    An entry is trusted for ``MAX_AGE_SECONDS`` at most, as a last guard against a change the
    stamp could miss (a transaction older than the recent-revision window).
    """

    MAX_ENTRIES = 5000
    MAX_AGE_SECONDS = 300

    def __init__(self):
        """Start empty."""
        self.entries = {}

    def get(self, name, stamp):
        """The ETag remembered for report ``name`` at ``stamp``, or None."""
        entry = self.entries.get(name)
        if entry is None or entry[0] != stamp or time.monotonic() - entry[2] > self.MAX_AGE_SECONDS:
            return None
        return entry[1]

    def set(self, name, stamp, etag):
        """Remember ``etag`` for ``name`` at ``stamp``; start over when full."""
        if len(self.entries) >= self.MAX_ENTRIES:
            self.entries.clear()
        self.entries[name] = (stamp, etag, time.monotonic())


def fingerprint_memo():
    """The memo of report ETags kept on the current app."""
    return current_app.extensions.setdefault("report_fingerprints", FingerprintMemo())
