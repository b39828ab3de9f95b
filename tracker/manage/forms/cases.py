"""The case form: people and officers with their roles, tags and a timeline."""

from wtforms import FieldList, Form, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.manage.forms.base import (
    FormField,
    RecordForm,
    blank_to_none,
    long_text,
    options,
    past_date,
    text,
)
from tracker.manage.lookup import RecordLookupField
from tracker.models.choices import (
    CASE_KINDS,
    CASE_OFFICER_ROLES,
    CASE_OUTCOMES,
    CASE_PERSON_ROLES,
    DATE_PRECISIONS,
)


class PersonRoleForm(Form):
    """One person in a case and their role."""

    person = RecordLookupField("Person", validators=[Optional()], kinds=("person",))
    role = SelectField("Role", choices=options(CASE_PERSON_ROLES), default="subject")


class OfficerRoleForm(Form):
    """One officer in a case and their role."""

    officer = RecordLookupField("Officer", validators=[Optional()], kinds=("officer",))
    role = SelectField("Role", choices=options(CASE_OFFICER_ROLES), default="involved")


class TimelineEntryForm(Form):
    """One dated event in the case timeline; blank descriptions are dropped."""

    id = HiddenField()
    occurred_on = past_date("Date")
    date_precision = SelectField("Date precision", choices=options(DATE_PRECISIONS), default="day")
    description = TextAreaField(
        "What happened", validators=[Optional(), Length(max=2000)], filters=[blank_to_none]
    )


class CaseForm(RecordForm):
    """An incident such as an excessive-force case."""

    kind = "case"

    title = text("Title", required=True)
    occurred_on = past_date("Date of the incident")
    date_precision = SelectField("Date precision", choices=options(DATE_PRECISIONS), default="day")
    place = text("Place", max_length=300)
    case_kind = SelectField("Kind", choices=options(CASE_KINDS), validators=[DataRequired()])
    outcome = SelectField("Outcome", choices=options(CASE_OUTCOMES), default="unknown")
    summary = long_text("Summary (one paragraph)")
    narrative = long_text("Narrative (Markdown)")
    people = FieldList(FormField(PersonRoleForm), label="People involved")
    officers = FieldList(FormField(OfficerRoleForm), label="Officers involved")
    tags = StringField("Tags (comma separated)", filters=[blank_to_none])
    timeline = FieldList(FormField(TimelineEntryForm), label="Timeline")

    part_fields = ("people", "officers", "tags", "timeline")

    def process(self, formdata=None, obj=None, data=None, **kwargs):
        """Show the case's tags as one comma-separated line."""
        super().process(formdata, obj, data, **kwargs)
        if obj is not None and not self.is_submitted():
            self.tags.data = ", ".join(tag.name for tag in obj.tags)

    def part_values(self):
        """People and officers as (record, role) pairs, tag names and timeline entries."""
        return {
            "people": _pairs(self.people.entries, "person"),
            "officers": _pairs(self.officers.entries, "officer"),
            "tags": (self.tags.data or "").split(","),
            "timeline": [
                {
                    "id": entry.form.id.data or None,
                    "occurred_on": entry.form.occurred_on.data,
                    "date_precision": entry.form.date_precision.data,
                    "description": entry.form.description.data,
                }
                for entry in self.timeline.entries
            ],
        }


def _pairs(entries, attr):
    """(record, role) for each row of a people or officers list that names a record."""
    return [
        (getattr(entry.form, attr).data, entry.form.role.data)
        for entry in entries
        if getattr(entry.form, attr).data is not None
    ]
