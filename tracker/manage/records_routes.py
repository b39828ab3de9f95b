"""Create, edit and read any kind of record."""

from flask import abort, flash, redirect, render_template
from flask_login import current_user

from tracker.auth.decorators import volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.kinds import kind_named
from tracker.manage import bp, merging
from tracker.manage.case_file import after_save, landing, prefill, safe_next
from tracker.manage.field_errors import show_errors
from tracker.manage.forms import kind_forms
from tracker.manage.forms.sources import CitationForm
from tracker.manage.forms.workflow import DemandLinkForm, DemandStatusForm, ReturnForm
from tracker.manage.helpers import DUPLICATE, record_url_for
from tracker.manage.services import (
    can_edit,
    can_see_history,
    can_submit,
    get_record,
    kind_from_slug,
    parse_version,
    require,
    revisions_since,
)
from tracker.records import editing
from tracker.records.access import shown_changes, shown_value


def form_class(kind):
    """The form for ``kind``, or 404 for kinds the workspace does not edit."""
    if kind not in kind_forms():
        abort(404)
    return kind_forms()[kind]


@bp.route("/<kind_slug>/new", methods=["GET", "POST"])
@volunteer_required
def new(kind_slug):
    """A blank form for a new record; saved as a draft."""
    kind = kind_from_slug(kind_slug)
    form = form_class(kind)()
    error = None
    if form.validate_on_submit():
        try:
            record = editing.save(kind_named(kind).model(), form.values())
            editing.commit()
        except editing.Invalid as invalid:
            show_errors(form, invalid.errors)
        except editing.Duplicate:
            error = DUPLICATE
        else:
            flash(f"{kind_named(kind).label} saved as a draft.", "success")
            return redirect(
                after_save(record) or safe_next() or landing(record) or record_url_for(record)
            )
    elif not form.is_submitted():
        prefill(form)  # "Add a complaint" on a case file: the case and its officers
        form.pad_lists()
    return render_template(
        "manage/record_form.html", form=form, kind=kind, record=None, error=error
    )


@bp.route("/<kind_slug>/<int:record_id>/edit", methods=["GET", "POST"])
@volunteer_required
def edit(kind_slug, record_id):
    """Edit a record; a save based on an older version shows the conflict instead."""
    kind = kind_from_slug(kind_slug)
    record = get_record(kind, record_id)
    require(can_edit(record))
    form = form_class(kind)(obj=record)
    error = None
    if form.validate_on_submit():
        base = parse_version(form.version.data)
        try:
            editing.save(record, form.values(), base_version=base)
            editing.commit()
        except editing.Conflict:
            return merging.on_conflict(form, get_record(kind, record_id), base, _conflict)
        except editing.Invalid as invalid:
            show_errors(form, invalid.errors)
        except editing.Duplicate:
            error = DUPLICATE
        else:
            flash("Changes saved.", "success")
            return redirect(after_save(record) or safe_next() or record_url_for(record))
    elif not form.is_submitted():
        form.version.data = record.version
        form.pad_lists()
    form.loaded_base = merging.base_for(form, record)
    return render_template(
        "manage/record_form.html", form=form, kind=kind, record=record, error=error
    )


def _conflict(form, record, base):
    """Show what others changed since ``base`` next to the user's input, which is kept.

    Their changes are shown through the one field-access rule, like the history.
    """
    theirs = [
        (revision, shown_changes(current_user, revision))
        for revision in revisions_since(record, base or 0)
    ]
    form.version.data = record.version
    return render_template(
        "manage/conflict.html", form=form, kind=record.kind, record=record, theirs=theirs
    ), 409


def _shown(field, value):
    """A field's value as people read it: choice labels, yes or no, or the value itself."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    choices = getattr(field, "choices", None)
    if choices and isinstance(value, str):
        return next((choice.label for choice in choices if choice.value == value), value)
    return value


@bp.route("/<kind_slug>/<int:record_id>")
@volunteer_required
def view(kind_slug, record_id):
    """The record as the workspace sees it, with its sources, demand links and actions."""
    record = get_record(kind_from_slug(kind_slug), record_id)
    fields = []
    if record.kind in kind_forms():
        for name, field in kind_forms()[record.kind](obj=record)._fields.items():
            if name in ("version", "csrf_token"):
                continue
            value = _shown(field, getattr(record, name, None))
            fields.append((field.label.text, shown_value(current_user, record, name, value)))
    return render_template(
        "manage/record.html",
        record=record,
        fields=fields,
        can_edit=can_edit(record),
        can_submit=can_submit(record),
        can_see_history=can_see_history(record),
        button=EmptyForm(),
        return_form=ReturnForm(),
        citation_form=CitationForm(),
        link_form=DemandLinkForm(),
        status_form=DemandStatusForm() if record.kind == "demand" else None,
    )
