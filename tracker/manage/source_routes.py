"""Adding a source (a web address or an uploaded document) and downloading a document."""

from flask import abort, flash, redirect, render_template, request, send_file

from tracker.auth.decorators import volunteer_required
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.sources import SourceForm
from tracker.manage.helpers import record_url_for
from tracker.manage.services import can_edit, require
from tracker.models import Record, Source
from tracker.records import editing
from tracker.records.documents import UploadError, upload_folder
from tracker.request_guards import database_id


@bp.route("/sources/new", methods=["GET", "POST"])
@volunteer_required
def new_source():
    """Add a source (URL or upload); with ``?record=<id>`` cite it on that record at once."""
    record = None
    record_id = database_id(request.args.get("record"))
    if record_id is not None:
        record = db.session.get(Record, record_id)
        if record is not None:
            require(can_edit(record))
    form = SourceForm()
    if form.validate_on_submit():
        try:
            source, is_new = editing.add_source(form.values(), form.document.data)
        except UploadError as error:
            form.document.errors.append(str(error))
        else:
            if not is_new:
                flash("That document was uploaded before; the existing source is used.", "info")
            if record is not None:
                editing.cite(record, source)
            try:
                editing.commit()
            except editing.Duplicate:
                form.url.errors.append("That source already exists; cite it instead.")
            else:
                flash(f"Source #{source.id} added" + (" and cited." if record else "."), "success")
                return redirect(record_url_for(record) if record else request.path)
    return render_template("manage/source_form.html", form=form, record=record)


@bp.route("/sources/<int:source_id>/document")
@volunteer_required
def source_document(source_id):
    """Download an uploaded source document (workspace only)."""
    source = db.session.get(Source, source_id)
    if source is None or not source.document_sha256:
        abort(404)
    return send_file(
        upload_folder() / source.document_sha256,
        mimetype=source.document_content_type,
        download_name=source.document_filename,
    )
