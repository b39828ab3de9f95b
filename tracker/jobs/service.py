"""Starting jobs and finding their results: what the rest of the app calls."""

import json
import secrets

from flask import request
from flask_login import current_user
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Job


def start_job(kind, title, params, key=None, owner=None):
    """The job for ``key`` when one is queued, running or done; else a new queued job.

    A new job is committed, then handed to a worker. ``params`` must be JSON-ready; the
    request's base URL goes with them so links in the result point at this site.
    """
    from tracker.jobs.queue import enqueue

    if key is not None:
        existing = db.session.scalars(
            select(Job)
            .where(Job.key == key, Job.state != "failed")
            .order_by(Job.id.desc())
            .limit(1)
        ).first()
        if existing is not None:
            return existing
    job = Job(
        token=secrets.token_urlsafe(32),
        kind=kind,
        key=key,
        title=title[:200],
        params=json.dumps({**params, "base_url": request.host_url}),
        state="queued",
        done=0,
        total=0,
        attempts=0,
        owner_id=owner.id if owner is not None else None,
    )
    db.session.add(job)
    db.session.commit()
    job_id = job.id
    enqueue(job_id)
    db.session.expire_all()  # an immediate (test) run changed the row in another session
    return db.session.get(Job, job_id)


def retry_job(job):
    """Queue a failed (or stale, or long-waiting) job again from the start."""
    from tracker.jobs.queue import enqueue

    # Only one run claims the job (queued -> running), so queuing it twice is harmless.
    job.state, job.message, job.done, job.finished_at = "queued", None, 0, None
    db.session.commit()
    enqueue(job.id)
    db.session.expire_all()


def current_owner():
    """The signed-in user, or None."""
    return current_user if current_user.is_authenticated else None


def job_by_token(token):
    """The job whose token is ``token``, or None."""
    return db.session.scalars(select(Job).where(Job.token == token)).first()


def download_key(kind, extension, stamp):
    """The key of the prepared download of ``kind.extension`` at data ``stamp``."""
    return f"data:{kind}.{extension}:{'/'.join(stamp)}"[:200]


def prepared_download(kind, extension):
    """The SHA-256 of the file prepared for ``kind.extension``, or None.

    Only a file prepared from the data as it is now (the same data stamp) counts.
    """
    from tracker.records.stamp import data_stamp

    job = db.session.scalars(
        select(Job)
        .where(Job.key == download_key(kind, extension, data_stamp()), Job.state == "done")
        .order_by(Job.id.desc())
        .limit(1)
    ).first()
    return job.result_sha256 if job is not None else None
