"""Forms for agencies, officers and people."""

from wtforms import BooleanField, IntegerField, SelectField, URLField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Optional, ValidationError

from tracker.manage.forms.base import (
    RecordForm,
    blank_to_none,
    date_order,
    long_text,
    lookup,
    options,
    past_date,
    text,
)
from tracker.models.choices import AGENCY_KINDS, IDENTITY_STATUSES, SEPARATIONS


class AgencyForm(RecordForm):
    """A police department, oversight office, prosecutor, court, ..."""

    kind = "agency"

    name = text("Name", required=True, max_length=200)
    short_name = text("Short name", max_length=60)
    agency_kind = SelectField("Kind", choices=options(AGENCY_KINDS), validators=[DataRequired()])
    jurisdiction = text("Jurisdiction", max_length=200)
    parent = lookup("Part of (parent agency)", kinds=("agency",))
    url = URLField("Website", validators=[Optional()], filters=[blank_to_none])
    summary = long_text("Summary")


class OfficerForm(RecordForm):
    """An officer, named or not."""

    kind = "officer"

    identity_status = SelectField("Identity", choices=options(IDENTITY_STATUSES), default="named")
    name = text("Name", max_length=200, checked_when_blank=True)
    title = text("Description when not named", max_length=300, checked_when_blank=True)
    serial_number = text("Serial number", max_length=40)
    badge_number = text("Badge number", max_length=40)
    rank = text("Rank", max_length=80)
    unit = text("Unit", max_length=120)
    agency = lookup("Agency", kinds=("agency",))
    other_names = long_text("Other known names (one a line; shown only for a named officer)")
    employed_on = past_date("Employed on")
    # "" (still serving, or not known) is stored as nothing.
    separation = SelectField(
        "How they left",
        choices=[SelectChoice("", "Still serving, or not known"), *options(SEPARATIONS)],
        coerce=lambda value: value or None,
    )
    separated_on = past_date("Left on")
    gender = text("Gender (private)", max_length=40)
    race = text("Race (private)", max_length=80)
    birth_year = IntegerField(
        "Birth year (private)",
        validators=[Optional(), NumberRange(min=1900, max=2100, message="A year, like 1975.")],
    )
    public_description = long_text("Public description")
    private_notes = long_text("Private notes (never shown to the public)")

    def validate_name(self, field):
        """A named officer needs a name."""
        if self.identity_status.data == "named" and not field.data:
            raise ValidationError("Enter the officer's name, or choose withheld or unknown.")

    def validate_title(self, field):
        """An unnamed officer needs a description to tell them apart."""
        if self.identity_status.data == "named":
            return
        if not field.data:
            raise ValidationError("Describe the officer (e.g. “the second officer at the scene”).")
        name = (self.name.data or "").strip().casefold()
        if name and field.data.strip().casefold() == name:
            raise ValidationError(
                "The public description must not be the officer's name: the name is withheld."
            )


class PersonForm(RecordForm):
    """A subject, complainant or witness: contact and medical details stay private."""

    kind = "person"

    name = text("Name (private unless marked public)", max_length=200)
    name_is_public = BooleanField("The name is public (the person agreed, or it was reported)")
    public_label = text("Public label (e.g. “a 17-year-old”)", max_length=120)
    age = IntegerField(
        "Age",
        validators=[Optional(), NumberRange(min=0, max=120, message="Age is 0 to 120.")],
    )
    race = text("Race (as reported)", max_length=80)
    gender = text("Gender (as reported)", max_length=80)
    is_minor = BooleanField("A minor")
    contact_details = long_text("Contact details (private)")
    medical_details = long_text("Medical details (private)")
    private_notes = long_text("Private notes")

    def validate_name_is_public(self, field):
        """A minor's name is never public."""
        if field.data and self.is_minor.data:
            raise ValidationError("A minor's name is never made public.")


class AssignmentForm(RecordForm):
    """One stretch of an officer's career: badge or serial, rank, unit and agency, from and to."""

    kind = "assignment"

    officer = lookup("Officer", kinds=("officer",), required=True)
    badge_number = text("Badge number", max_length=40)
    serial_number = text("Serial number", max_length=40)
    rank = text("Rank or job title", max_length=80)
    unit = text("Unit", max_length=120)
    agency = lookup("Agency", kinds=("agency",))
    started_on = past_date("From")
    ended_on = past_date(
        "To (empty while it lasts)",
        validators=[date_order("started_on", "ended_on", "To must be on or after From.")],
    )
    note = long_text("Note")
