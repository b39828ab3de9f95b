"""The reconciliation page at /manage/fatal-force: editors only.

Editors only, viewing included: the evidence of a match compares the Post's names with the
names of people in cases, some of which are private (a person's private name is read only by
its author and by editors).
"""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.auth.decorators import editor_required
from tracker.extensions import db
from tracker.fatalforce import bp, source
from tracker.fatalforce.drafting import start_case
from tracker.fatalforce.forms import AgencyForm, DecisionForm, StartCaseForm
from tracker.fatalforce.service import Refused, decide, reconcile
from tracker.models import Case
from tracker.records import drafts


@bp.route("/manage/fatal-force")
@editor_required
def manage():
    """The report for one agency: matched, proposed (to confirm or reject), missing, unlisted."""
    form = AgencyForm(request.args)
    agency_id = form.agency.data if form.agency.data and form.validate() else None
    agency_id = agency_id or current_app.config["FATAL_FORCE_AGENCY"]
    form.agency.data = agency_id
    report, problem = None, None
    try:
        report = reconcile(agency_id)
    except (source.MissingFiles, LookupError) as error:
        problem = str(error)
    return render_template(
        "fatalforce/manage.html",
        form=form,
        report=report,
        problem=problem,
        agency_id=agency_id,
        decision_form=DecisionForm(),
        start_form=StartCaseForm(),
        dataset=source.DATASET,
        dataset_url=source.DATASET_URL,
    )


def _row(agency_id, row_id):
    """The Post's row ``row_id`` among ``agency_id``'s rows, or None."""
    return next((row for row in source.rows_of(agency_id).rows if row.id == row_id), None)


def _back(agency_id=None):
    """Back to the page, on the agency acted on."""
    return redirect(url_for("fatal_force.manage", agency=agency_id))


@bp.route("/manage/fatal-force/decide", methods=["POST"])
@editor_required
def decide_match():
    """Confirm or reject a proposed match; nothing else changes."""
    form = DecisionForm()
    if not form.validate_on_submit():
        flash("Choose a row, a case and confirm or reject.", "error")
        return _back(form.agency.data if not form.agency.errors else None)
    try:
        row = _row(form.agency.data, form.row.data)
    except source.MissingFiles as error:
        flash(str(error), "error")
        return _back(form.agency.data)
    case = db.session.get(Case, form.case.data)
    if row is None or case is None or drafts.is_discarded(case):
        flash("That row or case is not there any more; nothing was changed.", "error")
        return _back(form.agency.data)
    try:
        decide(
            row,
            form.agency.data,
            case,
            form.decision.data,
            current_user.id,
            form.evidence.data or "",
        )
        db.session.commit()
    except Refused as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        said = "confirmed" if form.decision.data == "confirmed" else "rejected"
        flash(f"Row {row.id} is {case.title}: {said}.", "success")
    return _back(form.agency.data)


@bp.route("/manage/fatal-force/start", methods=["POST"])
@editor_required
def start():
    """Start a draft case from a row the tracker is missing."""
    form = StartCaseForm()
    if not form.validate_on_submit():
        flash("Choose a row.", "error")
        return _back(form.agency.data if not form.agency.errors else None)
    try:
        agency = source.agency(form.agency.data)
        row = _row(form.agency.data, form.row.data) if agency else None
    except source.MissingFiles as error:
        flash(str(error), "error")
        return _back(form.agency.data)
    if row is None:
        flash("The Post lists no such row for this agency; nothing was changed.", "error")
        return _back(form.agency.data)
    try:
        case = start_case(row, agency, current_user.id)
        db.session.commit()
    except Refused as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back(form.agency.data)
    flash(f"Draft case “{case.title}” started from row {row.id}.", "success")
    return redirect(url_for("manage.view", kind_slug="case", record_id=case.id))
