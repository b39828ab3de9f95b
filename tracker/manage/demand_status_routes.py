"""Recording a dated change in a demand's status (editors)."""

from flask import flash, redirect

from tracker.auth.decorators import editor_required
from tracker.manage import bp
from tracker.manage.forms.workflow import DemandStatusForm
from tracker.manage.helpers import flash_errors, record_url_for
from tracker.manage.services import get_record
from tracker.records import editing


@bp.route("/demand/<int:record_id>/status", methods=["POST"])
@editor_required
def demand_status(record_id):
    """Record a dated change in a demand's status, with its source."""
    demand = get_record("demand", record_id)
    form = DemandStatusForm()
    if form.validate_on_submit():
        editing.change_demand_status(demand, **form.values())
        editing.commit()
        flash("Status change recorded.", "success")
    else:
        flash_errors(form)
    return redirect(record_url_for(demand))
