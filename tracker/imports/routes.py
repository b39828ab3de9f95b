"""The import page at /manage/import (editors and admins)."""

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from werkzeug.utils import secure_filename

from tracker.auth.decorators import editor_required
from tracker.imports import bp
from tracker.imports.forms import ImportForm
from tracker.imports.kinds import importable_kinds
from tracker.imports.services import (
    ImportFailed,
    apply_import,
    decode,
    plan_import,
    template_csv,
)


@bp.route("/manage/import", methods=["GET", "POST"])
@editor_required
def upload():
    """Upload and dry-run a CSV; commit it once the dry run is clean."""
    form = ImportForm()
    plan = None
    if form.validate_on_submit():
        text, filename = _submitted_text(form)
        if text is not None:
            plan = plan_import(form.kind.data, text, filename, form.update_existing.data)
            form.csv_text.data, form.filename.data = text, filename
            if form.commit.data and plan.ok and len(plan.rows) > _inline_rows():
                return _import_job(plan, text, form.update_existing.data)
            if form.commit.data and plan.ok:
                try:
                    records = apply_import(plan)
                except ImportFailed as error:
                    flash(str(error), "error")
                else:
                    flash(
                        f"Imported {len(records)} {plan_label(plan)} from "
                        f"{filename}: {plan.count('create')} created and "
                        f"{plan.count('update')} updated, as drafts awaiting review.",
                        "success",
                    )
                    return redirect(url_for("imports.upload"))
    return render_template("imports/upload.html", form=form, plan=plan, kinds=importable_kinds())


def _inline_rows():
    """How many rows an import may have to be written inside the request."""
    return current_app.config["IMPORT_INLINE_ROWS"]


def _import_job(plan, text, update_existing):
    """Write a large, checked import in a background job; send the editor to its page."""
    from tracker.jobs.service import current_owner, start_job

    job = start_job(
        "csv_import",
        f"Import {len(plan.rows):,} {plan_label(plan)} from {plan.filename}",
        {
            "kind": plan.kind,
            "text": text,
            "filename": plan.filename,
            "update_existing": bool(update_existing),
        },
        owner=current_owner(),
    )
    return redirect(url_for("jobs.detail", token=job.token), code=303)


def _submitted_text(form):
    """The CSV text from the uploaded file, else from the dry run; None with a field error."""
    upload = form.file.data
    if upload and getattr(upload, "filename", ""):
        data = upload.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
        text, problem = decode(data)
        if problem is not None:
            form.file.errors.append(problem.reason)
            return None, None
        return text, secure_filename(upload.filename) or "upload.csv"
    if form.csv_text.data:
        return form.csv_text.data, secure_filename(form.filename.data or "") or "upload.csv"
    form.file.errors.append("Choose a CSV file to check.")
    return None, None


@bp.route("/manage/import/template/<kind>.csv")
@editor_required
def template(kind):
    """The empty CSV template of ``kind``: just the header row."""
    if kind not in importable_kinds():
        abort(404)
    response = Response(template_csv(kind), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response


def plan_label(plan):
    """The plural of the plan's kind, as in "3 complaints"."""
    return importable_kinds()[plan.kind].label.lower()
