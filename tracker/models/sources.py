"""Sources (a URL, a print citation, or an uploaded document) and the citations that use them."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from tracker.models.base import AuditMixin, Base, choice_check, utcnow
from tracker.models.choices import SOURCE_KINDS, SOURCE_REVISION_ACTIONS

# Each document type's file name extension (for the generated download name) and label.
DOCUMENT_TYPES = {
    "application/pdf": ("pdf", "PDF"),
    "image/png": ("png", "PNG image"),
    "image/jpeg": ("jpg", "JPEG image"),
}


class Source(AuditMixin, Base):
    """Where a fact comes from. One source can back many records."""

    __tablename__ = "sources"
    __table_args__ = (
        Index("ix_sources_updated_at", "updated_at"),  # the page cache's data stamp: max()
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
        CheckConstraint(
            "document_reviewed_at IS NULL OR document_sha256 IS NOT NULL",
            name="document_reviewed_has_document",
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
    # Set when an editor has checked the document for private data: only then is it public.
    document_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    document_reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    notes: Mapped[str | None] = mapped_column(Text)

    citations = relationship("Citation", back_populates="source")
    document_reviewed_by = relationship("User", foreign_keys=[document_reviewed_by_id])
    revisions = relationship(
        "SourceRevision",
        back_populates="source",
        order_by="SourceRevision.id",
        cascade="all, delete-orphan",
    )

    @validates("document_sha256")
    def _new_document_is_unreviewed(self, key, value):
        """A different document needs a review of its own."""
        if self.document_sha256 is not None and value != self.document_sha256:
            self.document_reviewed_at = None
            self.document_reviewed_by_id = None
        return value

    @property
    def document_reviewed(self):
        """True when the source has a document an editor has marked reviewed for private data."""
        return self.document_sha256 is not None and self.document_reviewed_at is not None

    @property
    def document_download_name(self):
        """The name a download is saved under: never the uploader's file name."""
        return f"source-{self.id}.{DOCUMENT_TYPES[self.document_content_type][0]}"

    @property
    def document_type_label(self):
        """The document's type as people say it ("PDF", "PNG image")."""
        return DOCUMENT_TYPES[self.document_content_type][1]

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


class SourceRevision(Base):
    """One change to a source: who, when, what (today: its document reviewed or not)."""

    __tablename__ = "source_revisions"
    __table_args__ = (choice_check("action", SOURCE_REVISION_ACTIONS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(32))
    # For "edited": {"field": [old, new], ...}, values as text (dates in ISO form).
    changes: Mapped[dict | None] = mapped_column(JSON)

    source = relationship("Source", back_populates="revisions")
    user = relationship("User")

    @property
    def action_label(self):
        """What happened, as people say it."""
        return SOURCE_REVISION_ACTIONS[self.action]


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
