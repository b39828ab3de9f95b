"""A related-record field that works without JavaScript: a text input with a ``<datalist>``.

The browser suggests "Title (#12)" options as the user types; the one resolver
(``tracker.records.references``) turns whatever was typed (that option, a bare id, "#12" or an
exact title) into a record and says clearly when it matches nothing or more than one record.
"""

from flask import request
from flask_login import current_user
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.validators import StopValidation

from tracker.records.access import can_read_field, record_label
from tracker.records.references import UnresolvedReference, candidates, resolve

MAX_OPTIONS = 1000


def option_text(record):
    """How a record reads in the suggestion list and when the form is shown again.

    A person's private name is added (to tell "Name withheld"s apart) only for the signed-in
    user who may read it.
    """
    return record_label(current_user, record)


def _may_read(record, name):
    """True when the signed-in user may find ``record`` by its private field ``name``."""
    return can_read_field(current_user, record, name)


class LookupInput:
    """Render a text input and, once per page for each kind of record, its datalist."""

    def __call__(self, field, **kwargs):
        """Return the input (and the datalist the first time this page needs it) as markup."""
        list_id = "lookup-" + "-".join(field.kinds or ("source",)).replace("_", "-")
        kwargs.setdefault("id", field.id)
        attrs = {k: v for k, v in kwargs.items() if v is not None}
        attrs.update(type="text", name=field.name, value=field._value(), list=list_id)
        attrs.setdefault("autocomplete", "off")
        rendered = " ".join(f'{escape(key)}="{escape(value)}"' for key, value in attrs.items())
        html = f"<input {rendered}>"
        # Rows of one list (officers in a case, ...) share one datalist: one query, small pages.
        shown = request.__dict__.setdefault("lookup_datalists", set())
        if list_id not in shown:
            shown.add(list_id)
            options = "".join(
                f'<option value="{escape(text)}"></option>' for text in field.suggestions()
            )
            html += f'<datalist id="{list_id}">{options}</datalist>'
        return Markup(html)  # noqa: S704  # nosec B704  # every value above is escaped


class RecordLookupField(Field):
    """Choose one record of the given kinds by typing; ``data`` is the record or None."""

    widget = LookupInput()

    def __init__(self, label=None, validators=None, kinds=("case",), **kwargs):
        """Accept records of ``kinds`` (kind names)."""
        super().__init__(label, validators, **kwargs)
        self.kinds = tuple(kinds)
        self.typed = None

    def suggestions(self):
        """Option texts for the datalist, newest records first."""
        return [option_text(record) for record in candidates(self.kinds, MAX_OPTIONS)]

    def _value(self):
        """Show what the user typed, or the chosen record."""
        if self.typed is not None:
            return self.typed
        return option_text(self.data) if self.data is not None else ""

    def process_formdata(self, valuelist):
        """Keep the typed text; resolution happens in ``pre_validate``."""
        if valuelist:
            self.typed = (valuelist[0] or "").strip()
            self.data = None

    def pre_validate(self, form):
        """Resolve the typed text to exactly one record, or explain why it cannot."""
        if not self.typed:
            return
        try:
            self.data = self.resolve(self.typed)
        except UnresolvedReference as error:
            # Stop here, so "required" does not replace the clearer message.
            raise StopValidation(str(error)) from None

    def resolve(self, typed):
        """The record ``typed`` names (raises ``UnresolvedReference``)."""
        return resolve(typed, self.kinds, may_read=_may_read)
