"""Background jobs: long work (large reports, imports, reindexing, downloads) off the request.

Huey runs them: on Redis when ``JOBS_REDIS_URL`` or ``REDIS_URL`` is set (production, several
servers and workers), else on a SQLite file under ``instance/`` so ``make run`` needs no other
service. A job's state and progress are rows of the ``jobs`` table (``tracker.models.jobs``),
so its page survives a reload and any server shows it; Huey only carries the job's id.
"""

from flask import Blueprint

bp = Blueprint("jobs", __name__, cli_group=None)


def init_app(app):
    """Serve the job pages and add ``flask jobs-worker``."""
    from tracker.jobs import cli, routes  # noqa: F401 (importing them adds them to bp)

    app.register_blueprint(bp)
