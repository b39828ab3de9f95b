"""What every record form shares: the version it was based on, validators, ``apply``."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.manage.lookup import RecordLookupField
from tracker.models.external_ids import schemes_for


def blank_to_none(value):
    """Store an empty text field as NULL, not as an empty string."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def options(choices):
    """``SelectChoice`` options for a choices mapping (value -> label)."""
    return [SelectChoice(value, label) for value, label in choices.items()]


def not_in_future(form, field):
    """A date on record cannot be later than today."""
    if field.data and field.data > date.today():
        raise ValidationError("This date is in the future; enter the date it happened.")


def text(label, required=False, max_length=300, checked_when_blank=False, **kwargs):
    """A one-line text field, required or optional.

    ``checked_when_blank`` lets the form's own ``validate_<name>`` run on an empty value.
    """
    checks = [DataRequired()] if required else ([] if checked_when_blank else [Optional()])
    return StringField(
        label, validators=[*checks, Length(max=max_length)], filters=[blank_to_none], **kwargs
    )


def long_text(label, **kwargs):
    """A multi-line text field (optional)."""
    return TextAreaField(
        label, validators=[Optional(), Length(max=20000)], filters=[blank_to_none], **kwargs
    )


def past_date(label, validators=(), **kwargs):
    """An optional date that is not in the future."""
    return DateField(label, validators=[Optional(), not_in_future, *validators], **kwargs)


def lookup(label, kinds, required=False, **kwargs):
    """A related record chosen by typing (with suggestions)."""
    checks = [DataRequired(message="Choose a record.")] if required else [Optional()]
    return RecordLookupField(label, validators=checks, kinds=kinds, **kwargs)


def lookup_list(label, kinds, entries=1):
    """Several related records of ``kinds``: one input each, blank ones ignored."""
    return FieldList(RecordLookupField(label, kinds=kinds), min_entries=entries)


def date_order(first, second, message):
    """A form-level check that ``second`` is on or after ``first`` (both optional)."""

    def check(form, field):
        """Compare the two dates when both are given."""
        start = getattr(form, first).data
        if field.data and start and field.data < start:
            raise ValidationError(message)

    return check


class ExternalIdForm(Form):
    """One id of the record in an outside dataset (a blank value drops the row)."""

    scheme = SelectField("Dataset", choices=[], validate_choice=False)
    value = StringField(
        "Id there", validators=[Optional(), Length(max=120)], filters=[blank_to_none]
    )

    def validate_scheme(self, field):
        """Only a dataset offered for this kind of record (the choices the form set)."""
        if self.value.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Choose one of the datasets listed.")


class RecordForm(FlaskForm):
    """Base of every record form: ``version`` carries the record version the form was based on.

    A form only reads and checks input: ``values`` hands the editing service plain data.
    Every form ends with the record's ids in outside datasets (``external_ids``), offered for
    the datasets that list its kind and rendered by one shared partial.
    """

    version = HiddenField()
    external_ids = FieldList(FormField(ExternalIdForm), label="Also listed as")
    # Fields whose value ``part_values`` gives instead of a plain copy of the field's data.
    part_fields = ()
    kind = None

    def __init__(self, *args, **kwargs):
        """Offer each id row the datasets that list this kind of record."""
        super().__init__(*args, **kwargs)
        self._offer_schemes()

    def _offer_schemes(self):
        """Set the dataset choices of every id row (none: the rows are left out)."""
        choices = options({name: scheme.label for name, scheme in schemes_for(self.kind).items()})
        for entry in self.external_ids.entries:
            entry.form.scheme.choices = choices

    def values(self):
        """The typed values as ``{attribute: value}``: lookups give records, lists give lists."""
        values = {}
        for name, field in self._fields.items():
            if name in ("version", "csrf_token") or name in self.part_fields:
                continue
            if name == "external_ids" and not schemes_for(self.kind):
                continue  # no dataset lists this kind: its ids are not the form's to change
            if isinstance(field, FieldList):
                values[name] = [entry.data for entry in field.entries]
            else:
                values[name] = field.data
        values.update(self.part_values())
        return values

    def part_values(self):
        """Values of the ``part_fields`` (people in a case, ...); none by default."""
        return {}

    def pad_lists(self, spare=2):
        """Add blank inputs to every list so the user can add entries without JavaScript."""
        for name, field in self._fields.items():
            if isinstance(field, FieldList):
                extra = 1 if name == "external_ids" else spare
                for _ in range(extra if schemes_for(self.kind) or name != "external_ids" else 0):
                    field.append_entry()
        self._offer_schemes()


__all__ = [
    "FormField",
    "RecordForm",
    "blank_to_none",
    "date_order",
    "long_text",
    "lookup",
    "lookup_list",
    "not_in_future",
    "options",
    "past_date",
    "text",
]
