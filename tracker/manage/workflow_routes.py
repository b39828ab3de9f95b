"""POST-only actions on a record: review workflow, citations, demand links, demand status."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from tracker.auth.decorators import editor_required, volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.confirm import confirmation_page, confirmed
from tracker.manage.forms.sources import CitationForm, SourceForm
from tracker.manage.forms.workflow import DemandLinkForm, DemandStatusForm, ReturnForm
from tracker.manage.records_routes import record_url_for
from tracker.manage.services import can_edit, can_submit, get_record, kind_from_slug, require
from tracker.manage.uploads import UploadError, store_document
from tracker.models import Citation, Demand, DemandLink, DemandStatusChange, Record, Source
from tracker.records import workflow
from tracker.records.sources import can_read_document
from tracker.requests import database_id


def _record(kind_slug, record_id):
    """The record named in the URL."""
    return get_record(kind_from_slug(kind_slug), record_id)


def _form_errors(form):
    """Flash every error of ``form`` (the page it came from shows them at the top)."""
    for field in form:
        for message in field.errors:
            flash(f"{field.label.text}: {message}", "error")


def _lifecycle(kind_slug, record_id, step, *args):
    """Run one workflow step, commit, and go back to the record."""
    record = _record(kind_slug, record_id)
    if EmptyForm().validate_on_submit():
        try:
            step(record, *args)
        except workflow.WorkflowError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(f"{record.kind_label}: {record.status.replace('_', ' ')}.", "success")
    return redirect(record_url_for(record))


@bp.route("/<kind_slug>/<int:record_id>/submit", methods=["POST"])
@volunteer_required
def submit(kind_slug, record_id):
    """Hand a draft to the editors."""
    require(can_submit(_record(kind_slug, record_id)))
    return _lifecycle(kind_slug, record_id, workflow.submit_for_review)


@bp.route("/<kind_slug>/<int:record_id>/publish", methods=["POST"])
@editor_required
def publish(kind_slug, record_id):
    """Publish (editors); refused without a source."""
    return _lifecycle(kind_slug, record_id, workflow.publish)


@bp.route("/<kind_slug>/<int:record_id>/unpublish", methods=["POST"])
@editor_required
def unpublish(kind_slug, record_id):
    """Take a record off the public site, after confirmation; it and its history stay."""
    record = _record(kind_slug, record_id)
    if record.is_published and not confirmed() and EmptyForm().validate_on_submit():
        return confirmation_page(
            title="Unpublish a record",
            question=f"Unpublish the {record.kind_label.lower()} “{record.title}”?",
            consequences=[
                "It leaves the public site at once: its page, search, reports, open data and "
                "the API, and the demand indicators it counted in.",
                "It stays in the workspace with its history; an editor can publish it again.",
            ],
            button="Unpublish",
            cancel_url=record_url_for(record),
        )
    return _lifecycle(kind_slug, record_id, workflow.unpublish)


@bp.route("/<kind_slug>/<int:record_id>/return", methods=["POST"])
@editor_required
def return_record(kind_slug, record_id):
    """Send a record back to its author with a comment."""
    record = _record(kind_slug, record_id)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            workflow.return_to_author(record, form.comment.data)
        except workflow.WorkflowError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash("Returned to the author with your comment.", "success")
    else:
        _form_errors(form)
    return redirect(record_url_for(record))


@bp.route("/<kind_slug>/<int:record_id>/citations", methods=["POST"])
@volunteer_required
def cite(kind_slug, record_id):
    """Cite an existing source on the record."""
    record = _record(kind_slug, record_id)
    require(can_edit(record))
    form = CitationForm()
    if form.validate_on_submit():
        if any(citation.source_id == form.source.data.id for citation in record.citations):
            flash("The record already cites that source.", "info")
        elif form.source.data.document_sha256 and not can_read_document(form.source.data):
            # Citing it would hand its document to someone who may not read it.
            flash(
                "That source's document is so far only in another volunteer's unpublished "
                "work, so you cannot cite it yet. Ask an editor, or upload your own copy.",
                "error",
            )
        else:
            record.citations.append(
                Citation(
                    source=form.source.data,
                    locator=form.locator.data,
                    position=len(record.citations) + 1,
                )
            )
            db.session.commit()
            flash("Source cited.", "success")
    else:
        _form_errors(form)
    return redirect(record_url_for(record))


@bp.route("/<kind_slug>/<int:record_id>/citations/<int:citation_id>/remove", methods=["POST"])
@volunteer_required
def uncite(kind_slug, record_id, citation_id):
    """Stop citing a source on the record (the source itself stays)."""
    record = _record(kind_slug, record_id)
    require(can_edit(record))
    citation = db.session.get(Citation, citation_id)
    if citation is None or citation.record_id != record.id:
        abort(404)
    if not EmptyForm().validate_on_submit():
        return redirect(record_url_for(record))
    if record.is_published and len(record.citations) == 1:
        flash(
            "A published record must cite at least one source: add another source first, "
            "or unpublish the record.",
            "error",
        )
        return redirect(record_url_for(record))
    db.session.delete(citation)  # still attached, so the revision log names the record
    db.session.commit()
    flash("Citation removed.", "success")
    return redirect(record_url_for(record))


@bp.route("/<kind_slug>/<int:record_id>/demands", methods=["POST"])
@volunteer_required
def link_demand(kind_slug, record_id):
    """Link the record to a demand, with a note."""
    record = _record(kind_slug, record_id)
    require(can_edit(record))
    form = DemandLinkForm()
    if form.validate_on_submit():
        demand = db.session.get(Demand, form.demand.data)
        if demand is None or demand.id == record.id:
            flash("Choose another demand.", "error")
        elif any(link.demand_id == demand.id for link in record.demand_links):
            flash(f"The record is already linked to {demand.title}.", "info")
        else:
            record.demand_links.append(DemandLink(demand=demand, note=form.note.data))
            db.session.commit()
            flash(f"Linked to {demand.title}.", "success")
    else:
        _form_errors(form)
    return redirect(record_url_for(record))


@bp.route("/<kind_slug>/<int:record_id>/demands/<int:link_id>/remove", methods=["POST"])
@volunteer_required
def unlink_demand(kind_slug, record_id, link_id):
    """Remove a demand link."""
    record = _record(kind_slug, record_id)
    require(can_edit(record))
    link = db.session.get(DemandLink, link_id)
    if link is None or link.record_id != record.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        db.session.delete(link)
        db.session.commit()
        flash("Demand link removed.", "success")
    return redirect(record_url_for(record))


@bp.route("/demand/<int:record_id>/status", methods=["POST"])
@editor_required
def demand_status(record_id):
    """Record a dated change in a demand's status (editors)."""
    demand = get_record("demand", record_id)
    form = DemandStatusForm()
    if form.validate_on_submit():
        demand.status_changes.append(
            DemandStatusChange(
                status=form.status.data,
                changed_on=form.changed_on.data,
                note=form.note.data,
                source=form.source.data,
            )
        )
        latest = max(demand.status_changes, key=lambda change: (change.changed_on, change.id or 0))
        demand.demand_status = latest.status
        db.session.commit()
        flash("Status change recorded.", "success")
    else:
        _form_errors(form)
    return redirect(record_url_for(demand))


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
        source = _source_from(form)
        if source is not None:
            if record is not None and source not in [c.source for c in record.citations]:
                record.citations.append(Citation(source=source, position=len(record.citations) + 1))
            try:
                db.session.commit()
            except IntegrityError:
                db.session.rollback()
                form.url.errors.append("That source already exists; cite it instead.")
            else:
                flash(f"Source #{source.id} added" + (" and cited." if record else "."), "success")
                if record is not None:
                    return redirect(record_url_for(record))
                return redirect(url_for("manage.source", source_id=source.id))
    return render_template("manage/source_form.html", form=form, record=record)


def _source_from(form):
    """A Source from the form (an existing one for a document already uploaded), or None."""
    fields = {}
    if form.document.data:
        try:
            fields = store_document(form.document.data)
        except UploadError as error:
            form.document.errors.append(str(error))
            return None
        same = db.session.query(Source).filter_by(document_sha256=fields["document_sha256"])
        if same.first() is not None:
            flash("That document was uploaded before; the existing source is used.", "info")
            return same.first()
    source = Source(
        title=form.title.data,
        source_kind=form.source_kind.data,
        url=form.url.data,
        publisher=form.publisher.data,
        published_on=form.published_on.data,
        notes=form.notes.data,
        created_by_id=current_user.id,
        updated_by_id=current_user.id,
        **fields,
    )
    db.session.add(source)
    return source
