"""No lost work on conflicts: merge edits of different fields, ask only about the same field.

The edit form carries, in a hidden ``base`` field, a fingerprint of each field as it was
loaded. When the save finds a newer version, the fields the user changed (typed value !=
loaded) are compared with the fields the others changed (current value != loaded): when they
do not overlap, only the user's fields are saved on top of the newer version, so both changes
are kept as two revisions. Only a field both changed to different values shows the conflict
page; "Save my version over theirs" then saves the user's changed fields, and only those.
"""

import hashlib
import json
from datetime import date, time
from decimal import Decimal

from flask import flash, redirect, render_template

from tracker.manage.field_errors import show_errors
from tracker.manage.forms.merge import LoadedFieldsForm
from tracker.manage.helpers import DUPLICATE, record_url_for
from tracker.records import editing

# Keys of a list row that say nothing on their own (a blank row still has them): a timeline
# entry's date precision, a docket entry's kind.
_ROW_BOOKKEEPING = ("id", "date_precision", "entry_kind")


def fingerprint(values):
    """``{field: short hash}`` of a form's values, for the hidden ``base`` field (JSON).

    Hashes, not values: the page already shows the values, and this keeps the field short.
    """
    return json.dumps(
        {name: _hash(value) for name, value in sorted(values.items())}, separators=(",", ":")
    )


def base_for(form, record):
    """The ``base`` the edit form carries: the posted one, else the record's as loaded now."""
    posted = LoadedFieldsForm(meta={"csrf": False}).base.data
    if form.is_submitted() and posted:
        return posted
    return fingerprint(_loaded_values(form, record))


def on_conflict(form, record, base_version, show_conflict):
    """Merge the user's edit into the newer version of ``record``, or show the conflict.

    ``show_conflict(form, record, base_version)`` renders the conflict page; before it, the
    fields only the others changed are filled with their values, so "Save my version over
    theirs" replaces only the fields the user changed. Returns the response.
    """
    base = _parse(LoadedFieldsForm(meta={"csrf": False}).base.data)
    if base is None:  # no fingerprint (an older page): the conflict page, as before
        return show_conflict(form, record, base_version)
    mine = form.values()
    ours = _changed(mine, base)
    current = type(form)(formdata=None, obj=record, meta={"csrf": False})
    theirs = _changed(current.values(), base)
    clash = any(_hash(mine[name]) != theirs[name] for name in ours.keys() & theirs.keys())
    # Whatever comes next shows the form again on the newer version: fill in the fields only
    # the others changed, so saving it replaces only the fields the user changed.
    for name in theirs.keys() - ours.keys():
        _take_field(form, current, name)
    form.loaded_base = fingerprint(current.values())
    if clash:
        return show_conflict(form, record, base_version)
    try:
        editing.save(record, {name: mine[name] for name in ours}, base_version=record.version)
        editing.commit()
    except editing.Conflict:
        return show_conflict(form, record, base_version)
    except editing.Invalid as invalid:
        show_errors(form, invalid.errors)
        return _form_again(form, record, error=None)
    except editing.Duplicate:
        return _form_again(form, record, error=DUPLICATE)
    flash("Saved. Someone else changed other fields meanwhile: both changes are kept.", "success")
    return redirect(record_url_for(record))


def _take_field(form, other, name):
    """Show ``other``'s field ``name`` in ``form`` (same name and id, so it posts the same)."""
    field = other._fields[name]
    form._fields[name] = field
    setattr(form, name, field)


def _form_again(form, record, error):
    """The edit form with the refusal shown, now based on the newer version."""
    form.version.data = record.version
    return render_template(
        "manage/record_form.html", form=form, kind=record.kind, record=record, error=error
    )


def _changed(values, base):
    """``{field: hash}`` of the fields of ``values`` whose hash differs from ``base``'s."""
    found = {}
    for name, value in values.items():
        digest = _hash(value)
        if base.get(name) != digest:
            found[name] = digest
    return found


def _loaded_values(form, record):
    """The values a fresh form of ``record`` would hand the service (its fields as loaded)."""
    return type(form)(formdata=None, obj=record, meta={"csrf": False}).values()


def _parse(text):
    """The fingerprint posted in ``base``, or None when missing or garbled."""
    try:
        base = json.loads(text or "")
    except ValueError:
        return None
    return base if isinstance(base, dict) else None


def _hash(value):
    """A short hash of a field's value, the same for the same value however it was typed."""
    text = json.dumps(_plain(value), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _plain(value):
    """``value`` as JSON-able data: records by id, dates as text, blank list rows left out."""
    if isinstance(value, list | tuple):
        items = [_plain(item) for item in value]
        if isinstance(value, tuple):
            return items
        items = [item for item in items if item not in (None, "", {})]
        return sorted(items, key=json.dumps) if all(isinstance(i, str) for i in items) else items
    if isinstance(value, dict):
        row = {key: _plain(item) for key, item in value.items()}
        if all(row[key] is None for key in row if key not in _ROW_BOOKKEEPING):
            return {}
        return {key: item for key, item in row.items() if key != "id"}
    if hasattr(value, "__mapper__"):
        return f"#{value.id}"
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, str):
        # Browsers post line breaks as CRLF; what was stored may have plain LF.
        return value.replace("\r\n", "\n").strip() or None
    return value
