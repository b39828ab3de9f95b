"""``flask jobs-worker``: run the jobs the servers queue."""

import click
from flask import current_app

from tracker.jobs import bp


@bp.cli.command("jobs-worker")
@click.option("--workers", default=2, show_default=True, help="Jobs run at the same time.")
def jobs_worker_command(workers):
    """Run queued jobs until stopped (Redis when configured, else instance/jobs-queue.db)."""
    from huey.consumer import Consumer

    from tracker.jobs.queue import job_queue

    queue = job_queue(current_app._get_current_object())
    click.echo(f"Running jobs from {type(queue).__name__} with {workers} worker thread(s).")
    # Threads, not processes: a job waits on the database or renders a PDF; each thread runs
    # its job in an app context of its own.
    Consumer(queue, workers=workers, worker_type="thread", periodic=False).run()
