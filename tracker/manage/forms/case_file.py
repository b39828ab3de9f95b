"""Forms of the case file: cite a source on several records at once, publish or return a bundle."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    URLField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.manage.forms.base import blank_to_none, options, text
from tracker.manage.forms.sources import SourceLookupField
from tracker.manage.forms.workflow import ReturnForm
from tracker.models.choices import SOURCE_KINDS
from tracker.records.editing import source_with_url
from tracker.request_guards import database_id


class CitedRecordForm(Form):
    """One record of the case in the cite-once checklist: tick it, give its locator."""

    record_id = HiddenField()
    cite = BooleanField("Cite on this record")
    locator = text("Page, paragraph or timestamp", max_length=200)


class CiteCaseForm(FlaskForm):
    """Cite one source (existing, or a new web address) on the ticked records of a case."""

    source = SourceLookupField("An existing source", validators=[Optional()], kinds=())
    new_url = URLField(
        "Or a new web address", validators=[Optional(), Length(max=1000)], filters=[blank_to_none]
    )
    new_title = text("Title of the new source", max_length=300)
    new_kind = SelectField(
        "Kind of the new source",
        choices=options(SOURCE_KINDS),
        default="news",
    )
    records = FieldList(FormField(CitedRecordForm), label="Records that cite it")

    def fill(self, records):
        """One checklist row per record of the case (on a fresh form)."""
        for record in records:
            self.records.append_entry({"record_id": str(record.id)})

    def validate_new_url(self, field):
        """A web address the tracker already has is cited as that source, not added again."""
        if field.data and not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError("Enter a web address starting with http:// or https://.")

    def validate(self, extra_validators=None):
        """A source (existing or new, with a title) and at least one ticked record."""
        valid = super().validate(extra_validators)
        if not self.source.data and not self.new_url.data:
            self.source.errors.append("Choose a source, or give a new web address.")
            valid = False
        untitled = self.new_url.data and not self.source.data and not self.new_title.data
        if untitled and source_with_url(self.new_url.data) is None:
            self.new_title.errors.append("Give the new source a title.")
            valid = False
        if not self.ticked():
            self.records.errors.append("Tick at least one record.")
            valid = False
        return valid

    def ticked(self):
        """``[(record id, locator)]`` of the ticked rows."""
        rows = []
        for entry in self.records.entries:
            record_id = database_id(entry.form.record_id.data)
            if entry.form.cite.data and record_id:
                rows.append((record_id, entry.form.locator.data))
        return rows

    def new_source_values(self):
        """The fields of the new source to add (when no existing one was chosen)."""
        return {
            "title": self.new_title.data,
            "url": self.new_url.data,
            "source_kind": self.new_kind.data,
        }


class PublishCaseForm(FlaskForm):
    """Publish a case's bundle; ``confirmed`` acknowledges the warnings shown."""

    confirmed = BooleanField("I have read the warnings above and want to publish anyway")


class ReturnRecordForm(ReturnForm):
    """Return one record of a case's bundle to its author, with a comment on it."""

    record_id = HiddenField(validators=[DataRequired()])


class DemandRowForm(Form):
    """One demand in the case's demands checklist: tick it, say how the record bears on it."""

    demand_id = HiddenField()
    link = BooleanField("Link")
    note = text("How it bears on the demand", max_length=1000)


class CaseDemandsForm(FlaskForm):
    """Link one record of the case to several demands at once, each with its note."""

    record = SelectField("Record", coerce=int, validators=[DataRequired()])
    demands = FieldList(FormField(DemandRowForm), label="Demands")

    def fill(self, records, demands):
        """The case's records as choices; one checklist row per demand (on a fresh form)."""
        self.record.choices = [
            SelectChoice(record.id, f"{record.kind_label}: {record.title}") for record in records
        ]
        if not self.is_submitted():
            for demand in demands:
                self.demands.append_entry({"demand_id": str(demand.id)})

    def validate_demands(self, field):
        """At least one demand ticked."""
        if not self.ticked():
            raise ValidationError("Tick at least one demand.")

    def ticked(self):
        """``[(demand id, note)]`` of the ticked rows."""
        rows = []
        for entry in self.demands.entries:
            demand_id = database_id(entry.form.demand_id.data)
            if entry.form.link.data and demand_id:
                rows.append((demand_id, entry.form.note.data))
        return rows
