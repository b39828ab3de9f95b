"""Forms for the review workflow, demand links and demand status changes."""

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from tracker.manage.forms.base import long_text, options, past_date, text
from tracker.manage.forms.sources import SourceLookupField
from tracker.models.choices import DEMAND_STATUSES
from tracker.records.references import demand_candidates


class ReturnForm(FlaskForm):
    """Send a record back to its author, saying what needs to change."""

    comment = TextAreaField(
        "What needs to change",
        validators=[DataRequired(message="Say what needs to change."), Length(max=5000)],
    )


class DemandLinkForm(FlaskForm):
    """Link the record to a demand, with a note on how it bears on it."""

    demand = SelectField("Demand", coerce=int, validators=[DataRequired()])
    note = text("How it bears on the demand", max_length=1000)

    def __init__(self, *args, **kwargs):
        """List every demand, numbered, as the choices."""
        super().__init__(*args, **kwargs)
        self.demand.choices = [
            SelectChoice(demand.id, demand.title) for demand in demand_candidates()
        ]


class DemandStatusForm(FlaskForm):
    """A dated change in a demand's status, with the source that shows it."""

    status = SelectField("New status", choices=options(DEMAND_STATUSES))
    changed_on = past_date("Date of the change", validators=[DataRequired()])
    note = long_text("Note")
    source = SourceLookupField("Source", kinds=())

    def values(self):
        """The change as plain data for the editing service."""
        names = ("status", "changed_on", "note", "source")
        return {name: self[name].data for name in names}


class DiscardForm(FlaskForm):
    """Set a never-published draft aside; the reason, if given, goes on its history."""

    reason = TextAreaField(
        "Why (optional, kept on the record's history)",
        validators=[Length(max=500, message="Keep the reason under 500 characters.")],
    )
