"""The allegation form, and the form an editor adds an allegation category with."""

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from tracker.extensions import db
from tracker.manage.forms.base import (
    RecordForm,
    blank_to_none,
    long_text,
    lookup,
    options,
    past_date,
    text,
)
from tracker.models import AllegationCategory
from tracker.models.choices import ALLEGATION_FINDINGS, DISCIPLINE_KINDS, DISCIPLINE_OUTCOMES


def category_options():
    """The allegation categories as select options (read, never written, by the form)."""
    rows = db.session.execute(
        select(AllegationCategory.slug, AllegationCategory.label).order_by(AllegationCategory.label)
    )
    return [(slug, label) for slug, label in rows]


class AllegationForm(RecordForm):
    """One allegation of a complaint: the officer, the category, the findings, the discipline."""

    kind = "allegation"

    title = text("Title", required=True)
    complaint = lookup("Complaint", kinds=("complaint",), required=True)
    officer = lookup("Accused officer (blank: unidentified)", kinds=("officer",))
    category = SelectField("Category", validators=[DataRequired()])
    recommended_finding = SelectField(
        "Recommended finding", choices=options(ALLEGATION_FINDINGS), default="pending"
    )
    recommended_by = lookup("Recommended by (agency)", kinds=("agency",))
    recommended_on = past_date("Recommended on")
    final_finding = SelectField(
        "Final finding", choices=options(ALLEGATION_FINDINGS), default="pending"
    )
    final_by = lookup("Decided by (agency)", kinds=("agency",))
    final_on = past_date("Decided on")
    discipline = SelectField("Discipline", choices=options(DISCIPLINE_KINDS), default="none")
    discipline_days = IntegerField(
        "Length (days)",
        validators=[Optional(), NumberRange(min=0, max=36500, message="Enter 0 to 36,500 days.")],
    )
    discipline_on = past_date("Discipline date")
    discipline_outcome = SelectField(
        "Served or overturned?", choices=options(DISCIPLINE_OUTCOMES), default="unknown"
    )
    summary = long_text("Summary")

    def __init__(self, *args, **kwargs):
        """The category choices are the table's rows."""
        super().__init__(*args, **kwargs)
        self.category.choices = category_options()


class CategoryForm(FlaskForm):
    """A new allegation category: its slug, its label and what it means."""

    slug = StringField(
        "Short name (lower-case words joined by _)",
        validators=[
            DataRequired(),
            Length(max=40),
            Regexp(r"^[a-z][a-z0-9_]*$", message="Use a-z, 0-9 and _ only."),
        ],
        filters=[blank_to_none],
    )
    label = text("Label", required=True, max_length=120)
    definition = TextAreaField(
        "Plain-language definition",
        validators=[DataRequired(), Length(max=2000)],
        filters=[blank_to_none],
    )
