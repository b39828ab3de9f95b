"""Deadlines the law sets, computed from the records (never typed).

``laws`` is the registry of records laws and their rules; ``sunshine`` is the Missouri rule
(pure functions); ``store`` keeps each request's computed due date and status in its columns
whenever the request or its history changes, so SQL can find what is due or overdue.
"""


def init_app(app):
    """Recompute a records request's deadline on every flush that touches it."""
    from tracker.deadlines.store import register_deadline_listener
    from tracker.extensions import db

    register_deadline_listener(db.session)
