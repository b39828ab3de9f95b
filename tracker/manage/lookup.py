"""A related-record field that works without JavaScript: a text input with a ``<datalist>``.

The browser suggests "Title (#12)" options as the user types; the server resolves whatever was
typed (that option, a bare id, "#12" or an exact title) and says clearly when it matches nothing
or more than one record.
"""

import re

from flask import request
from markupsafe import Markup, escape
from sqlalchemy import func, select
from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from tracker.extensions import db
from tracker.models import RECORD_CLASSES
from tracker.models.choices import RECORD_KINDS

ID_PATTERN = re.compile(r"^(?:.*\()?#?(\d{1,9})\)?$")  # ids fit a database integer
MAX_OPTIONS = 1000


def option_text(record):
    """How a record reads in the suggestion list and when the form is shown again.

    The workspace is private, so a person's own name is added to tell "Name withheld"s apart.
    """
    if record.kind == "person" and record.name and record.name != record.title:
        return f"{record.title}: {record.name} (#{record.id})"
    return f"{record.title} (#{record.id})"


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
        """Accept records of ``kinds`` (RECORD_KINDS keys)."""
        super().__init__(label, validators, **kwargs)
        self.kinds = tuple(kinds)
        self.typed = None

    @property
    def model(self):
        """The model class for a single-kind field, else the shared ``Record`` base."""
        from tracker.models import Record

        return RECORD_CLASSES[self.kinds[0]] if len(self.kinds) == 1 else Record

    def suggestions(self):
        """Option texts for the datalist, newest records first."""
        model = self.model
        query = select(model).order_by(model.id.desc()).limit(MAX_OPTIONS)
        if model.__name__ == "Record":
            query = query.where(model.kind.in_(self.kinds))
        return [option_text(record) for record in db.session.scalars(query)]

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
            self.data = resolve(self.typed, self.kinds)
        except ValidationError as error:
            # Stop here, so "required" does not replace the clearer message.
            raise StopValidation(str(error)) from None

    def populate_obj(self, obj, name):
        """Set the relationship ``name`` and its ``<name>_id`` column to the chosen record.

        Setting the column too lets the revision log see the change before the flush.
        """
        setattr(obj, name, self.data)
        if hasattr(obj, f"{name}_id"):
            setattr(obj, f"{name}_id", self.data.id if self.data is not None else None)


def _kind_words(kinds):
    """Kinds as words for messages ("case or agency")."""
    return " or ".join(RECORD_KINDS[kind].lower() for kind in kinds)


def resolve(typed, kinds):
    """Return the one record of ``kinds`` that ``typed`` names, or raise ValidationError."""
    from tracker.models import Record

    match = ID_PATTERN.match(typed)
    if match:
        record = db.session.get(Record, int(match.group(1)))
        if record is not None and record.kind in kinds:
            return record
        raise ValidationError(f"No {_kind_words(kinds)} has the number #{match.group(1)}.")
    found = db.session.scalars(
        select(Record)
        .where(Record.kind.in_(kinds), func.lower(Record.title) == typed.lower())
        .limit(3)
    ).all()
    if not found:
        raise ValidationError(
            f"No {_kind_words(kinds)} is called “{typed}”. Choose one from the suggestions."
        )
    if len(found) > 1:
        raise ValidationError(
            f"Several records are called “{typed}”. Choose one from the suggestions "
            "(they end with the record's #number)."
        )
    return found[0]
