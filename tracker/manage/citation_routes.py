"""Citing sources on a record, and removing a citation."""

from flask import abort, flash, redirect

from tracker.auth.decorators import volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.sources import CitationForm
from tracker.manage.helpers import flash_errors, record_from_url, record_url_for
from tracker.manage.services import can_edit, require
from tracker.models import Citation
from tracker.records import editing
from tracker.records.sources import can_read_document


@bp.route("/<kind_slug>/<int:record_id>/citations", methods=["POST"])
@volunteer_required
def cite(kind_slug, record_id):
    """Cite an existing source on the record."""
    record = record_from_url(kind_slug, record_id)
    require(can_edit(record))
    form = CitationForm()
    if form.validate_on_submit():
        if form.source.data.document_sha256 and not can_read_document(form.source.data):
            # Citing it would hand its document to someone who may not read it.
            flash(
                "That source's document is so far only in another volunteer's unpublished "
                "work, so you cannot cite it yet. Ask an editor, or upload your own copy.",
                "error",
            )
        elif editing.cite(record, form.source.data, form.locator.data):
            editing.commit()
            flash("Source cited.", "success")
        else:
            flash("The record already cites that source.", "info")
    else:
        flash_errors(form)
    return redirect(record_url_for(record))


@bp.route("/<kind_slug>/<int:record_id>/citations/<int:citation_id>/remove", methods=["POST"])
@volunteer_required
def uncite(kind_slug, record_id, citation_id):
    """Stop citing a source on the record (the source itself stays)."""
    record = record_from_url(kind_slug, record_id)
    require(can_edit(record))
    citation = db.session.get(Citation, citation_id)
    if citation is None or citation.record_id != record.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        try:
            editing.uncite(record, citation)
        except editing.Refused as error:
            flash(str(error), "error")
        else:
            editing.commit()
            flash("Citation removed.", "success")
    return redirect(record_url_for(record))
