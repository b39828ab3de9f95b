"""Create a person, officer, agency or court from the field that looks it up, without leaving.

Without JavaScript, the "Create and choose" button posts the whole record form here: the new
record is saved as a draft, and the record form comes back with everything typed kept and the
new record chosen in that field. With JavaScript (``static/js/quick-create.js``) a small dialog
posts only the new record's fields and gets JSON back.
"""

import re

from flask import abort, g, jsonify, render_template, request, url_for
from flask_login import current_user

from tracker.auth.decorators import volunteer_required
from tracker.kinds import kind_named
from tracker.manage import bp
from tracker.manage.case_file import safe_next
from tracker.manage.field_errors import show_errors
from tracker.manage.forms import kind_forms
from tracker.manage.forms.quick_create import QUICK_FORMS
from tracker.manage.helpers import DUPLICATE
from tracker.manage.lookup import RecordLookupField
from tracker.manage.services import can_edit, get_record, kind_from_slug, require
from tracker.records import editing
from tracker.records.access import record_label
from tracker.request_guards import database_id

# A lookup field's name in a record form: "complainant", "officers-0", "people-1-person".
FIELD_NAME = re.compile(r"^[a-z_]{1,40}(-\d{1,3}(-[a-z_]{1,40})?)?$")


def quick_kind(field):
    """The kind a quick-create panel beside ``field`` creates, or None."""
    if not isinstance(field, RecordLookupField) or len(field.kinds) != 1:
        return None
    return field.kinds[0] if field.kinds[0] in QUICK_FORMS else None


def _quick_form(kind, field_name, formdata=None):
    """The quick-create form of ``kind`` whose inputs are prefixed for ``field_name``."""
    form = QUICK_FORMS[kind](prefix=f"quick-{field_name}", formdata=formdata)
    if kind == "agency" and "court" in field_name and not form.is_submitted():
        form.agency_kind.data = "court"
    return form


def _origin():
    """``(kind slug, record id or None, next)`` of the record form being shown."""
    if "quick_origin" in g:
        return g.quick_origin
    values = request.view_args or {}
    return values.get("kind_slug"), values.get("record_id"), safe_next()


def quick_panel(field):
    """``(kind label, form, URL)`` of the panel that creates a record for ``field``, or None."""
    kind = quick_kind(field)
    origin, record_id, next_url = _origin()
    if kind is None or origin is None or not FIELD_NAME.match(field.name):
        return None
    form = g.get("quick_failed", {}).get(field.name) or _quick_form(kind, field.name)
    url = url_for(
        "manage.quick_create",
        kind_slug=kind_named(kind).slug,
        field=field.name,
        origin=origin,
        record=record_id,
        next=next_url,
    )
    return kind_named(kind).label.lower(), form, url


@bp.record_once
def _quick_create_helpers(state):
    """Let the record form's macros draw a quick-create panel beside each lookup."""
    state.app.jinja_env.globals["quick_panel"] = quick_panel


def _wants_json():
    """True for the dialog's request (it asks for JSON)."""
    return request.accept_mimetypes.best == "application/json"


@bp.route("/quick-create/<kind_slug>", methods=["POST"])
@volunteer_required
def quick_create(kind_slug):
    """Save a new person, officer, agency or court as a draft, and choose it in the field."""
    kind = kind_from_slug(kind_slug)
    field_name = request.args.get("field", "")
    if kind not in QUICK_FORMS or not FIELD_NAME.match(field_name):
        abort(404)
    form = _quick_form(kind, field_name, formdata=request.form)
    created = None
    if form.validate():
        try:
            created = editing.save(kind_named(kind).model(), form.values())
            editing.commit()
        except editing.Invalid as invalid:  # a record check: shown beside the dialog's field
            created = None
            show_errors(form, invalid.errors)
            for message in form.record_errors:
                form.name.errors.append(message)
        except editing.Duplicate:
            created = None
            form.name.errors.append(DUPLICATE)
    if _wants_json():
        if created is None:
            return jsonify(errors={form[name].id: errs for name, errs in form.errors.items()}), 400
        return jsonify(id=created.id, label=record_label(current_user, created)), 201
    return _record_form_again(form, field_name, created)


def _record_form_again(quick_form, field_name, created):
    """The record form the button was pressed in, as typed, with the new record chosen."""
    origin = kind_from_slug(request.args.get("origin", ""))
    if origin not in kind_forms():
        abort(404)
    record_id = database_id(request.args.get("record"))
    record = get_record(origin, record_id) if record_id else None
    if record is not None:
        require(can_edit(record))
    form = kind_forms()[origin](obj=record)  # bound to the posted record form: all input kept
    target = _field_named(form, field_name)
    if target is None:
        abort(404)
    next_url = safe_next()
    g.quick_origin = (kind_named(origin).slug, record_id, next_url)
    if created is not None:
        target.typed, target.data = record_label(current_user, created), created
    else:
        g.quick_failed = {field_name: quick_form}
    if record is None:
        action = url_for("manage.new", kind_slug=kind_named(origin).slug, next=next_url)
    else:
        action = url_for(
            "manage.edit", kind_slug=kind_named(origin).slug, record_id=record.id, next=next_url
        )
    page = render_template(
        "manage/record_form.html",
        form=form,
        kind=origin,
        record=record,
        error=None,
        form_action=action,
        created=created,
    )
    return page, (200 if created is not None else 400)


def _field_named(form, name):
    """The lookup field of ``form`` named ``name`` (also inside lists), or None."""
    for field in form:
        for candidate in _flattened(field):
            if candidate.name == name and isinstance(candidate, RecordLookupField):
                return candidate
    return None


def _flattened(field):
    """``field`` and, for lists and sub-forms, every field inside it."""
    yield field
    if field.type == "FieldList":
        for entry in field.entries:
            yield from _flattened(entry)
    elif field.type == "FormField":
        for sub in field.form:
            yield from _flattened(sub)
