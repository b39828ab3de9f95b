"""The small forms that create a person, officer, agency or court from the field that looks it up.

They are posted together with the record form they sit in (their inputs are prefixed with the
lookup field's name), or alone from the JavaScript dialog. The application's CSRF protection
checks every POST (``CSRFProtect``), so these sub-forms carry no token of their own.
"""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired

from tracker.manage.forms.base import options, text
from tracker.models.choices import AGENCY_KINDS


class QuickForm(FlaskForm):
    """What every quick-create form shares: no token of its own, plain values for ``save``."""

    class Meta:
        """The application checks the CSRF token of the whole request."""

        csrf = False

    kind = ""

    def values(self):
        """The typed values as ``{attribute: value}``."""
        return {name: field.data for name, field in self._fields.items()}


class QuickPersonForm(QuickForm):
    """A new person: their name stays private unless marked public."""

    kind = "person"

    name = text("Name (private unless marked public)", required=True, max_length=200)
    name_is_public = BooleanField("The name is public (the person agreed, or it was reported)")
    public_label = text("Public label (e.g. “a 17-year-old”)", max_length=120)


class QuickOfficerForm(QuickForm):
    """A new named officer with the numbers they are known by."""

    kind = "officer"

    name = text("Officer's name", required=True, max_length=200)
    serial_number = text("Serial number", max_length=40)
    badge_number = text("Badge number", max_length=40)

    def values(self):
        """A named officer."""
        return {**super().values(), "identity_status": "named"}


class QuickAgencyForm(QuickForm):
    """A new agency or court."""

    kind = "agency"

    name = text("Name of the agency or court", required=True, max_length=200)
    agency_kind = SelectField("Kind", choices=options(AGENCY_KINDS), validators=[DataRequired()])


QUICK_FORMS = {form.kind: form for form in (QuickPersonForm, QuickOfficerForm, QuickAgencyForm)}
