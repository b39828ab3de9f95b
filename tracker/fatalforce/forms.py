"""The reconciliation page's forms: a decision on a proposed match, a draft from a missing row."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.validators import DataRequired, NumberRange

from tracker.manage.forms.base import options
from tracker.models.fatal_force import MATCH_DECISIONS


class AgencyForm(FlaskForm):
    """Which of the Post's agencies to reconcile (a GET form: no CSRF)."""

    class Meta:
        """Read from the query string."""

        csrf = False

    agency = IntegerField("The Post's agency id", validators=[NumberRange(min=1, max=10**9)])


class DecisionForm(FlaskForm):
    """Confirm or reject that a Post row is a tracker case."""

    agency = IntegerField(validators=[DataRequired(), NumberRange(min=1, max=10**9)])
    row = IntegerField(validators=[DataRequired(), NumberRange(min=1, max=10**9)])
    case = IntegerField(validators=[DataRequired(), NumberRange(min=1, max=2**31 - 1)])
    decision = SelectField(choices=options(MATCH_DECISIONS))
    evidence = HiddenField()


class StartCaseForm(FlaskForm):
    """Start a draft case from a row the tracker is missing."""

    agency = IntegerField(validators=[DataRequired(), NumberRange(min=1, max=10**9)])
    row = IntegerField(validators=[DataRequired(), NumberRange(min=1, max=10**9)])
