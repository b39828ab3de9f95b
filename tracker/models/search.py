"""The search index: one row per published record, kept current by a session hook.

Only public text goes in (see ``tracker/search/index.py``). The database adds its own full-text
machinery in the migration: an FTS5 table fed by triggers on SQLite, a generated ``tsvector``
column with a GIN index on PostgreSQL. Neither is mapped here, so ``include_object`` tells
Alembic's comparison to leave them alone.
"""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base, utcnow

# Database objects the migration creates outside the models (full-text machinery).
UNMAPPED_SEARCH_OBJECTS = {"tsv", "ix_search_documents_tsv"}
# Expression indexes the migrations create by hand (SQLAlchemy cannot reflect them on SQLite):
# ``ix_cases_newest`` is the case list's default order (see the cost-at-scale migration).
UNMAPPED_INDEXES = {"ix_cases_newest"}


class SearchDocument(Base):
    """The searchable public text of one published record and where its public page is."""

    __tablename__ = "search_documents"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    kind: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    # The public page that shows the record: an endpoint and its key (id or demand number).
    page_endpoint: Mapped[str | None] = mapped_column(String(40))
    page_key: Mapped[int | None] = mapped_column(Integer)
    # The part of that page the record is (``record-12``, ``person-3``), when it is a part.
    anchor: Mapped[str | None] = mapped_column(String(40))
    # One anchor per line of ``body`` ("" for the record's own fields): a hit in a timeline
    # entry leads to that entry.
    part_anchors: Mapped[str | None] = mapped_column(Text)
    # The year the record is dated by (a case's date, a complaint's filing), for narrowing.
    year: Mapped[int | None] = mapped_column(Integer)
    indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def include_object(obj, name, type_, reflected, compare_to):
    """Alembic hook: skip the full-text objects the migration creates by hand."""
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    if type_ == "index" and name in UNMAPPED_INDEXES:
        return False
    return not (name in UNMAPPED_SEARCH_OBJECTS and compare_to is None)
