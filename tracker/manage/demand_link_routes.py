"""Linking a record to the demands it bears on, and removing a link."""

from flask import abort, flash, redirect

from tracker.auth.decorators import volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.workflow import DemandLinkForm
from tracker.manage.helpers import flash_errors, record_from_url, record_url_for
from tracker.manage.services import can_edit, require
from tracker.models import Demand, DemandLink
from tracker.records import editing


@bp.route("/<kind_slug>/<int:record_id>/demands", methods=["POST"])
@volunteer_required
def link_demand(kind_slug, record_id):
    """Link the record to a demand, with a note."""
    record = record_from_url(kind_slug, record_id)
    require(can_edit(record))
    form = DemandLinkForm()
    if form.validate_on_submit():
        demand = db.session.get(Demand, form.demand.data)
        try:
            linked = editing.link_demand(record, demand, form.note.data)
        except editing.Refused as error:
            flash(str(error), "error")
        else:
            if linked:
                editing.commit()
                flash(f"Linked to {demand.title}.", "success")
            else:
                flash(f"The record is already linked to {demand.title}.", "info")
    else:
        flash_errors(form)
    return redirect(record_url_for(record))


@bp.route("/<kind_slug>/<int:record_id>/demands/<int:link_id>/remove", methods=["POST"])
@volunteer_required
def unlink_demand(kind_slug, record_id, link_id):
    """Remove a demand link."""
    record = record_from_url(kind_slug, record_id)
    require(can_edit(record))
    link = db.session.get(DemandLink, link_id)
    if link is None or link.record_id != record.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        editing.unlink_demand(record, link)
        editing.commit()
        flash("Demand link removed.", "success")
    return redirect(record_url_for(record))
