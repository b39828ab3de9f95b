"""One form class per record kind; ``KIND_FORMS`` maps the kind to its form."""

from tracker.manage.forms.cases import CaseForm
from tracker.manage.forms.people import AgencyForm, OfficerForm, PersonForm
from tracker.manage.forms.proceedings import (
    ComplaintForm,
    DutyEventForm,
    InvestigationForm,
    LegalActionForm,
)

KIND_FORMS = {
    "case": CaseForm,
    "complaint": ComplaintForm,
    "investigation": InvestigationForm,
    "duty_event": DutyEventForm,
    "legal_action": LegalActionForm,
    "officer": OfficerForm,
    "person": PersonForm,
    "agency": AgencyForm,
}
