"""Background jobs and stored files: what a job is doing, and the bytes every server can read.

A ``DocumentBlob`` is a file named by its SHA-256 (uploaded documents, a job's result): kept in
the database by default, or only described here when the S3-compatible store holds its bytes.
A ``Job`` is one piece of long work (a large report, an import, a reindex, a download): its
state and progress are rows, so its page survives a reload and any server can show it.
"""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base, choice_check, utcnow

JOB_STATES = ("queued", "running", "done", "failed")
BLOB_LOCATIONS = ("database", "s3")


class DocumentBlob(Base):
    """The bytes of one file, content-addressed: the same file is stored once."""

    __tablename__ = "document_blobs"
    __table_args__ = (choice_check("location", BLOB_LOCATIONS),)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(80))
    location: Mapped[str] = mapped_column(String(16), default="database")
    # deferred: listing or checking blobs never drags megabytes out of the database
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Job(Base):
    """One background job: its kind, parameters, progress and result."""

    __tablename__ = "jobs"
    __table_args__ = (choice_check("state", JOB_STATES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The job's address: unguessable, so a public report job is readable only by whoever
    # asked for it (or was given the link).
    token: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    # What the job stands for (e.g. a report's filters and the data stamp): a second request
    # for the same thing finds this job instead of starting another.
    key: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(String(200))
    params: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    state: Mapped[str] = mapped_column(String(16), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message: Mapped[str | None] = mapped_column(Text)  # what it did, or why it failed
    result_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("document_blobs.sha256", ondelete="SET NULL"), nullable=True
    )
    result_filename: Mapped[str | None] = mapped_column(String(200))
