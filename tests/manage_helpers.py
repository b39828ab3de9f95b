"""Helpers for workspace tests: the record a form creates, form data from a page."""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Record


def newest(model=Record):
    """The record of ``model`` created last."""
    return db.session.scalars(select(model).order_by(model.id.desc()).limit(1)).first()


def text(response):
    """The response body as text."""
    return response.get_data(as_text=True)


def separate_sessions(app):
    """Let several test clients in one test be different users.

    The tests run inside one app context, so Flask-Login's cached user on ``g`` would leak
    from one client's request into the next; forget it before each request.
    """
    from flask import g

    @app.before_request
    def forget_cached_user():
        """Make Flask-Login load the user from this request's own session cookie."""
        g.pop("_login_user", None)


def signed_in(app, email, password=None):
    """A new test client signed in as ``email``."""
    from tests.conftest import PASSWORD

    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password or PASSWORD})
    assert response.status_code == 302, "sign-in failed"
    return client


class QueryCounter:
    """Count the SQL statements run while the ``with`` block is open."""

    def __init__(self, engine):
        """Listen on ``engine``."""
        self.engine = engine
        self.count = 0

    def _count(self, *args):
        """One more statement."""
        self.count += 1

    def __enter__(self):
        """Start counting."""
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        """Stop counting."""
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._count)
