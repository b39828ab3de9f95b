"""The public meeting form: the body, day, time and place, and the agenda items as rows."""

from wtforms import (
    DateField,
    FieldList,
    Form,
    HiddenField,
    IntegerField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Length, NumberRange, Optional

from tracker.manage.forms.base import FormField, RecordForm, blank_to_none, long_text, lookup, text
from tracker.manage.lookup import RecordLookupField


def vote_count(label):
    """An optional count of votes (0 to 1,000)."""
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(min=0, max=1000, message="Enter 0 to 1,000.")],
    )


class AgendaItemForm(Form):
    """One agenda item: what was said, the vote, the case it bears on (untitled: dropped)."""

    id = HiddenField()
    title = text("Agenda item", max_length=300)
    discussion = TextAreaField(
        "What was said", validators=[Optional(), Length(max=20000)], filters=[blank_to_none]
    )
    votes_for = vote_count("Votes for")
    votes_against = vote_count("Votes against")
    abstentions = vote_count("Abstentions")
    vote = text("Vote, in words (passed, tabled, no vote)", max_length=300)
    case = RecordLookupField("Case it bears on", validators=[Optional()], kinds=("case",))

    def value(self):
        """The item as plain data for the editing service."""
        names = ("title", "discussion", "votes_for", "votes_against", "abstentions", "vote", "case")
        return {"id": self.id.data or None, **{name: self[name].data for name in names}}


class MeetingForm(RecordForm):
    """A public meeting of a body such as the Board of Police Commissioners."""

    kind = "meeting"

    title = text("Title", required=True)
    body = lookup("Body that met (agency)", kinds=("agency",))
    # A meeting may be ahead: it is announced before it is held.
    meets_on = DateField("Date", validators=[Optional()])
    starts_at = TimeField("Time", validators=[Optional()])
    place = text("Place", max_length=300)
    summary = long_text("Summary (one paragraph)")
    agenda = FieldList(FormField(AgendaItemForm), label="Agenda items")

    part_fields = ("agenda",)

    def part_values(self):
        """The agenda items, in the order of the rows."""
        return {"agenda": [entry.form.value() for entry in self.agenda.entries]}
