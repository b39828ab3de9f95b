"""The case file: one workspace page that shows and grows everything filed under a case.

Its sections come from the kinds registry (``tracker.records.bundle``); "Add a complaint" and
the like open the ordinary record forms with the case and its officers filled in and a checked
``next`` that brings the user back here after saving. A source is cited on several records of
the case in one step.
"""

import re

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import inspect, select
from sqlalchemy.orm import selectinload

from tracker.auth.decorators import volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.duty.careers import served_on
from tracker.extensions import db
from tracker.kinds import kind_named
from tracker.manage import bp
from tracker.manage.forms.case_file import CaseDemandsForm, CiteCaseForm
from tracker.manage.services import can_edit, can_submit, get_record
from tracker.models import Citation, Demand, Officer, Record
from tracker.records import bundle, drafts, editing
from tracker.records.access import can_read_field
from tracker.records.references import demand_candidates
from tracker.records.sources import can_read_document

# Where a form may send the user after saving: a case file, nothing else (no open redirect).
SAFE_NEXT = re.compile(r"^/manage/cases/\d{1,9}(#[a-z0-9-]{1,40})?$")


def safe_next():
    """The checked ``next`` address of the request (a case file), or None."""
    target = request.args.get("next", "")
    return target if SAFE_NEXT.match(target) else None


def case_file_url(case, anchor=None):
    """The address of ``case``'s case file."""
    return url_for("manage.case_file", case_id=case.id, _anchor=anchor)


def add_url(case, kind):
    """The form for a new ``kind`` record with ``case`` and its officers filled in."""
    officers = [officer.id for officer in bundle.officers_of(case)]
    return url_for(
        "manage.new",
        kind_slug=kind.slug,
        case=case.id,
        officer=officers,
        next=url_for("manage.case_file", case_id=case.id),
    )


def add_assignment_url(case, officer):
    """The assignment form with ``officer`` filled in, coming back to ``case``'s case file."""
    return url_for(
        "manage.new",
        kind_slug="assignment",
        officer=officer.id,
        next=url_for("manage.case_file", case_id=case.id, _anchor="people-heading"),
    )


def edit_url(record, case):
    """The edit form of ``record`` that comes back to ``case``'s case file."""
    return url_for(
        "manage.edit",
        kind_slug=record.kind.replace("_", "-"),
        record_id=record.id,
        next=url_for("manage.case_file", case_id=case.id),
    )


def prefill(form):
    """Fill a blank form's case and officer fields from the query string (``?case=&officer=``).

    Only records of the field's kind are used; anything else in the query string is ignored.
    """
    case = _record(request.args.get("case"), "case")
    officers = [_record(value, "officer") for value in request.args.getlist("officer")]
    officers = [officer for officer in officers if officer is not None]
    if case is not None and "case" in form._fields:
        form.case.data = case
    if officers and "officers" in form._fields and not _is_rows(form.officers):
        form.officers.entries = []
        for officer in officers:
            form.officers.append_entry(officer)
    if officers and "officer" in form._fields:
        form.officer.data = officers[0]
    if case is not None and "complaint" in form._fields:
        # An allegation belongs to a complaint of the case: filled in when there is just one.
        complaints = [item for item in case.complaints if not drafts.is_discarded(item)]
        if len(complaints) == 1:
            form.complaint.data = complaints[0]


def _is_rows(field_list):
    """True for a list of sub-forms (a case's officers with roles), not of lookups."""
    return field_list.unbound_field.field_class.__name__ == "FormField"


def _record(value, kind):
    """The record of ``kind`` whose id is ``value``, or None."""
    if not (value or "").isdigit() or len(value) > 9:
        return None
    record = db.session.get(Record, int(value))
    return record if record is not None and record.kind == kind else None


def _citations(records):
    """``[(source, [(record, locator)])]``: each source cited in the bundle and by what."""
    by_source = {}
    for record in records:
        for citation in record.citations:
            by_source.setdefault(citation.source, []).append((record, citation.locator))
    return list(by_source.items())


def _cite_form(records):
    """The cite-once form, with a checklist row per record of the case."""
    form = CiteCaseForm()
    if not form.is_submitted():
        form.fill(records)
    return form


def _demands_form(records):
    """The demands checklist: one record of the case, every demand with a note."""
    form = CaseDemandsForm()
    form.fill(records, demand_candidates())
    return form


def _members(case):
    """``bundle.members(case)``, loaded in a few queries however many officers and records.

    The case's officers come in one query (each link then finds its officer in the session);
    the citations and demand links of every record in one query each, instead of one an
    officer or a record.
    """
    officer_ids = [link.officer_id for link in case.officers]
    if officer_ids:
        db.session.scalars(select(Officer).where(Officer.id.in_(officer_ids))).all()
    records = bundle.members(case)
    unloaded = [record.id for record in records if "citations" in inspect(record).unloaded]
    if unloaded:
        db.session.scalars(
            select(Record)
            .where(Record.id.in_(unloaded))
            .options(
                selectinload(Record.citations).joinedload(Citation.source),
                selectinload(Record.demand_links),
            )
        ).all()
    return records


