"""The shared record base: one lifecycle, version counter, demand links and revisions.

Every record kind (petition, demand, agency, officer, person, case, complaint, investigation,
duty event, legal action) is a row in ``records`` plus a row in its own table (joined-table
inheritance), so publishing, history, citations, demand links and search work the same way for
all of them.
"""

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    exists,
    inspect,
    or_,
    true,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from tracker.models.base import AuditMixin, Base, choice_check, utcnow
from tracker.models.choices import PUBLISHED, RECORD_STATUSES, REVISION_ACTIONS
from tracker.models.facts import PrivateFields, bookkeeping, public


class Record(AuditMixin, Base):
    """What every record kind shares: title, slug, lifecycle, version and audit columns."""

    __tablename__ = "records"
    __table_args__ = (
        choice_check("status", RECORD_STATUSES),
        UniqueConstraint("kind", "slug"),
        Index("ix_records_kind_status", "kind", "status"),
        Index("ix_records_updated_at", "updated_at"),  # "recently updated" lists and the feed
        # The newest published records (front page, feed), walked in order, not sorted.
        Index("ix_records_status_updated_at", "status", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(
        primary_key=True,
        info=bookkeeping("Id", "Stable identifier of the record (never reused).", public=True),
    )
    kind: Mapped[str] = mapped_column(String(32), info=bookkeeping("Kind", public=True))
    title: Mapped[str] = mapped_column(
        String(300), info=public("Title", "Title of the record.", required=True)
    )
    slug: Mapped[str] = mapped_column(String(120), info=bookkeeping("Slug", public=True))
    summary: Mapped[str | None] = mapped_column(
        Text, info=public("Summary", "Short public summary.", search=True)
    )
    status: Mapped[str] = mapped_column(
        String(32), default="draft", index=True, info=bookkeeping("Status", public=True)
    )
    version: Mapped[int] = mapped_column(
        Integer,
        default=1,
        info=bookkeeping(
            "Version", "Edit counter: goes up by one with every saved change.", public=True
        ),
    )
    review_comment: Mapped[str | None] = mapped_column(Text, info=bookkeeping("Review comment"))
    submitted_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info=bookkeeping("Submitted at")
    )
    published_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        index=True,
        info=bookkeeping("Published at", "When it was first published (UTC).", public=True),
    )

    created_by = relationship("User", foreign_keys="Record.created_by_id")
    updated_by = relationship("User", foreign_keys="Record.updated_by_id")
    citations = relationship(
        "Citation",
        back_populates="record",
        order_by="Citation.position",
        cascade="all, delete-orphan",
    )
    demand_links = relationship(
        "DemandLink",
        back_populates="record",
        foreign_keys="DemandLink.record_id",
        cascade="all, delete-orphan",
    )
    external_ids = relationship(
        "ExternalId",
        back_populates="record",
        order_by="(ExternalId.scheme, ExternalId.value)",
        cascade="all, delete-orphan",
    )
    revisions = relationship(
        "Revision",
        back_populates="record",
        order_by="Revision.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {
        "polymorphic_on": "kind",
        "version_id_col": version,
    }

    # The column naming the record this kind is part of (an allegation's complaint), or None.
    # The public sees a part only while that record is published too (``records.visibility``).
    part_of = None
    # Field names that never leave the workspace: every column not marked public.
    private_fields = PrivateFields()
    # Fields the revision log ignores: bookkeeping, not content.
    untracked_fields = ("version", "updated_at", "updated_by_id", "created_at", "created_by_id")

    def __init__(self, **fields):
        """Start as a draft, so the workflow can run before the first flush."""
        fields.setdefault("status", "draft")
        super().__init__(**fields)

    @hybrid_property
    def parent_published(self):
        """True unless this record is part of another (``part_of``) that is not published."""
        parent_id = getattr(self, self.part_of) if self.part_of else None
        if parent_id is None:
            return True
        parent = object_session(self).get(Record, parent_id)
        return parent is not None and parent.status == PUBLISHED

    @parent_published.inplace.expression
    @classmethod
    def _parent_published_expression(cls):
        """In SQL on ``cls`` (``Record``, a kind, or an alias of either).

        Rows of a kind that is part of another record pass only while that record is published:
        a correlated EXISTS on primary keys, on Core aliases so no ORM criteria nest inside it.
        A kind that is no part (a case) gets ``true``, so its queries and plans are unchanged;
        ``Record`` itself (and ``with_polymorphic``) gets each part kind's test behind a test
        of ``kind``.
        """
        mapper = inspect(cls).mapper
        parts = [each for each in mapper.self_and_descendants if each.class_.part_of]
        conditions = []
        for part_mapper in parts:
            model = part_mapper.class_
            part, parent = model.__table__.alias(), Record.__table__.alias("published_parent")
            column = part.c[getattr(model, model.part_of).key]
            published = exists().where(
                part.c.id == cls.id, parent.c.id == column, parent.c.status == PUBLISHED
            )
            if part_mapper is not mapper:
                published = or_(cls.kind != part_mapper.polymorphic_identity, published)
            conditions.append(published)
        return and_(true(), *conditions)

    @property
    def is_published(self):
        """True when the public may see this record."""
        return self.status == PUBLISHED

    @property
    def kind_label(self):
        """The record kind as people say it (declared by its kind)."""
        from tracker.kinds import kind_of  # the kinds are declared over the models

        return kind_of(self).label

    def compute_title(self):
        """Return the title derived from the record's own fields, or None to keep the typed one."""
        return None

    def __repr__(self):
        """Show kind, id and title, for logs and the shell."""
        return f"<{type(self).__name__} {self.id} {self.title!r}>"


class DemandLink(AuditMixin, Base):
    """A record bears on a demand; the note says how."""

    __tablename__ = "demand_links"
    __table_args__ = (
        UniqueConstraint("record_id", "demand_id"),
        CheckConstraint("record_id <> demand_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), index=True)
    note: Mapped[str | None] = mapped_column(Text)

    record = relationship("Record", back_populates="demand_links", foreign_keys=[record_id])
    demand = relationship("Demand", back_populates="links", foreign_keys=[demand_id])

    def revision_parent(self):
        """The record whose history notes a change to this link."""
        return self.record

    def revision_label(self):
        """How the link reads in a revision."""
        number = self.demand.number if self.demand else self.demand_id
        return f"demand {number}" + (f": {self.note}" if self.note else "")


class Revision(Base):
    """One change to a record: who, when, what action, and each field's old and new value."""

    __tablename__ = "revisions"
    __table_args__ = (choice_check("action", REVISION_ACTIONS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    # {"field": [old, new], ...}; values are JSON-safe renderings (dates as ISO strings).
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    # Field names in ``changes`` that are private: kept off every public change list.
    private_changes: Mapped[list] = mapped_column(JSON, default=list)
    comment: Mapped[str | None] = mapped_column(Text)

    record = relationship("Record", back_populates="revisions")
    user = relationship("User")

    @property
    def public_changes(self):
        """The changed field names the public may see."""
        return [name for name in self.changes if name not in self.private_changes]
