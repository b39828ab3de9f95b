"""The calendar: the "upcoming and overdue" page and its iCalendar feeds.

One feed for the whole tracker, one per case and one per demand: any calendar program can
subscribe to them.
"""

from flask import Blueprint

bp = Blueprint("calendar", __name__)


def init_app(app):
    """Serve the calendar page and the .ics feeds."""
    from tracker.calendar import routes  # noqa: F401 (importing them adds their routes to bp)

    app.register_blueprint(bp)
