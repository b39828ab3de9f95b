"""Sources (a URL, a print citation, or an uploaded document) and the citations that use them."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import AuditMixin, Base, choice_check
from tracker.models.choices import SOURCE_KINDS


class Source(AuditMixin, Base):
    """Where a fact comes from. One source can back many records."""

    __tablename__ = "sources"
    __table_args__ = (
        choice_check("source_kind", SOURCE_KINDS),
        CheckConstraint(
            "document_size IS NULL OR (document_size > 0 AND document_size <= 20971520)",
            name="document_size_range",
        ),
        CheckConstraint(
            "document_content_type IS NULL OR document_content_type IN "
            "('application/pdf', 'image/png', 'image/jpeg')",
            name="document_type",
        ),
        CheckConstraint(
            "(document_sha256 IS NULL) = (document_path IS NULL)", name="document_complete"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(1000), unique=True)
    publisher: Mapped[str | None] = mapped_column(String(200))
    published_on: Mapped[date | None] = mapped_column(Date)
    source_kind: Mapped[str] = mapped_column(String(32))
    # An uploaded document: stored under instance/uploads by its checksum.
    document_path: Mapped[str | None] = mapped_column(String(300))
    document_filename: Mapped[str | None] = mapped_column(String(255))
    document_content_type: Mapped[str | None] = mapped_column(String(40))
    document_size: Mapped[int | None] = mapped_column(Integer)
    document_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    notes: Mapped[str | None] = mapped_column(Text)

    citations = relationship("Citation", back_populates="source")

    @property
    def source_kind_label(self):
        """The kind of source as people say it."""
        return SOURCE_KINDS[self.source_kind]

    def citation_text(self):
        """The source as one line of a citation list: title, publisher, date."""
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.published_on:
            parts.append(self.published_on.isoformat())
        return ", ".join(parts)


class Citation(AuditMixin, Base):
    """A record cites a source, optionally with the quoted passage or page."""

    __tablename__ = "citations"
    __table_args__ = (UniqueConstraint("record_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=1)
    locator: Mapped[str | None] = mapped_column(String(200))  # page, paragraph, timestamp
    quote: Mapped[str | None] = mapped_column(Text)

    record = relationship("Record", back_populates="citations")
    source = relationship("Source", back_populates="citations")

    def revision_parent(self):
        """The record whose history notes this citation."""
        return self.record

    def revision_label(self):
        """How the citation reads in a revision."""
        return self.source.title if self.source else f"source {self.source_id}"
