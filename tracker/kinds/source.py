"""Sources in the downloads and the API: not a record kind, but exported beside them.

A source is public once a published record cites it; its notes and storage path stay behind.
It answers the same questions a ``RecordKind`` answers for the downloads and the API.
"""

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.kinds.base import Field, RecordKind, json_value, public_id
from tracker.kinds.proceedings import choice_filter
from tracker.models import Citation, Source
from tracker.models import choices as C
from tracker.records.sources import cited_by_published

FIELDS = (
    Field("id", "integer", "Stable identifier of the source."),
    Field("title", "string", "Title."),
    Field("url", "string", "Where it can be read."),
    Field("publisher", "string", "Publisher."),
    Field("published_on", "date", "Publication date."),
    Field("source_kind", "string", "Kind of source.", tuple(C.SOURCE_KINDS)),
    Field("document_sha256", "string", "SHA-256 of the uploaded document, if any."),
    Field("record_ids", "integer list", "Ids of the published records citing it."),
)


@dataclass(frozen=True)
class SourceCollection:
    """The cited sources, as the downloads and the API serve them."""

    collection: str = "sources"
    plural: str = "Sources"
    data_label: str = ""
    api: bool = True
    fields: tuple = FIELDS
    api_filters: tuple = ()
    filter_statement: object = None

    path = "sources"
    field_names = property(lambda self: [item.name for item in self.fields])
    filtered = RecordKind.filtered

    def public_url(self, source, **options):
        """The source's public page (its publisher, date, the records citing it)."""
        return url_for("sources.detail", source_id=source.id, **options)

    def published_statement(self):
        """SELECT of the sources a published record cites, by id."""
        return (
            select(Source)
            .where(cited_by_published())
            .options(selectinload(Source.citations).selectinload(Citation.record))
            .order_by(Source.id)
        )

    def row(self, source):
        """The exported row of a cited source."""
        values = {name: getattr(source, name, None) for name in self.field_names}
        values["record_ids"] = sorted(
            {citation.record_id for citation in source.citations if public_id(citation.record)}
        )
        return {name: json_value(values[name]) for name in self.field_names}


SOURCES = SourceCollection(api_filters=(choice_filter(Source.source_kind, C.SOURCE_KINDS),))
