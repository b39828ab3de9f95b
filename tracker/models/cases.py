"""Cases (incidents): the people and officers involved, tags and a dated timeline."""

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import AuditMixin, Base, choice_check
from tracker.models.choices import (
    CASE_KINDS,
    CASE_OFFICER_ROLES,
    CASE_OUTCOMES,
    CASE_PERSON_ROLES,
    DATE_PRECISIONS,
)
from tracker.models.facts import public
from tracker.models.records import Record

case_tags = Table(
    "case_tags",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    """A free label on cases (e.g. "traffic stop"), unique by slug."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)


class Case(Record):
    """An incident, such as an excessive-force case."""

    __tablename__ = "cases"
    __table_args__ = (
        choice_check("case_kind", CASE_KINDS),
        choice_check("outcome", CASE_OUTCOMES),
        choice_check("date_precision", DATE_PRECISIONS),
    )
    __mapper_args__ = {"polymorphic_identity": "case"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    occurred_on: Mapped[date | None] = mapped_column(
        Date, index=True, info=public("Date", "When it happened (see date_precision).")
    )
    date_precision: Mapped[str] = mapped_column(
        String(16),
        default="day",
        info=public(
            "Date precision",
            "How precise occurred_on is.",
            choices=DATE_PRECISIONS,
            hint="day (default), month, year or unknown.",
        ),
    )
    place: Mapped[str | None] = mapped_column(
        String(300), info=public("Place", "Where it happened.", search=True)
    )
    case_kind: Mapped[str] = mapped_column(
        String(32),
        index=True,
        info=public("Kind", "Kind of incident.", choices=CASE_KINDS, search=True, required=True),
    )
    outcome: Mapped[str] = mapped_column(
        String(32),
        default="unknown",
        index=True,
        info=public(
            "Outcome",
            "Outcome for the person subjected to force.",
            choices=CASE_OUTCOMES,
            search=True,
        ),
    )
    # Markdown, sanitized when shown.
    narrative: Mapped[str | None] = mapped_column(
        Text, info=public("Narrative", "Narrative in Markdown.", search=True, hint="Markdown.")
    )

    people = relationship(
        "CasePerson", back_populates="case", cascade="all, delete-orphan", order_by="CasePerson.id"
    )
    officers = relationship(
        "CaseOfficer",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="CaseOfficer.id",
    )
    tags = relationship("Tag", secondary=case_tags, order_by="Tag.name")
    timeline = relationship(
        "TimelineEvent",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="(TimelineEvent.occurred_on, TimelineEvent.id)",
    )


class CasePerson(AuditMixin, Base):
    """A person's role in a case."""

    __tablename__ = "case_people"
    __table_args__ = (
        UniqueConstraint("case_id", "person_id", "role"),
        choice_check("role", CASE_PERSON_ROLES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(32))

    case = relationship("Case", back_populates="people", foreign_keys=[case_id])
    person = relationship("Person", foreign_keys=[person_id])

    def revision_parent(self):
        """The case whose history notes this change."""
        return self.case

    def revision_label(self):
        """How the entry reads in a revision (public name only)."""
        name = self.person.public_name if self.person else self.person_id
        return f"{name} ({CASE_PERSON_ROLES.get(self.role, self.role)})"


class CaseOfficer(AuditMixin, Base):
    """An officer's role in a case."""

    __tablename__ = "case_officers"
    __table_args__ = (
        UniqueConstraint("case_id", "officer_id", "role"),
        choice_check("role", CASE_OFFICER_ROLES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    officer_id: Mapped[int] = mapped_column(
        ForeignKey("officers.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(32))

    case = relationship("Case", back_populates="officers", foreign_keys=[case_id])
    officer = relationship("Officer", foreign_keys=[officer_id])

    def revision_parent(self):
        """The case whose history notes this change."""
        return self.case

    def revision_label(self):
        """How the entry reads in a revision."""
        name = self.officer.title if self.officer else self.officer_id
        return f"{name} ({CASE_OFFICER_ROLES.get(self.role, self.role)})"


class TimelineEvent(AuditMixin, Base):
    """A dated event in a case's timeline."""

    __tablename__ = "timeline_events"
    __table_args__ = (choice_check("date_precision", DATE_PRECISIONS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    occurred_on: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(16), default="day")
    description: Mapped[str] = mapped_column(Text)
    # Indexed: a source's page lists the parts citing it (``tracker.records.sources``).
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )

    case = relationship("Case", back_populates="timeline")
    source = relationship("Source")

    def revision_parent(self):
        """The case whose history notes this change."""
        return self.case

    def revision_label(self):
        """How the event reads in a revision."""
        return f"{self.occurred_on or 'date unknown'}: {self.description}"
