"""What a job's page shows: its state in words, the progress and the time left."""

from dataclasses import dataclass
from datetime import UTC

from flask import current_app

from tracker.jobs import beacon
from tracker.jobs.runner import is_stale, now


@dataclass
class JobView:
    """A job as its page shows it."""

    job: object
    state: str  # queued, running, done, failed (a stale running job counts as failed)
    failed: bool
    percent: int
    seconds_left: int | None
    done: int = 0
    total: int = 0
    latest_message: str | None = None

    @classmethod
    def of(cls, job):
        """The view of ``job`` now."""
        stale = is_stale(job, current_app)
        state = "failed" if stale else job.state
        # While an import holds SQLite's write lock, its progress is only in the progress file.
        done, total, message, _ = beacon.latest(job, current_app)
        total, done = total or 0, done or 0
        percent = 100 if state == "done" else (min(99, done * 100 // total) if total else 0)
        seconds_left = _seconds_left(job, done, total)
        return cls(job, state, state == "failed", percent, seconds_left, done, total, message)

    @property
    def waiting_too_long(self):
        """True for a job queued longer than ``JOBS_STALE_SECONDS``.

        Its message may have been lost with a Redis that restarted: it may be queued again, and
        only one run will claim it.
        """
        if self.job.state != "queued" or self.job.created_at is None:
            return False
        created = self.job.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        return (now() - created).total_seconds() > current_app.config["JOBS_STALE_SECONDS"]

    @property
    def may_retry(self):
        """True when the Retry button is offered."""
        return self.failed or self.waiting_too_long

    @property
    def message(self):
        """The job's own message, or what a silent worker means."""
        if self.failed and self.job.state == "running":
            return (
                "The worker running this job stopped answering (it was restarted or killed). "
                "Nothing it was doing was kept. Retry it."
            )
        return self.latest_message

    @property
    def time_left(self):
        """The time left in words, or None when it cannot be told yet."""
        if self.seconds_left is None:
            return None
        if self.seconds_left < 60:
            return "less than a minute"
        minutes = round(self.seconds_left / 60)
        return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def _seconds_left(job, done, total):
    """From the pace so far: the seconds left, or None before any step is done."""
    if job.state != "running" or not done or not total or job.started_at is None:
        return None
    started = job.started_at
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    elapsed = (now() - started).total_seconds()
    return int(elapsed / done * (total - done))
