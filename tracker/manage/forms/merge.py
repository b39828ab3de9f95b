"""The fingerprint of the fields as the edit form loaded them (see ``tracker.manage.merging``)."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import Length, Optional


class LoadedFieldsForm(FlaskForm):
    """Read the hidden ``base`` of a record's edit form (the record form has the CSRF token)."""

    base = HiddenField(validators=[Optional(), Length(max=20000)])
