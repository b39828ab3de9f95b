"""Helpers for workspace tests: the record a form creates, form data from a page."""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Record


def newest(model=Record):
    """The record of ``model`` created last."""
    return db.session.scalars(select(model).order_by(model.id.desc()).limit(1)).first()


def authored_by(record, user):
    """Make ``user`` the author of ``record`` (returned, for use in expressions)."""
    record.created_by_id = user.id
    return record


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


def form_values(page, action=None):
    """What a browser would submit from the POST form on ``page`` with this ``action``.

    ``action=None`` picks the first POST form without an action (one that posts to its page).
    """
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        """Collect named inputs, selected options and textareas of one form."""

        def __init__(self):
            super().__init__()
            self.values, self.in_form, self.done = [], False, False
            self.select = self.textarea = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form" and not self.done and attrs.get("method") == "post":
                self.in_form = attrs.get("action") == action
            if not self.in_form:
                return
            name = attrs.get("name")
            if tag == "input" and name:
                kind = attrs.get("type", "text")
                if kind in ("checkbox", "radio") and "checked" not in attrs:
                    return
                if kind != "file":
                    self.values.append(
                        (name, attrs.get("value", "y" if kind == "checkbox" else ""))
                    )
            elif tag == "select":
                self.select = name
                self.first = None
            elif tag == "option" and self.select:
                if self.first is None:
                    self.first = attrs.get("value", "")
                if "selected" in attrs:
                    self.values.append((self.select, attrs.get("value", "")))
                    self.select = "chosen:" + self.select
            elif tag == "textarea":
                self.textarea = name
                self.values.append((name, ""))

        def handle_data(self, data):
            if self.textarea:
                self.values[-1] = (self.textarea, self.values[-1][1] + data)

        def handle_endtag(self, tag):
            if tag == "select" and self.select:
                if not self.select.startswith("chosen:"):
                    self.values.append((self.select, self.first or ""))
                self.select = None
            elif tag == "textarea":
                self.textarea = None
            elif tag == "form" and self.in_form:
                self.in_form, self.done = False, True

    collector = Collector()
    collector.feed(page)
    return collector.values
