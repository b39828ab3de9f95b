"""The mapping import's forms: the upload, then the mapping of columns and values.

The mapping form is built for the file at hand: one select per spreadsheet column (a field of
the kind, or "ignore"), and one per distinct value of each column mapped to a choice field.
"""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from tracker.imports.kinds import importable_kinds

IGNORE = SelectChoice("", "(ignore this column)")


class MappingUploadForm(FlaskForm):
    """Step 1: the kind, the spreadsheet, and a preset to start from."""

    kind = SelectField("Record kind", validators=[DataRequired()])
    file = FileField("CSV (UTF-8) or XLSX file, any columns")
    preset = SelectField("Start from a preset", validators=[Optional()])
    upload = SubmitField("Read the columns")

    def __init__(self, presets, *args, **kwargs):
        """Offer every importable kind and every preset."""
        super().__init__(*args, **kwargs)
        self.kind.choices = [
            SelectChoice(name, kind.label) for name, kind in importable_kinds().items()
        ]
        self.preset.choices = [SelectChoice("", "(suggest from the column names)")] + [
            SelectChoice(name, name) for name in presets
        ]


class MappingFormBase(FlaskForm):
    """Step 2: options and actions; the column and value selects are added per file."""

    day_first = BooleanField("Dates like 3/12/2020 are day first (the 3rd of December)")
    update_existing = BooleanField("Update existing records (matched by their natural key)")
    preset_name = StringField("Save this mapping as", validators=[Optional(), Length(max=80)])
    apply = SubmitField("Apply the column choices")
    save = SubmitField("Save as preset")
    dry_run = SubmitField("Check the file (dry run)")
    commit = SubmitField("Import these rows")


def mapping_form(targets, headers, value_lists):
    """The form class for a file with ``headers``, and the distinct values to map.

    ``value_lists`` is ``{target: [(spelling, shown, count), ...]}``.
    """

    class MappingForm(MappingFormBase):
        """One file's mapping."""

    columns = [IGNORE] + [SelectChoice(t.name, t.label) for t in targets.values()]
    for index, header in enumerate(headers):
        setattr(MappingForm, f"column_{index}", SelectField(header or "(no name)", choices=columns))
    for target, values in value_lists.items():
        choices = [SelectChoice("", "(as written)")] + [
            SelectChoice(key, label) for key, label in targets[target].choices.items()
        ]
        for index, (_, shown, count) in enumerate(values):
            label = f"{shown} ({count:,} row{'s' if count != 1 else ''})"
            setattr(MappingForm, f"value_{target}_{index}", SelectField(label, choices=choices))
    return MappingForm
