"""A job's progress beside the database: a small JSON file per job, written atomically.

On SQLite an import holds the database's one write lock from its first batch to its commit, so
the progress and heartbeat rows of its job cannot be written meanwhile. The worker therefore
also writes ``{"done", "total", "message", "at"}`` to ``<instance>/job-progress/<token>.json``
(a temporary file renamed over the old one, so a reader never sees half a file), and the job's
page takes it when it is newer than the row. Workers and web servers share the instance folder
(one machine); where they do not, the database row still works wherever it can be written.
"""

import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)


def _folder(app):
    """The folder of the progress files (``JOBS_PROGRESS_DIR``, or one in the instance folder)."""
    return Path(app.config.get("JOBS_PROGRESS_DIR") or Path(app.instance_path) / "job-progress")


def _path(app, token):
    """The progress file of the job whose token is ``token`` (tokens are URL-safe)."""
    return _folder(app) / f"{token}.json"


def write(app, token, done=None, total=None, message=None):
    """Say the job is alive, with its progress when given; never raises (progress is a hint)."""
    path = _path(app, token)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        values = read(app, token) or {}
        given = {"done": done, "total": total, "message": message}
        values.update({name: value for name, value in given.items() if value is not None})
        values["at"] = datetime.now(UTC).isoformat()
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w") as out:
            json.dump(values, out)
        os.replace(temporary, path)  # atomic: the page reads the old file or the new one
    except OSError:
        log.warning("Could not write the progress file of job %s", token, exc_info=True)


def read(app, token):
    """The job's progress file as a dict with ``at`` a datetime, or None."""
    try:
        values = json.loads(_path(app, token).read_text())
        values["at"] = datetime.fromisoformat(values["at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return values


def remove(app, token):
    """Delete the job's progress file (the job's row says the rest)."""
    _path(app, token).unlink(missing_ok=True)


def latest(job, app):
    """``(done, total, message, heard_at)`` of ``job``: from its file when newer than its row."""
    heard = job.heartbeat_at
    if heard is not None and heard.tzinfo is None:  # SQLite gives naive UTC back
        heard = heard.replace(tzinfo=UTC)
    found = read(app, job.token) if job.state == "running" and job.token else None
    if found is None or (heard is not None and found["at"] <= heard):
        return job.done, job.total, job.message, heard
    return (
        found.get("done", job.done),
        found.get("total", job.total),
        found.get("message", job.message),
        found["at"],
    )
