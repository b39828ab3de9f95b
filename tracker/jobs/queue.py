"""The Huey queue of an app: which storage it uses and the one task it runs.

Every job is the same Huey task, ``run_job(job_id)``; what the job does is read from its row.
The queue is made on first use (no connection at import time) and kept on the app.
"""

from pathlib import Path

from flask import current_app

TASK_NAME = "tracker.run_job"


def make_queue(app):
    """A Huey for ``app``: RedisHuey, else SqliteHuey, immediate in tests (``JOBS_IMMEDIATE``)."""
    from huey import MemoryHuey, RedisHuey, SqliteHuey

    url = app.config.get("JOBS_REDIS_URL") or app.config.get("REDIS_URL")
    if app.config.get("JOBS_IMMEDIATE"):
        # Tests: a job runs inside the request that queued it, on in-memory storage.
        queue = MemoryHuey("tracker-jobs", immediate=True)
    elif url:
        queue = RedisHuey("tracker-jobs", url=url)
    else:
        path = app.config.get("JOBS_QUEUE_FILE") or Path(app.instance_path) / "jobs-queue.db"
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        queue = SqliteHuey("tracker-jobs", filename=str(path))

    def run_job(job_id):
        """Run the job ``job_id`` in this app (the worker's, or the request's in tests)."""
        from tracker.jobs.runner import run

        run(app, job_id)

    # No automatic retry: a failed job says why on its page, and a person retries it.
    queue.run_job = queue.task(name=TASK_NAME, retries=0)(run_job)
    return queue


def job_queue(app=None):
    """The app's Huey, made on first use."""
    app = app or current_app._get_current_object()
    queue = app.extensions.get("jobs_queue")
    if queue is None:
        queue = app.extensions["jobs_queue"] = make_queue(app)
    return queue


def enqueue(job_id):
    """Hand the (committed) job ``job_id`` to a worker."""
    job_queue().run_job(job_id)
