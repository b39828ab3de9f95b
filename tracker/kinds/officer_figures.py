"""Officer figures in the downloads: one row per published officer (``officer_figures``).

Not a record kind: the figures of ``tracker.duty.figures`` (the officer page's "In figures"),
a row per officer, read for a whole batch of officers in three queries (``rows``), so the
download costs the same per officer at 100,000 cases as at 100. Lists are ``name:count``.
"""

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from tracker.duty.figures import CO_ACCUSED_SHOWN, figures_for
from tracker.kinds.base import Field, RecordKind
from tracker.models import Officer
from tracker.models.choices import PUBLISHED

FIELDS = (
    Field("officer_id", "integer", "Id of the officer (see officers)."),
    Field("title", "string", "The officer's public title (their name when named)."),
    Field("allegations", "integer", "Published allegations against the officer."),
    Field("sustained", "integer", "Of them, sustained (final finding)."),
    Field("decided", "integer", "Of them, with a final finding other than pending."),
    Field(
        "share_sustained",
        "number",
        "Sustained of the decided allegations, 0 to 1 (blank when none is decided).",
    ),
    Field(
        "allegations_by_category",
        "string list",
        "category:count for each allegation category (see allegations' category).",
    ),
    Field(
        "allegations_by_finding",
        "string list",
        "finding:count for each final finding that occurs (see allegations' final_finding).",
    ),
    Field(
        "allegations_by_category_and_finding",
        "string list",
        "category:finding:count, the table of the officer page.",
    ),
    Field(
        "discipline",
        "string list",
        "discipline:count for each discipline imposed, other than none (see allegations' "
        "discipline).",
    ),
    Field("discipline_days", "integer", "Total length of the discipline imposed, in days."),
    Field("overturned_on_appeal", "integer", "Disciplines overturned on appeal."),
    Field("complaints", "integer", "Published complaints naming the officer or accusing them."),
    Field("cases", "integer", "Published cases naming the officer."),
    Field(
        "co_accused",
        "string list",
        f"officer_id:shared for the {CO_ACCUSED_SHOWN} officers named in the most of the same "
        "complaints or cases (a complaint of a case counts as its case).",
    ),
    Field("co_accused_total", "integer", "How many officers share a complaint or case."),
    Field("refused", "integer", "Published complaints the officer refused or left unanswered."),
    Field(
        "refused_by_channel",
        "string list",
        "channel:count of those, by how they were brought (see complaints' channel; "
        "not_recorded when blank).",
    ),
)


@dataclass(frozen=True)
class OfficerFiguresCollection:
    """The officer figures, as the downloads serve them (not in the API's lists)."""

    collection: str = "officer_figures"
    plural: str = "Officer figures"
    data_label: str = "Officer figures (allegations, findings, discipline, co-accused)"
    api: bool = False  # the API's officer answer carries them (``figures``)
    fields: tuple = FIELDS
    api_filters: tuple = ()
    filter_statement: object = None

    path = "officer-figures"
    field_names = property(lambda self: [item.name for item in self.fields])
    filtered = RecordKind.filtered

    def public_url(self, officer, **options):
        """The officer's page, where the figures are shown."""
        return url_for("officers.detail", record_id=officer.id, **options)

    def published_statement(self):
        """SELECT of the published officers, by id."""
        return select(Officer).where(Officer.status == PUBLISHED).order_by(Officer.id)

    def rows(self, officers):
        """The rows of ``officers`` (a batch), their figures read in three queries."""
        figures = figures_for([officer.id for officer in officers])
        return [_row(officer, figures[officer.id]) for officer in officers]

    def row(self, officer):
        """The row of one officer."""
        return self.rows([officer])[0]


def _row(officer, figures):
    """One officer's exported row."""
    discipline = figures.discipline
    return {
        "officer_id": officer.id,
        "title": officer.title,
        "allegations": figures.allegations,
        "sustained": figures.sustained,
        "decided": figures.decided,
        "share_sustained": figures.share_sustained,
        "allegations_by_category": [f"{c.slug}:{c.count}" for c in figures.categories],
        "allegations_by_finding": [
            f"{finding}:{count}" for finding, count in figures.by_finding.items() if count
        ],
        "allegations_by_category_and_finding": [
            f"{c.slug}:{finding}:{count}"
            for c in figures.categories
            for finding, count in sorted(c.findings.items())
        ],
        "discipline": [f"{item.kind}:{item.count}" for item in discipline],
        "discipline_days": sum(item.days for item in discipline),
        "overturned_on_appeal": sum(item.overturned for item in discipline),
        "complaints": figures.complaints,
        "cases": figures.cases,
        "co_accused": [f"{other.id}:{shared}" for other, shared in figures.co_accused],
        "co_accused_total": figures.co_accused_total,
        "refused": figures.refused,
        "refused_by_channel": [
            f"{channel or 'not_recorded'}:{count}" for channel, count in figures.refusals_by_channel
        ],
    }


OFFICER_FIGURES = OfficerFiguresCollection()
