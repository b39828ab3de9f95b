"""Sources in the downloads and the API: not a record kind, but exported beside them.

A source is public once a published record cites it; its notes and storage path stay behind.
It answers the same questions a ``RecordKind`` answers for the downloads and the API.
"""

from dataclasses import dataclass
from functools import cache, cached_property

from flask import url_for
from sqlalchemy import bindparam, select

from tracker.extensions import db
from tracker.kinds.base import PUBLISHED, Field, RecordKind, json_value
from tracker.kinds.proceedings import choice_filter
from tracker.models import Citation, Record, Source
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
        return self._published_statement

    @cached_property
    def _published_statement(self):
        """``published_statement``, built once (its four EXISTS were a millisecond a page)."""
        return select(Source).where(cited_by_published()).order_by(Source.id)

    def rows(self, sources):
        """The exported rows of ``sources`` (a batch): the citing records' ids in one query.

        Only the ids are read (a much-cited source on a page of 25 had its hundreds of
        citations and records loaded as objects to list their ids).
        """
        citing = _citing_ids([source.id for source in sources])
        return [self._row(source, citing.get(source.id, [])) for source in sources]

    def row(self, source):
        """The exported row of a cited source."""
        return self.rows([source])[0]

    def _row(self, source, record_ids):
        """The row of ``source``, cited by the published records ``record_ids``."""
        values = {name: getattr(source, name, None) for name in self.field_names}
        values["record_ids"] = record_ids
        return {name: json_value(values[name]) for name in self.field_names}


def _citing_ids(source_ids):
    """``{source id: [ids of the published records citing it]}``, sorted, in one query."""
    if not source_ids:
        return {}
    found = {}
    for source_id, record_id in db.session.execute(_citing(), {"source_ids": source_ids}).all():
        found.setdefault(source_id, []).append(record_id)
    return found


@cache
def _citing():
    """``_citing_ids``' statement, built once, its ids bound when it runs.

    Building it (``Record.parent_published`` makes a table alias a part kind) was a third of
    the last page's time on SQLite.
    """
    return (
        select(Citation.source_id, Citation.record_id)
        .join(Record, Record.id == Citation.record_id)
        # Said here too, not left to the visibility boundary alone: only ids are read.
        .where(
            Citation.source_id.in_(bindparam("source_ids", expanding=True)),
            Record.status == PUBLISHED,
        )
        .where(Record.parent_published)
        .distinct()
        .order_by(Citation.source_id, Citation.record_id)
    )


SOURCES = SourceCollection(api_filters=(choice_filter(Source.source_kind, C.SOURCE_KINDS),))
