"""Forms for complaints, investigations, duty events and legal actions."""

from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    HiddenField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
    TimeField,
    widgets,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from tracker.manage.forms.base import (
    FormField,
    RecordForm,
    blank_to_none,
    date_order,
    long_text,
    lookup,
    lookup_list,
    options,
    past_date,
    text,
)
from tracker.manage.forms.sources import SourceLookupField
from tracker.models.choices import (
    COMPLAINT_ACCEPTANCE,
    COMPLAINT_CHANNELS,
    COMPLAINT_KINDS,
    DATE_PRECISIONS,
    DOCKET_ENTRY_KINDS,
    DUTY_EVENT_KINDS,
    INVESTIGATION_FINDINGS,
    INVESTIGATION_SCOPES,
    INVESTIGATION_STATUSES,
    LEGAL_ACTION_KINDS,
    LEGAL_ACTION_STATUSES,
)

MAX_AMOUNT = 10**11


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (keyboard and screen-reader friendly)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def amount(label):
    """An optional amount of money in dollars, not negative."""
    return DecimalField(
        label,
        places=2,
        validators=[
            Optional(),
            NumberRange(min=0, max=MAX_AMOUNT, message="Enter an amount from 0 to 100 billion."),
        ],
    )


class ComplaintForm(RecordForm):
    """A complaint against the department and what became of it."""

    kind = "complaint"

    title = text("Title", required=True)
    filed_on = past_date("Filed on")
    complainant = lookup("Complainant (private unless they agreed)", kinds=("person",))
    complainant_is_public = BooleanField("The complainant agreed to be named")
    case = lookup("Case", kinds=("case",))
    complaint_kind = SelectField(
        "Kind", choices=options(COMPLAINT_KINDS), validators=[DataRequired()]
    )
    filed_with = lookup("Filed with (agency)", kinds=("agency",))
    reference_number = text("Reference number", max_length=80)
    acceptance = SelectField(
        "Did the agency accept it?", choices=options(COMPLAINT_ACCEPTANCE), default="pending"
    )
    acceptance_reason = long_text("Reason given")
    channel = SelectField(
        "How was it brought?",
        choices=[("", "Not recorded"), *options(COMPLAINT_CHANNELS)],
        default="",
        coerce=lambda value: value or None,  # "Not recorded" is stored as NULL
    )
    refused_by_agency = lookup("Refused or not answered by (unit)", kinds=("agency",))
    refused_by_officer = lookup("Refused or not answered by (officer)", kinds=("officer",))
    refused_on = past_date("Refused on (or when an answer was due)")
    officers = lookup_list("Officer", kinds=("officer",))
    description = long_text("Description")


class InvestigationForm(RecordForm):
    """An internal or external investigation and how far it got."""

    kind = "investigation"

    title = text("Title", required=True)
    case = lookup("Case", kinds=("case",))
    scope = SelectField(
        "Internal or external", choices=options(INVESTIGATION_SCOPES), validators=[DataRequired()]
    )
    agency = lookup("Investigating agency", kinds=("agency",))
    opened_on = past_date("Opened on")
    closed_on = past_date(
        "Closed on",
        validators=[
            date_order("opened_on", "closed_on", "Closed on must be on or after opened on.")
        ],
    )
    investigation_status = SelectField(
        "Status", choices=options(INVESTIGATION_STATUSES), default="open"
    )
    finding = SelectField("Finding", choices=options(INVESTIGATION_FINDINGS), default="pending")
    officers = lookup_list("Officer under investigation", kinds=("officer",))
    outcome = long_text("Outcome")


class DutyEventForm(RecordForm):
    """An officer put on leave, reinstated, suspended, ..."""

    kind = "duty_event"

    title = text("Title", required=True)
    officer = lookup("Officer", kinds=("officer",), required=True)
    duty_kind = SelectField("What happened", choices=options(DUTY_EVENT_KINDS))
    occurred_on = past_date("Date")
    date_precision = SelectField("Date precision", choices=options(DATE_PRECISIONS), default="day")
    investigations = lookup_list("Related investigation", kinds=("investigation",))
    note = long_text("Note")


class DocketEntryForm(Form):
    """One dated docket entry; a row left without a date or a description is dropped.

    Dates may be ahead (a hearing set, an appeal deadline): a docket is also what is coming.
    """

    id = HiddenField()
    entry_kind = SelectField("Entry", choices=options(DOCKET_ENTRY_KINDS), default="filing")
    entry_on = DateField("Date", validators=[Optional()])
    entry_time = TimeField("Time (hearings)", validators=[Optional()])
    place = text("Place (hearings)", max_length=300)
    description = TextAreaField(
        "What it says", validators=[Optional(), Length(max=2000)], filters=[blank_to_none]
    )
    source = SourceLookupField("Source", validators=[Optional()], kinds=())

    # Each check runs on the field that is filled in (``Optional`` stops at an empty one).
    def validate_entry_on(self, field):
        """A dated entry needs a description."""
        if not self.description.data:
            raise ValidationError("Say in a few words what this entry is.")

    def validate_description(self, field):
        """A described entry needs its date."""
        if not self.entry_on.data and not self.entry_on.errors:
            raise ValidationError("Enter the date of this entry.")

    def value(self):
        """The entry as plain data for the editing service."""
        names = ("entry_kind", "entry_on", "entry_time", "place", "description", "source")
        return {"id": self.id.data or None, **{name: self[name].data for name in names}}


class LegalActionForm(RecordForm):
    """A criminal charge, civil suit, immunity ruling, appeal or settlement."""

    kind = "legal_action"

    title = text("Title", required=True)
    case = lookup("Case", kinds=("case",))
    action_kind = SelectField("Kind", choices=options(LEGAL_ACTION_KINDS))
    court = lookup("Court", kinds=("agency",))
    docket_number = text("Docket number", max_length=80)
    filed_on = past_date("Filed on")
    decided_on = past_date(
        "Decided on",
        validators=[
            date_order("filed_on", "decided_on", "Decided on must be on or after filed on.")
        ],
    )
    action_status = SelectField("Status", choices=options(LEGAL_ACTION_STATUSES), default="pending")
    officers = lookup_list("Officer", kinds=("officer",))
    amount_claimed = amount("Amount claimed ($)")
    amount_awarded = amount("Amount awarded ($)")
    outcome = long_text("Outcome")
    docket = FieldList(FormField(DocketEntryForm), label="Docket: dated entries")

    part_fields = ("docket",)

    def part_values(self):
        """The docket entries as plain data."""
        return {"docket": [entry.form.value() for entry in self.docket.entries]}
