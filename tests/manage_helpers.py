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
