"""Create, edit and read any kind of record; its history and restoring an earlier version."""

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tracker.auth.decorators import editor_required, volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.confirm import confirmation_page, confirmed
from tracker.manage.forms import KIND_FORMS
from tracker.manage.forms.sources import CitationForm
from tracker.manage.forms.workflow import DemandLinkForm, DemandStatusForm, ReturnForm
from tracker.manage.services import (
    can_edit,
    can_see_history,
    can_submit,
    get_record,
    kind_from_slug,
    kind_slug,
    parse_version,
    require,
    restore,
    revisions_since,
)
from tracker.models import RECORD_CLASSES, Revision
from tracker.models.choices import RECORD_KINDS

DUPLICATE = (
    "Another record already has one of these values (a name, serial or reference number "
    "that must be unique). Nothing was saved; change it and save again."
)


def form_class(kind):
    """The form for ``kind``, or 404 for kinds the workspace does not edit."""
    if kind not in KIND_FORMS:
        abort(404)
    return KIND_FORMS[kind]


def record_url_for(record, endpoint="manage.view", **params):
    """The workspace URL of ``record``."""
    return url_for(endpoint, kind_slug=kind_slug(record.kind), record_id=record.id, **params)


def _save(form, record, is_new):
    """Apply the form and commit; return an error message instead when the database refuses."""
    with db.session.no_autoflush:
        form.apply(record)
    if is_new:
        db.session.add(record)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return DUPLICATE
    return None


@bp.route("/<kind_slug>/new", methods=["GET", "POST"])
@volunteer_required
def new(kind_slug):
    """A blank form for a new record; saved as a draft."""
    kind = kind_from_slug(kind_slug)
    form = form_class(kind)()
    error = None
    if form.validate_on_submit():
        record = RECORD_CLASSES[kind]()
        error = _save(form, record, is_new=True)
        if error is None:
            flash(f"{RECORD_KINDS[kind]} saved as a draft.", "success")
            return redirect(record_url_for(record))
    elif not form.is_submitted():
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
        if base != record.version:
            return _conflict(form, record, base)
        try:
            error = _save(form, record, is_new=False)
        except StaleDataError:
            db.session.rollback()
            return _conflict(form, get_record(kind, record_id), base)
        if error is None:
            flash("Changes saved.", "success")
            return redirect(record_url_for(record))
    elif not form.is_submitted():
        form.version.data = record.version
        form.pad_lists()
    return render_template(
        "manage/record_form.html", form=form, kind=kind, record=record, error=error
    )


def _conflict(form, record, base):
    """Show what others changed since ``base`` next to the user's input, which is kept."""
    theirs = revisions_since(record, base or 0)
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
    # Private fields (contact, medical, private names and notes) are for the record's author
    # and the editors, the same people who may read its history.
    hidden = () if can_see_history(record) else record.private_fields
    if record.kind in KIND_FORMS:
        for name, field in KIND_FORMS[record.kind](obj=record)._fields.items():
            if name in ("version", "csrf_token"):
                continue
            value = "(private)" if name in hidden else _shown(field, getattr(record, name, None))
            fields.append((field.label.text, value))
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


@bp.route("/<kind_slug>/<int:record_id>/history")
@volunteer_required
def history(kind_slug, record_id):
    """Every revision: who, when and each field's old and new value."""
    record = get_record(kind_from_slug(kind_slug), record_id)
    require(can_see_history(record))
    return render_template(
        "manage/history.html",
        record=record,
        revisions=list(reversed(record.revisions)),
        button=EmptyForm(),
    )


@bp.route("/<kind_slug>/<int:record_id>/restore/<int:revision_id>", methods=["POST"])
@editor_required
def restore_revision(kind_slug, record_id, revision_id):
    """Put the record's fields back as they were after a revision (a new revision itself)."""
    record = get_record(kind_from_slug(kind_slug), record_id)
    revision = db.session.get(Revision, revision_id)
    if revision is None or revision.record_id != record.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        if not confirmed():
            return confirmation_page(
                title="Restore an earlier version",
                question=f"Restore “{record.title}” as it was after revision #{revision.id}?",
                consequences=[
                    "Its fields get the values they had then; its people, citations and demand "
                    "links stay as they are now.",
                    "This is saved as a new revision: nothing in the history is lost, and the "
                    "current version can be restored in turn.",
                ],
                button="Restore this version",
                cancel_url=record_url_for(record, "manage.history"),
            )
        if restore(record, revision):
            try:
                db.session.commit()
            except IntegrityError:
                db.session.rollback()
                flash(DUPLICATE, "error")
                return redirect(record_url_for(record, "manage.history"))
            flash(f"Restored the version of revision #{revision.id}.", "success")
        else:
            db.session.info.pop("revision_action", None)
            db.session.info.pop("revision_comment", None)
            flash("The record already matches that version; nothing changed.", "info")
    return redirect(record_url_for(record, "manage.history"))
