"""The roster import page at /manage/import/officers (editors and admins)."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.utils import secure_filename

from tracker.auth.decorators import editor_required
from tracker.imports import bp
from tracker.imports.forms import RosterForm
from tracker.imports.roster import ASSIGNMENT_COLUMNS, OFFICER_COLUMNS, plan_roster
from tracker.imports.roster_write import apply_roster
from tracker.imports.services import ImportFailed, decode


@bp.route("/manage/import/officers", methods=["GET", "POST"])
@editor_required
def roster():
    """Upload and dry-run an officers file and an assignments file; commit a clean dry run."""
    form = RosterForm()
    plan = None
    if form.validate_on_submit():
        officers, first = _text(form, form.officers_file, form.officers_text, "officers.csv")
        held, second = _text(form, form.assignments_file, form.assignments_text, "assignments.csv")
        if officers is not None and held is not None:
            plan = plan_roster(officers, held, (first, second))
            form.officers_text.data, form.assignments_text.data = officers, held
            form.filenames.data = f"{first}\n{second}"
            if form.commit.data and plan.ok:
                try:
                    changed = apply_roster(plan, user_id=current_user.id)
                except ImportFailed as error:
                    flash(str(error), "error")
                else:
                    flash(
                        f"Imported the roster: {changed} records created or updated "
                        "(new ones as drafts awaiting review).",
                        "success",
                    )
                    return redirect(url_for("imports.roster"))
    return render_template(
        "imports/roster.html",
        form=form,
        plan=plan,
        officer_columns=OFFICER_COLUMNS,
        assignment_columns=ASSIGNMENT_COLUMNS,
        max_bytes=current_app.config["IMPORT_MAX_BYTES"],
    )


def _text(form, upload_field, kept_field, default_name):
    """One file's text and name: the upload, else the text kept from the dry run, else an error."""
    upload = upload_field.data
    if upload and getattr(upload, "filename", ""):
        text, problem = decode(upload.read(current_app.config["IMPORT_MAX_BYTES"] + 1))
        if problem is not None:
            upload_field.errors.append(problem.reason)
            return None, None
        return text, secure_filename(upload.filename) or default_name
    if kept_field.data:
        names = (form.filenames.data or "").split("\n")
        index = 0 if kept_field is form.officers_text else 1
        name = names[index] if len(names) > index else default_name
        return kept_field.data, secure_filename(name) or default_name
    upload_field.errors.append("Choose a CSV file to check.")
    return None, None
