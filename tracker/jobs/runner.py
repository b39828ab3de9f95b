"""Running one job: claim it, report progress, write its result in one transaction.

A worker killed mid-job writes nothing but progress: the result, and anything the job changes
(an import's records), are committed together at the end. The heartbeat then stops, and once it
is older than ``JOBS_STALE_SECONDS`` the job's page says it failed and offers a retry. Progress
and heartbeat also go to the job's progress file (``beacon``), which needs no database lock.
"""

import json
import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import g
from sqlalchemy import update

from tracker.extensions import db
from tracker.jobs import beacon
from tracker.models import Job
from tracker.storage import save_blob

log = logging.getLogger(__name__)


@dataclass
class Result:
    """What a job produced: a file to download (optional) and a sentence saying what it did."""

    message: str
    data: bytes | None = None
    filename: str | None = None
    content_type: str = "application/octet-stream"


def now():
    """The current time in UTC."""
    return datetime.now(UTC)


def is_stale(job, app):
    """True when ``job`` says it is running but its worker has not been heard from lately."""
    if job.state != "running":
        return False
    heartbeat = beacon.latest(job, app)[3]  # the row's heartbeat, or the progress file's
    if heartbeat is None:
        return False
    return now() - heartbeat > timedelta(seconds=app.config["JOBS_STALE_SECONDS"])


def _touch(job_id, **values):
    """Write progress or a heartbeat on a connection of its own (never the job's transaction)."""
    try:
        with db.engine.begin() as connection:
            connection.execute(
                update(Job)
                .where(Job.id == job_id, Job.state == "running")
                .values(heartbeat_at=now(), **values)
            )
    except Exception:  # a busy SQLite or a lost connection: the next beat tries again
        log.warning("Could not record the progress of job %s", job_id, exc_info=True)


class Progress:
    """``progress(done, total)`` for a job's handler; also keeps a heartbeat while it works."""

    def __init__(self, app, job_id, token=None):
        """Start the heartbeat thread for ``job_id`` (whose progress file is named ``token``)."""
        self.app, self.job_id, self.token = app, job_id, token
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)
        self.thread.start()

    def __call__(self, done, total, message=None, database=True):
        """Record that ``done`` of ``total`` steps are finished (and a word on how it goes).

        ``database=False``: only in the progress file, for a job whose own transaction holds
        SQLite's write lock (the row would wait for it).
        """
        if self.token:
            beacon.write(self.app, self.token, done, total, message)
        if database:
            extra = {"message": message} if message is not None else {}
            _touch(self.job_id, done=done, total=total, **extra)

    def _beat(self):
        """Every ``JOBS_HEARTBEAT_SECONDS``, say the worker is alive (a render may be long)."""
        interval = self.app.config["JOBS_HEARTBEAT_SECONDS"]
        while not self.stopped.wait(interval):
            if self.token:
                beacon.write(self.app, self.token)
            with self.app.app_context():
                _touch(self.job_id)

    def stop(self):
        """Stop the heartbeat."""
        self.stopped.set()
        self.thread.join(timeout=5)


def finish(job, result):
    """Put ``result`` on ``job`` in the session (the caller commits, with the job's own work)."""
    if result.data is not None:
        job.result_sha256 = save_blob(result.data, result.content_type)
        job.result_filename = result.filename
    job.state, job.message, job.finished_at = "done", result.message, now()
    job.done = max(job.done or 0, job.total or 0)


def _claim(job_id):
    """Mark the queued job running; False when it is not queued (already taken or finished)."""
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == "queued")
        .values(
            state="running",
            started_at=now(),
            heartbeat_at=now(),
            attempts=Job.attempts + 1,
            done=0,
        )
    ).rowcount
    db.session.commit()
    return claimed == 1


def run(app, job_id):
    """Run job ``job_id`` in ``app``: the handler of its kind, then its result, or its failure."""
    from tracker.jobs.kinds import JOB_KINDS

    with app.app_context():
        if not _claim(job_id):
            return
        job = db.session.get(Job, job_id)
        g.actor_id = job.owner_id  # revisions an import writes name who asked for it
        params = json.loads(job.params or "{}")
        progress = Progress(app, job_id, job.token)
        try:
            with app.test_request_context(base_url=params.get("base_url") or "http://localhost/"):
                result = JOB_KINDS[job.kind].run(job, params, progress)
                if job.state != "done":  # the handler may have finished in its own commit
                    finish(job, result)
                    db.session.commit()
        except Exception as error:  # any failure: nothing of the job's work is kept
            db.session.rollback()
            log.exception("Job %s (%s) failed", job_id, job.kind)
            _fail(job_id, failure_message(error))
        finally:
            progress.stop()
            if job.token:
                beacon.remove(app, job.token)  # the row now says how it ended
            db.session.remove()


def failure_message(error):
    """What the job page says when a job failed."""
    from tracker.jobs.kinds import JobFailed

    if isinstance(error, JobFailed):
        return str(error)
    return (
        f"The job stopped with an error ({type(error).__name__}); nothing it was doing was "
        "kept. Retry it; if it fails again, tell an admin (the error is in the worker's log)."
    )


def _fail(job_id, message):
    """Mark the job failed with ``message``."""
    db.session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(state="failed", message=message, finished_at=now(), heartbeat_at=now())
    )
    db.session.commit()
