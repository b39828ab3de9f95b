"""Sources (a URL or an uploaded document), citing them, and choosing one by typing."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, URLField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from tracker.manage.forms.base import blank_to_none, long_text, options, past_date, text
from tracker.manage.lookup import MAX_OPTIONS, RecordLookupField
from tracker.models.choices import SOURCE_KINDS
from tracker.records.editing import source_with_url
from tracker.records.references import resolve_source, source_candidates


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

    def values(self):
        """The source's fields as plain data (the uploaded document apart)."""
        names = ("title", "source_kind", "url", "publisher", "published_on", "notes")
        return {name: self[name].data for name in names}

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
        existing = source_with_url(field.data)
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
        return [source_text(source) for source in source_candidates(MAX_OPTIONS)]

    def _value(self):
        """What was typed, or the chosen source."""
        if self.typed is not None:
            return self.typed
        return source_text(self.data) if self.data is not None else ""

    def resolve(self, typed):
        """The source ``typed`` names (raises ``UnresolvedReference``)."""
        return resolve_source(typed)


class CitationForm(FlaskForm):
    """Cite an existing source on a record."""

    source = SourceLookupField(
        "Source", validators=[DataRequired(message="Choose a source.")], kinds=()
    )
    locator = text("Page, paragraph or timestamp", max_length=200)


class DocumentReviewForm(FlaskForm):
    """An editor marks a source's document reviewed for private data ("yes") or withdraws it."""

    reviewed = HiddenField(validators=[AnyOf(("yes", "no"), message="Mark it yes or no.")])