def render_case_file(case, cite_form=None, demands_form=None, status=200):
    """The case file page of ``case``."""
    records = _members(case)
    cite_form = cite_form or _cite_form(records)
    demands_form = demands_form or _demands_form(records)
    return render_template(
        "manage/case_file.html",
        case=case,
        sections=bundle.sections(case),
        people=[link for link in case.people if link.person],
        officers=[link for link in case.officers if link.officer],
        # Where each officer served on the case's date: the public case page's rule.
        served=served_on(bundle.careers(case), case.occurred_on),
        add_assignment_url=lambda officer: add_assignment_url(case, officer),
        records={record.id: record for record in records},
        citations=_citations(records),
        demand_links=[(record, link) for record in records for link in record.demand_links],
        cite_form=cite_form,
        demands_form=demands_form,
        demands={demand.id: demand for demand in demand_candidates()},
        button=EmptyForm(),
        can_edit=can_edit,
        may_submit_case=any(can_submit(record) for record in records),
        may_edit_some=any(can_edit(record) for record in records),
        add_url=lambda kind: add_url(case, kind),
        edit_url=lambda record: edit_url(record, case),
        kind_named=kind_named,
        # The review comment is private: its author and the editors read it.
        may_read_comment=lambda record: can_read_field(current_user, record, "review_comment"),
    ), status


@bp.route("/cases/<int:case_id>")
@volunteer_required
def case_file(case_id):
    """Everything filed under a case, with each record's status and what can be added."""
    return render_case_file(get_record("case", case_id))


@bp.route("/cases/<int:case_id>/cite", methods=["POST"])
@volunteer_required
def cite_case(case_id):
    """Cite one source on the ticked records of the case, each with its own locator."""
    case = get_record("case", case_id)
    records = {record.id: record for record in bundle.members(case)}
    form = _cite_form(records.values())
    if not form.validate_on_submit():
        return render_case_file(case, form, status=400)
    chosen = [(records.get(record_id), locator) for record_id, locator in form.ticked()]
    if any(record is None or not can_edit(record) for record, _locator in chosen):
        form.records.errors.append("You can cite sources only on your own drafts of this case.")
        return render_case_file(case, form, status=400)
    source = form.source.data
    if source is None:
        source = editing.source_with_url(form.new_url.data)
        if source is None:
            source, _is_new = editing.add_source(form.new_source_values())
    if source.document_sha256 and not can_read_document(source):
        form.source.errors.append("That source's document is not yours to cite yet.")
        return render_case_file(case, form, status=400)
    cited = sum(editing.cite(record, source, locator) for record, locator in chosen)
    editing.commit()
    flash(f"Source cited on {cited} record{'s' if cited != 1 else ''}.", "success")
    return redirect(case_file_url(case, "sources"))


@bp.route("/cases/<int:case_id>/demands", methods=["POST"])
@volunteer_required
def case_demands(case_id):
    """Link a record of the case to the ticked demands, each with its note, in one step."""
    case = get_record("case", case_id)
    records = {record.id: record for record in bundle.members(case)}
    form = _demands_form(records.values())
    if not form.validate_on_submit():
        return render_case_file(case, demands_form=form, status=400)
    record = records[form.record.data]
    if not can_edit(record):
        form.record.errors.append("You can link only your own drafts of this case.")
        return render_case_file(case, demands_form=form, status=400)
    linked = 0
    for demand_id, note in form.ticked():
        demand = db.session.get(Demand, demand_id)
        if demand is not None and demand is not record:
            linked += editing.link_demand(record, demand, note)
    editing.commit()
    flash(f"Linked “{record.title}” to {linked} demand{'s' if linked != 1 else ''}.", "success")
    return redirect(case_file_url(case, "demands-heading"))


def landing(record):
    """Where saving a new record leads: a new case opens its case file (else None)."""
    return case_file_url(record) if record.kind == "case" else None


def after_save(record):
    """Where "Save, then add a ..." leads: the next form of the same case file, or None.

    The button adds ``then=<kind>`` to the form's address; only a kind with a case section,
    and only on a form that came from a case file (a checked ``next``), is followed.
    """
    then, target = request.args.get("then"), safe_next()
    names = {kind.name: kind for kind in bundle.section_kinds()}
    if then not in names or target is None:
        return None
    case = db.session.get(Record, int(target.split("/")[3].split("#")[0]))
    return add_url(case, names[then]) if case is not None and case.kind == "case" else None


def then_buttons():
    """``[(label, address)]`` of the "Save, then add a ..." buttons of a record form."""
    if request.endpoint not in ("manage.new", "manage.edit") or safe_next() is None:
        return []
    buttons = []
    for kind in bundle.section_kinds():
        article = "an" if kind.label[0] in "AEIOU" else "a"
        args = {**request.args.to_dict(flat=False), "then": kind.name}
        address = url_for(request.endpoint, **(request.view_args or {}), **args)
        buttons.append((f"{article} {kind.label.lower()}", address))
    return buttons


@bp.record_once
def _case_file_helpers(state):
    """Let the record form draw the "Save, then add a ..." buttons."""
    state.app.jinja_env.globals["then_buttons"] = then_buttons
