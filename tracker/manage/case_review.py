"""Submitting a case as a whole, and the editor's one-page review of its bundle.

The review shows, record by record, what changed since the last published version (field by
field, with the author and date), warns about records that point at something that would stay
unpublished, and publishes the bundle in one step or returns one record with a comment.
"""

from flask import flash, redirect, render_template
from flask_login import current_user

from tracker.auth.decorators import editor_required, volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.manage import bp
from tracker.manage.case_file import case_file_url
from tracker.manage.forms.case_file import PublishCaseForm, ReturnRecordForm
from tracker.manage.helpers import flash_errors
from tracker.manage.services import can_submit, get_record
from tracker.records import bundle, editing
from tracker.request_guards import database_id


@bp.route("/cases/<int:case_id>/submit", methods=["POST"])
@volunteer_required
def submit_case(case_id):
    """Submit the case and every draft of it the user may submit, in one step."""
    case = get_record("case", case_id)
    if EmptyForm().validate_on_submit():
        submitted = bundle.submit(case, can_submit)
        editing.commit()
        if submitted:
            flash(f"Sent {len(submitted)} records to the editors for review.", "success")
        else:
            flash("Nothing to submit: every record of this case is already in review.", "info")
    return redirect(case_file_url(case))


def _review_page(case, form, return_form=None, status=200):
    """The review page of ``case``'s bundle."""
    records = bundle.to_publish(case)
    return render_template(
        "manage/case_review.html",
        case=case,
        changes=[bundle.changes_since_published(record, current_user) for record in records],
        unsourced=bundle.unsourced(records),
        dangling=bundle.dangling(records),
        form=form,
        return_form=return_form or ReturnRecordForm(),
    ), status


@bp.route("/cases/<int:case_id>/review", methods=["GET", "POST"])
@editor_required
def review_case(case_id):
    """Review the case's bundle on one page; publishing it is this page's form."""
    case = get_record("case", case_id)
    form = PublishCaseForm()
    if not form.validate_on_submit():
        return _review_page(case, form)
    records = bundle.to_publish(case)
    if not records:
        flash("Nothing to publish: every record of this case is already published.", "info")
        return redirect(case_file_url(case))
    if bundle.unsourced(records):
        flash("Some records cite no source yet; they cannot be published.", "error")
        return _review_page(case, form, status=400)
    if bundle.dangling(records) and not form.confirmed.data:
        form.confirmed.errors.append("Tick this to publish despite the warnings above.")
        return _review_page(case, form, status=400)
    bundle.publish(records)
    editing.commit()
    flash(f"Published {len(records)} records of the case.", "success")
    return redirect(case_file_url(case))


@bp.route("/cases/<int:case_id>/return", methods=["POST"])
@editor_required
def return_case_record(case_id):
    """Return one record of the bundle to its author with a comment on it."""
    case = get_record("case", case_id)
    form = ReturnRecordForm()
    members = {record.id: record for record in bundle.members(case)}
    record = members.get(database_id(form.record_id.data))
    if not form.validate_on_submit() or record is None:
        if record is None:
            form.record_id.errors.append("Choose a record of this case.")
        flash_errors(form)
        return _review_page(case, PublishCaseForm(formdata=None), form, 400)
    try:
        editing.change_status(record, "return", form.comment.data)
    except editing.Refused as error:
        flash(str(error), "error")
    else:
        editing.commit()
        flash(f"Returned “{record.title}” to its author with your comment.", "success")
    return redirect(case_file_url(case))
