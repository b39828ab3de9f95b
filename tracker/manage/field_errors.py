"""Show the record checks' errors beside the fields of a workspace form."""

from wtforms import FieldList


def show_errors(form, errors):
    """Put each ``checks.FieldError`` on its input of ``form``; the typed input stays as it was.

    A list field's error goes on its ``index``-th filled row (see ``FieldError``). An error
    on a field the form does not have is kept in ``form.record_errors`` for the page's banner.
    """
    form.record_errors = []
    for error in errors:
        field = form._fields.get(error.field)
        if field is None:
            form.record_errors.append(error.message)
            continue
        if isinstance(field, FieldList) and error.index is not None:
            field = _row_input(field, error) or field
        if isinstance(field, FieldList):
            form.record_errors.append(f"{field.label.text}: {error.message}")
            continue
        if isinstance(field.errors, list):
            field.errors.append(error.message)  # in place: a list's own errors hold this list
        else:
            field.errors = [error.message]
    _forget_cached_errors(form)


def _forget_cached_errors(form):
    """WTForms caches ``form.errors`` (and each row form's): count the new errors too."""
    form._errors = None
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                if hasattr(entry, "form"):
                    entry.form._errors = None


def _row_input(field, error):
    """The input of ``error``'s row in the list ``field``, counting only filled rows."""
    filled = []
    for entry in field.entries:
        target = entry.form[error.part] if error.part else entry
        if target.data not in (None, ""):
            filled.append(target)
    return filled[error.index] if error.index < len(filled) else None
