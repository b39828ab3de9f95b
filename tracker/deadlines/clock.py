"""Today, as the tracker counts it: the ``TODAY`` setting when one is given, else the clock.

Every page that counts from today (what is due, what is overdue, what is next) asks here, so a
test or a demo can fix the day (``app.config["TODAY"] = date(2026, 12, 7)``) and get the same
answer every run; the page cache keys its pages on this day too.
"""

from datetime import date

from flask import current_app, has_app_context


def today(app=None):
    """The app's ``TODAY`` setting (a date or an ISO date string) or the clock's date.

    ``app``: the app to read the setting of, for a caller outside its context (the page cache's
    front door answers before Flask pushes one); else the current app, if any.
    """
    if app is None and has_app_context():
        app = current_app
    fixed = app.config.get("TODAY") if app is not None else None
    if isinstance(fixed, str) and fixed:
        return date.fromisoformat(fixed)
    if isinstance(fixed, date):
        return fixed
    return date.today()
