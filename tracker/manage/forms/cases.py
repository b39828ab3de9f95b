"""The case form: people and officers with their roles, tags and a timeline."""

from wtforms import FieldList, Form, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.extensions import db
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
from tracker.models import CaseOfficer, CasePerson, Tag, TimelineEvent
from tracker.models.choices import (
    CASE_KINDS,
    CASE_OFFICER_ROLES,
    CASE_OUTCOMES,
    CASE_PERSON_ROLES,
    DATE_PRECISIONS,
)
from tracker.records.slugs import slugify


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

    def apply_parts(self, case):
        """Bring people, officers, tags and timeline in line with the form, changing only diffs."""
        _sync_roles(case.people, CasePerson, "person", self.people.entries)
        _sync_roles(case.officers, CaseOfficer, "officer", self.officers.entries)
        case.tags = _tags(self.tags.data)
        _sync_timeline(case, self.timeline.entries)


def _sync_roles(collection, model, attr, entries):
    """Keep (record, role) pairs that stay, drop the others and add the new ones."""
    wanted = []
    for entry in entries:
        record = getattr(entry.form, attr).data
        if record is not None and (record, entry.form.role.data) not in wanted:
            wanted.append((record, entry.form.role.data))
    present = set()
    for item in list(collection):
        if (getattr(item, attr), item.role) in wanted:
            present.add((getattr(item, attr), item.role))
        else:
            # Deleted while still attached, so the revision log can name the case it left.
            db.session.delete(item)
    for record, role in wanted:
        if (record, role) not in present:
            collection.append(model(**{attr: record, "role": role}))


def _tags(line):
    """The tags named in a comma-separated ``line``, created when new."""
    tags = []
    for name in (line or "").split(","):
        name = name.strip()[:80]
        if not name:
            continue
        slug = slugify(name)
        tag = db.session.query(Tag).filter_by(slug=slug).first()
        if tag is None:
            tag = Tag(name=name, slug=slug)
            db.session.add(tag)
        if tag not in tags:
            tags.append(tag)
    return tags


def _sync_timeline(case, entries):
    """Update timeline events by id, add new ones and remove the ones left out."""
    existing = {str(event.id): event for event in case.timeline}
    keep = []
    for entry in entries:
        values = entry.form
        if not values.description.data:
            continue
        event = existing.get(values.id.data) or TimelineEvent()
        event.occurred_on = values.occurred_on.data
        event.date_precision = values.date_precision.data or "day"
        event.description = values.description.data
        keep.append(event)
    for event in list(case.timeline):
        if event not in keep:
            db.session.delete(event)
    for event in keep:
        if event not in case.timeline:
            case.timeline.append(event)
