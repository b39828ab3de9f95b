"""Correcting a source, and searching the list of sources."""

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, URLField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.manage.forms.base import blank_to_none, long_text, options, past_date, text
from tracker.models.choices import SOURCE_KINDS
from tracker.records.editing import source_with_url


class SourceEditForm(FlaskForm):
    """A source's facts: title, kind, web address, publisher, date and notes."""

    title = text("Title", required=True)
    source_kind = SelectField("Kind", choices=options(SOURCE_KINDS), validators=[DataRequired()])
    url = URLField(
        "Web address", validators=[Optional(), Length(max=1000)], filters=[blank_to_none]
    )
    publisher = text("Publisher", max_length=200)
    published_on = past_date("Published on")
    notes = long_text("Notes (private)")
    # The source being corrected (set by the route): its own address is no duplicate.
    editing_id = None

    def values(self):
        """The source's fields as plain data."""
        names = ("title", "source_kind", "url", "publisher", "published_on", "notes")
        return {name: self[name].data for name in names}

    def validate_url(self, field):
        """A web address starts with http(s) and belongs to one source only."""
        if not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError("Enter a web address starting with http:// or https://.")
        existing = source_with_url(field.data)
        if existing is not None and existing.id != self.editing_id:
            raise ValidationError(
                f"This address is already source #{existing.id} “{existing.title}”."
            )


class SourceSearchForm(FlaskForm):
    """The filters of the sources list (a GET form: nothing changes, so no CSRF token)."""

    class Meta:
        """Read from the query string."""

        csrf = False

    q = StringField(
        "Title, publisher or web address",
        validators=[Optional(), Length(max=200)],
        filters=[blank_to_none],
    )
    kind = SelectField(
        "Kind",
        choices=[SelectChoice("", "Any kind"), *options(SOURCE_KINDS)],
        validators=[Optional()],
        default="",
    )
