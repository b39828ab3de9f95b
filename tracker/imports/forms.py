"""The import form: which kind, the file (or the text kept from the dry run), and options."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired

from tracker.imports.kinds import importable_kinds


class ImportForm(FlaskForm):
    """Upload a CSV for a dry run; after a clean dry run, the same text is posted to commit."""

    kind = SelectField("Record kind", validators=[DataRequired()])
    file = FileField("CSV file (UTF-8, with the template's header row)")
    update_existing = BooleanField("Update existing records (matched by their natural key)")
    # After a dry run the checked text travels back in the form, so the commit imports exactly
    # what was checked; it is checked again before anything is written.
    csv_text = HiddenField()
    filename = HiddenField()
    dry_run = SubmitField("Check the file (dry run)")
    commit = SubmitField("Import these rows")

    def __init__(self, *args, **kwargs):
        """Offer every importable kind."""
        super().__init__(*args, **kwargs)
        self.kind.choices = [
            SelectChoice(name, kind.label) for name, kind in importable_kinds().items()
        ]


class RosterForm(FlaskForm):
    """An OpenOversight roster: an officers file and an assignments file, checked, then imported.

    As with one kind's CSV, the checked texts travel back in the form after the dry run, so the
    commit imports exactly what was checked (and checks it again).
    """

    officers_file = FileField("Officers file (OpenOversight's officers CSV)")
    assignments_file = FileField("Assignments file (OpenOversight's assignments CSV)")
    officers_text = HiddenField()
    assignments_text = HiddenField()
    filenames = HiddenField()
    dry_run = SubmitField("Check the files (dry run)")
    commit = SubmitField("Import these rows")
