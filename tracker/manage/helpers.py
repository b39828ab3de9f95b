"""What the workspace's routes share: record URLs, the record named in a URL, flashed errors."""

from flask import flash, redirect, url_for

from tracker.manage.services import get_record, kind_from_slug, kind_slug
from tracker.records import editing

DUPLICATE = (
    "Another record already has one of these values (a name, serial or reference number "
    "that must be unique). Nothing was saved; change it and save again."
)


def record_url_for(record, endpoint="manage.view", **params):
    """The workspace URL of ``record``."""
    return url_for(endpoint, kind_slug=kind_slug(record.kind), record_id=record.id, **params)


def record_from_url(kind_slug, record_id):
    """The record named in the URL, or 404."""
    return get_record(kind_from_slug(kind_slug), record_id)


def flash_errors(form):
    """Flash every error of ``form`` (the page it came from shows them at the top)."""
    for field in form:
        for message in field.errors:
            flash(f"{field.label.text}: {message}", "error")


def take_step(record, form, step, done):
    """Run one workflow ``step()`` on ``record`` from a posted ``form``, commit, and go back.

    A refused step (``editing.Refused``) or a bad form is flashed and nothing is saved;
    ``done`` is the success message, or a function giving it once the step has run.
    """
    if form.validate_on_submit():
        try:
            step()
        except editing.Refused as error:
            flash(str(error), "error")
        else:
            editing.commit()
            flash(done() if callable(done) else done, "success")
    else:
        flash_errors(form)
    return redirect(record_url_for(record))
