"""The Markdown preview: the record form posts here with a "Preview" button (new tab)."""

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

# The Markdown fields of the record forms (a case's narrative, a petition's body).
MARKDOWN_FIELDS = ("narrative", "body")


class MarkdownPreviewForm(FlaskForm):
    """Reads the Markdown fields of the posted record form; the rest of it is ignored."""

    narrative = TextAreaField(validators=[Optional(), Length(max=20000)])
    body = TextAreaField(validators=[Optional(), Length(max=20000)])

    def markdown(self):
        """The posted Markdown text, the first Markdown field that has some."""
        return next((self[name].data for name in MARKDOWN_FIELDS if self[name].data), "")
