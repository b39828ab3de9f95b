"""The campaign: petitions, their numbered demands, demand status history, coalition groups."""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import AuditMixin, Base, choice_check, utcnow
from tracker.models.choices import DEMAND_INDICATORS, DEMAND_STATUSES
from tracker.models.facts import public
from tracker.models.records import Record

petition_organizations = Table(
    "petition_organizations",
    Base.metadata,
    Column("petition_id", ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
)


class Organization(AuditMixin, Base):
    """A coalition group behind a petition (e.g. the NAACP Kansas City branch)."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(60))
    url: Mapped[str | None] = mapped_column(String(500))


class Petition(Record):
    """A campaign with numbered demands; the tracker can hold more than one."""

    __tablename__ = "petitions"
    __table_args__ = (
        CheckConstraint("signature_goal IS NULL OR signature_goal > 0", name="goal_positive"),
    )
    __mapper_args__ = {"polymorphic_identity": "petition"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    # Markdown, sanitized when shown.
    body: Mapped[str | None] = mapped_column(
        Text, info=public("Text", "Text of the petition in Markdown.", search=True)
    )
    started_on: Mapped[date | None] = mapped_column(
        Date, info=public("Started on", "When it started.")
    )
    signature_goal: Mapped[int | None] = mapped_column(
        Integer, info=public("Signature goal", exported=False)
    )
    url: Mapped[str | None] = mapped_column(
        String(500), info=public("Web address", "Where it is published.")
    )

    organizations = relationship(
        "Organization", secondary=petition_organizations, order_by="Organization.name"
    )
    demands = relationship(
        "Demand",
        back_populates="petition",
        foreign_keys="Demand.petition_id",
        order_by="Demand.number",
    )


class Demand(Record):
    """One numbered demand of a petition, with its current status and status history."""

    __tablename__ = "demands"
    __table_args__ = (
        UniqueConstraint("petition_id", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        choice_check("demand_status", DEMAND_STATUSES),
        choice_check("indicator", DEMAND_INDICATORS),
    )
    __mapper_args__ = {"polymorphic_identity": "demand"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="RESTRICT"),
        info=public("Petition", "Id of the petition."),
    )
    number: Mapped[int] = mapped_column(
        Integer, info=public("Number", "The demand's number in its petition.")
    )
    short_title: Mapped[str] = mapped_column(String(120), info=public("Short title", search=True))
    text: Mapped[str] = mapped_column(
        Text, info=public("Text", "The demand as the petition words it.", search=True)
    )
    demand_status: Mapped[str] = mapped_column(
        String(32),
        default="not_met",
        info=public("Status", "Current status.", choices=DEMAND_STATUSES),
    )
    indicator: Mapped[str] = mapped_column(
        String(32),
        default="none",
        info=public("Indicator", choices=DEMAND_INDICATORS, exported=False),
    )

    petition = relationship("Petition", back_populates="demands", foreign_keys=[petition_id])
    status_changes = relationship(
        "DemandStatusChange",
        back_populates="demand",
        order_by="(DemandStatusChange.changed_on, DemandStatusChange.id)",
        cascade="all, delete-orphan",
    )
    links = relationship(
        "DemandLink",
        back_populates="demand",
        foreign_keys="DemandLink.demand_id",
        cascade="all, delete-orphan",
    )

    def compute_title(self):
        """A demand's title is its number and short title."""
        return f"Demand {self.number}: {self.short_title}"


class DemandStatusChange(AuditMixin, Base):
    """A dated entry in a demand's status history, with the source that shows it."""

    __tablename__ = "demand_status_changes"
    __table_args__ = (choice_check("status", DEMAND_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(32))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    # Indexed: a source's page lists the parts citing it (``tracker.records.sources``).
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    demand = relationship("Demand", back_populates="status_changes")
    source = relationship("Source")

    @property
    def status_label(self):
        """The status as people say it."""
        return DEMAND_STATUSES[self.status]

    def revision_parent(self):
        """The demand whose history notes this entry."""
        return self.demand

    def revision_label(self):
        """How the entry reads in a revision."""
        return f"{self.changed_on}: {DEMAND_STATUSES.get(self.status, self.status)}"
