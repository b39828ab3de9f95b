"""Sources (a URL or an uploaded document), citing them, and choosing one by typing."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import func, select
from wtforms import HiddenField, SelectField, URLField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)

from tracker.extensions import db
from tracker.manage.forms.base import blank_to_none, long_text, options, past_date, text
from tracker.manage.lookup import ID_PATTERN, RecordLookupField
from tracker.models import Source
from tracker.models.choices import SOURCE_KINDS


class SourceForm(FlaskForm):
    """A new source: a web address, or a PDF, PNG or JPEG of at most 20 MB."""

    title = text("Title", required=True)
    source_kind = SelectField("Kind", choices=options(SOURCE_KINDS), validators=[DataRequired()])
    url = URLField(
        "Web address", validators=[Optional(), Length(max=1000)], filters=[blank_to_none]
    )
    document = FileField("Or upload a document (PDF, PNG or JPEG, at most 20 MB)")
    publisher = text("Publisher", max_length=200)
    published_on = past_date("Published on")
    notes = long_text("Notes")

    def validate(self, extra_validators=None):
        """A source needs a web address or a document."""
        valid = super().validate(extra_validators)
        if not self.url.data and not self.document.data:
            self.url.errors.append("Give a web address or upload a document.")
            return False
        return valid

    def validate_url(self, field):
        """One row per web address: point the user at the existing source instead."""
        if not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError("Enter a web address starting with http:// or https://.")
        existing = db.session.scalars(select(Source).where(Source.url == field.data)).first()
        if existing is not None:
            raise ValidationError(
                f"This address is already source #{existing.id} “{existing.title}”: cite that one."
            )


def source_text(source):
    """How a source reads in the suggestion list."""
    return f"{source.title} (#{source.id})"


class SourceLookupField(RecordLookupField):
    """Choose a source by typing its title or #number."""

    def suggestions(self):
        """Newest sources first."""
        query = select(Source).order_by(Source.id.desc()).limit(1000)
        return [source_text(source) for source in db.session.scalars(query)]

    def _value(self):
        """What was typed, or the chosen source."""
        if self.typed is not None:
            return self.typed
        return source_text(self.data) if self.data is not None else ""

    def pre_validate(self, form):
        """Resolve the typed text to one source."""
        if not self.typed:
            return
        match = ID_PATTERN.match(self.typed)
        if match:
            self.data = db.session.get(Source, int(match.group(1)))
            if self.data is None:
                raise StopValidation(f"No source has the number #{match.group(1)}.")
            return
        found = db.session.scalars(
            select(Source).where(func.lower(Source.title) == self.typed.lower()).limit(2)
        ).all()
        if len(found) != 1:
            raise StopValidation(
                "Several sources have that title; choose one from the suggestions."
                if found
                else f"No source is called “{self.typed}”. Choose one, or add a new source."
            )
        self.data = found[0]


class CitationForm(FlaskForm):
    """Cite an existing source on a record."""

    source = SourceLookupField(
        "Source", validators=[DataRequired(message="Choose a source.")], kinds=()
    )
    locator = text("Page, paragraph or timestamp", max_length=200)


class DocumentReviewForm(FlaskForm):
    """An editor marks a source's document reviewed for private data ("yes") or withdraws it."""

    reviewed = HiddenField(validators=[AnyOf(("yes", "no"), message="Mark it yes or no.")])
