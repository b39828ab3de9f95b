"""Sources in the workspace: adding one, its page, its document and its review.

A source is a web address or an uploaded document; its page lists the records citing it, and
an editor marks its document reviewed for private data there.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from tracker.auth.decorators import editor_required, volunteer_required
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.sources import DocumentReviewForm, SourceForm
from tracker.manage.helpers import record_url_for
from tracker.manage.services import can_edit, require
from tracker.models import Citation, Record, Source
from tracker.records import editing
from tracker.records.documents import UploadError, document_response
from tracker.records.previews import first_page_text
from tracker.records.sources import can_edit_source, can_read_document, set_document_reviewed
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
            author = {"created_by_id": current_user.id, "updated_by_id": current_user.id}
            values = {**form.values(), **author}
            source, is_new = editing.add_source(values, form.document.data)
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
                if record is not None:
                    return redirect(record_url_for(record))
                return redirect(url_for("manage.source", source_id=source.id))
    return render_template("manage/source_form.html", form=form, record=record)


def _source(source_id):
    """The source named in the URL, or 404."""
    source = db.session.get(Source, source_id)
    if source is None:
        abort(404)
    return source


@bp.route("/sources/<int:source_id>")
@volunteer_required
def source(source_id):
    """The source, the records citing it, its document (to those who may read it), its history."""
    source = _source(source_id)
    citing = db.session.scalars(
        select(Record)
        .join(Citation, Citation.record_id == Record.id)
        .where(Citation.source_id == source.id)
        .order_by(Record.updated_at.desc())
    ).all()
    can_read = can_read_document(source, citing=citing)
    return render_template(
        "manage/source.html",
        source=source,
        citing=citing,
        can_read=can_read,
        can_edit=can_edit_source(source, citing=citing),
        preview=first_page_text(source) if can_read and source.document_sha256 else "",
        is_public=any(record.is_published for record in citing),
        review_form=DocumentReviewForm(),
    )


@bp.route("/sources/<int:source_id>/document")
@volunteer_required
def source_document(source_id):
    """Download the document: only for those who may read a record that cites it."""
    source = _source(source_id)
    if not source.document_sha256:
        abort(404)
    require(can_read_document(source))
    return document_response(source, private=True)


@bp.route("/sources/<int:source_id>/review", methods=["POST"])
@editor_required
def review_document(source_id):
    """Mark the document reviewed for private data (it goes public), or withdraw that."""
    source = _source(source_id)
    form = DocumentReviewForm()
    if not source.document_sha256:
        flash("This source has no uploaded document to review.", "error")
    elif form.validate_on_submit():
        reviewed = form.reviewed.data == "yes"
        if set_document_reviewed(source, reviewed, current_user):
            db.session.commit()
            flash(
                "Document marked reviewed for private data: the public can download it "
                "wherever a published record cites it."
                if reviewed
                else "Review withdrawn: the public can no longer download the document.",
                "success",
            )
        else:
            flash("Nothing changed: the document was already in that state.", "info")
    else:
        flash("The review could not be recorded; reload the page and try again.", "error")
    return redirect(url_for("manage.source", source_id=source.id))
