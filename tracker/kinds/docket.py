"""Docket entries in the downloads and the API: parts of legal actions, exported beside them.

A docket entry is public when its legal action is published. Its legal action's row names its
entries (``docket_entry_ids``) and its next court date; this collection carries the entries
themselves, one row each, so a spreadsheet or a calendar reads dates without unpacking a cell.
"""

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import and_, select
from sqlalchemy.orm import contains_eager

from tracker.kinds.base import Field, Filter, RecordKind, json_value, public_id
from tracker.kinds.case_filters import published_id
from tracker.kinds.proceedings import choice_filter
from tracker.models import DocketEntry, LegalAction
from tracker.models import choices as C
from tracker.models.choices import PUBLISHED

FIELDS = (
    Field("id", "integer", "Stable identifier of the docket entry."),
    Field("legal_action_id", "integer", "Id of the legal action (see legal_actions)."),
    Field("case_id", "integer", "Id of the legal action's case, if any."),
    Field("entry_kind", "string", "What the entry records.", tuple(C.DOCKET_ENTRY_KINDS)),
    Field("entry_on", "date", "The day: when it was filed or ruled, or is due or heard."),
    Field("entry_time", "string", "The time of day (HH:MM, local), for a hearing, if known."),
    Field("place", "string", "Where a hearing is held, if known."),
    Field("description", "string", "What the entry says, in short."),
    Field("source_id", "integer", "Id of the source it comes from (see sources)."),
    Field("updated_at", "datetime", "When it last changed (UTC)."),
)


@dataclass(frozen=True)
class DocketCollection:
    """The docket entries of published legal actions, as the downloads and the API serve them."""

    collection: str = "docket_entries"
    plural: str = "Docket entries"
    data_label: str = "Docket entries (court dates of the legal actions)"
    api: bool = True
    fields: tuple = FIELDS
    api_filters: tuple = ()
    filter_statement: object = None

    path = "docket-entries"
    field_names = property(lambda self: [item.name for item in self.fields])
    filtered = RecordKind.filtered

    def public_url(self, entry, **options):
        """The entry on its legal action's case page, when the action belongs to a case."""
        case = entry.legal_action.case if entry.legal_action else None
        if case is None or case.status != PUBLISHED:
            return None
        return url_for("cases.detail", record_id=case.id, _anchor=f"docket-{entry.id}", **options)

    def published_statement(self):
        """SELECT of the docket entries of published legal actions, by id."""
        return (
            select(DocketEntry)
            .join(LegalAction, LegalAction.id == DocketEntry.legal_action_id)
            .where(LegalAction.status == PUBLISHED)
            .options(contains_eager(DocketEntry.legal_action).selectinload(LegalAction.case))
            .order_by(DocketEntry.id)
        )

    def row(self, entry):
        """The exported row of a docket entry."""
        values = {name: getattr(entry, name, None) for name in self.field_names}
        values["case_id"] = public_id(entry.legal_action.case) if entry.legal_action else None
        return {name: json_value(values[name]) for name in self.field_names}


DOCKET_ENTRIES = DocketCollection(
    api_filters=(
        Filter(
            "legal_action",
            "Only entries of this legal action id.",
            lambda value: and_(DocketEntry.legal_action_id == value, published_id(value)),
        ),
        choice_filter(DocketEntry.entry_kind, C.DOCKET_ENTRY_KINDS),
    )
)
