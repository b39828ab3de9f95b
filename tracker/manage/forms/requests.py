"""The records request form: of whom, what, when and how, and its dated history."""

from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    HiddenField,
    SelectChoice,
    SelectField,
)
from wtforms.validators import DataRequired, Optional

from tracker.deadlines.laws import DEFAULT_LAW, LAW_CHOICES
from tracker.manage.forms.base import (
    FormField,
    RecordForm,
    date_order,
    long_text,
    lookup,
    options,
    past_date,
    text,
)
from tracker.manage.forms.proceedings import amount
from tracker.manage.forms.sources import SourceLookupField
from tracker.models.choices import REQUEST_EVENT_KINDS, REQUEST_SENT_BY


class RequestEventForm(Form):
    """One dated step of the request's history; a row without a step is dropped."""

    id = HiddenField()
    event_kind = SelectField(
        "What happened", choices=[SelectChoice("", "—"), *options(REQUEST_EVENT_KINDS)], default=""
    )
    occurred_on = past_date("Date")
    available_on = DateField(
        "Earliest date the records will be available (delay)", validators=[Optional()]
    )
    amount = amount("Fee estimate ($)")
    exemption = text("Exemption cited (denial)", max_length=300)
    note = long_text("Reason given, or what was released")
    source = SourceLookupField(
        "The letter or released document (source)", validators=[Optional()], kinds=()
    )

    def validate(self, extra_validators=None):
        """A step needs its date: the deadline is measured against it.

        Checked here, not by a field validator: ``Optional`` ends an empty date's checks.
        """
        valid = super().validate(extra_validators)
        if self.event_kind.data and self.occurred_on.data is None and not self.occurred_on.errors:
            self.occurred_on.errors = [*self.occurred_on.errors, "Give the date of this step."]
            return False
        return valid


class RecordsRequestForm(RecordForm):
    """A records request under a records law (the Missouri Sunshine Law by default)."""

    kind = "records_request"

    title = text("Title", required=True)
    custodian = lookup("Custodian (agency asked)", kinds=("agency",))
    asked = long_text("What was asked")
    sent_by = SelectField("Sent by", choices=options(REQUEST_SENT_BY), default="unknown")
    sent_on = past_date("Sent on")
    received_on = past_date(
        "Received on (when known)",
        validators=[
            date_order("sent_on", "received_on", "Received on must be on or after sent on.")
        ],
    )
    law = SelectField(
        "Law it relies on",
        choices=options(LAW_CHOICES),
        default=DEFAULT_LAW,
        validators=[DataRequired()],
    )
    reference_number = text("Custodian's reference number", max_length=80)
    case = lookup("Case", kinds=("case",))
    requester = lookup("Requester (private unless they chose to be named)", kinds=("person",))
    requester_is_public = BooleanField("The requester chose to be named")
    private_notes = long_text("Private notes")
    events = FieldList(FormField(RequestEventForm), label="What happened")

    part_fields = ("events",)

    def part_values(self):
        """The history's rows as plain entries for the editing service."""
        return {
            "events": [
                {
                    "id": entry.form.id.data or None,
                    "event_kind": entry.form.event_kind.data or None,
                    "occurred_on": entry.form.occurred_on.data,
                    "available_on": entry.form.available_on.data,
                    "amount": entry.form.amount.data,
                    "exemption": entry.form.exemption.data,
                    "note": entry.form.note.data,
                    "source": entry.form.source.data,
                }
                for entry in self.events.entries
            ]
        }
