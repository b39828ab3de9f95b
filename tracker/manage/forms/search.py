"""The workspace search and record list: words, kind, status, author, updated, sort."""

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from tracker.manage.forms.base import blank_to_none, options
from tracker.models.choices import RECORD_STATUSES

SORTS = {
    "updated": "Last changed",
    "title": "Title",
    "kind": "Kind",
    "status": "Status",
    "created": "Created",
}
UPDATED_WITHIN = {"": "Any time", "7": "Last 7 days", "30": "Last 30 days", "365": "Last year"}
AUTHORS = {"": "Anyone", "me": "Me"}


class WorkspaceSearchForm(FlaskForm):
    """Filters read from the query string (a GET form: it changes nothing, so no CSRF token)."""

    class Meta:
        """Read from the query string."""

        csrf = False

    q = StringField(
        "Title, reference or docket number, name",
        validators=[Optional(), Length(max=200)],
        filters=[blank_to_none],
    )
    kind = SelectField("Kind", validators=[Optional()], default="")
    status = SelectField(
        "Status",
        choices=[SelectChoice("", "Any status"), *options(RECORD_STATUSES)],
        validators=[Optional()],
        default="",
    )
    author = SelectField("Author", choices=options(AUTHORS), validators=[Optional()], default="")
    updated = SelectField(
        "Changed", choices=options(UPDATED_WITHIN), validators=[Optional()], default=""
    )
    sort = SelectField(
        "Sort by", choices=options(SORTS), validators=[Optional()], default="updated"
    )

    def set_kinds(self, kinds):
        """Offer ``kinds`` (``RecordKind``s) in the kind filter."""
        self.kind.choices = [SelectChoice("", "Any kind")] + [
            SelectChoice(kind.name, kind.label) for kind in kinds
        ]
