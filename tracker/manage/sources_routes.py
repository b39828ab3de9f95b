"""A source in the workspace: its facts, the records citing it, its document and its review."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from tracker.auth.decorators import editor_required, volunteer_required
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.sources import DocumentReviewForm
from tracker.manage.services import require
from tracker.manage.uploads import document_response
from tracker.models import Citation, Record, Source
from tracker.records.sources import can_read_document, set_document_reviewed


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
    return render_template(
        "manage/source.html",
        source=source,
        citing=citing,
        can_read=can_read_document(source, citing=citing),
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
