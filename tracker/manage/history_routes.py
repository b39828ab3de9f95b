"""A record's history and restoring an earlier version."""

from flask import abort, flash, redirect, render_template
from flask_login import current_user

from tracker.auth.decorators import editor_required, volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.confirm import confirmation_page, confirmed
from tracker.manage.helpers import DUPLICATE, record_from_url, record_url_for
from tracker.manage.services import can_see_history, require
from tracker.models import Revision
from tracker.records import editing
from tracker.records.access import shown_changes


@bp.route("/<kind_slug>/<int:record_id>/history")
@volunteer_required
def history(kind_slug, record_id):
    """Every revision: who, when and each field's old and new value (private ones as such)."""
    record = record_from_url(kind_slug, record_id)
    require(can_see_history(record))
    revisions = [
        (revision, shown_changes(current_user, revision)) for revision in reversed(record.revisions)
    ]
    return render_template(
        "manage/history.html", record=record, revisions=revisions, button=EmptyForm()
    )


@bp.route("/<kind_slug>/<int:record_id>/restore/<int:revision_id>", methods=["POST"])
@editor_required
def restore_revision(kind_slug, record_id, revision_id):
    """Put the record's fields back as they were after a revision (a new revision itself)."""
    record = record_from_url(kind_slug, record_id)
    revision = db.session.get(Revision, revision_id)
    if revision is None or revision.record_id != record.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        if not confirmed():
            return confirmation_page(
                title="Restore an earlier version",
                question=f"Restore “{record.title}” as it was after revision #{revision.id}?",
                consequences=[
                    "Its fields get the values they had then; its people, citations and demand "
                    "links stay as they are now.",
                    "This is saved as a new revision: nothing in the history is lost, and the "
                    "current version can be restored in turn.",
                ],
                button="Restore this version",
                cancel_url=record_url_for(record, "manage.history"),
            )
        if editing.restore(record, revision):
            try:
                editing.commit()
            except editing.Duplicate:
                flash(DUPLICATE, "error")
                return redirect(record_url_for(record, "manage.history"))
            flash(f"Restored the version of revision #{revision.id}.", "success")
        else:
            flash("The record already matches that version; nothing changed.", "info")
    return redirect(record_url_for(record, "manage.history"))
