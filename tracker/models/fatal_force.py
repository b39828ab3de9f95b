"""What a reconciliation with The Washington Post's Fatal Force database keeps.

An editor's decision on each proposed match (a Post row and a tracker case: confirmed or
rejected) and, per Post agency, the last run's figures (the demand page cites them with the
date of the Post's data). The Post's rows themselves are not stored: they are read from its
files on each run.
"""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, choice_check, utcnow

MATCH_DECISIONS = {"confirmed": "Confirmed", "rejected": "Rejected"}


class FatalForceDecision(Base):
    """An editor's word on one proposed match: this Post row is (not) this case."""

    __tablename__ = "fatal_force_decisions"
    __table_args__ = (
        UniqueConstraint("post_id", "case_id"),
        choice_check("decision", MATCH_DECISIONS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(Integer, index=True)  # the Post's row id
    agency_id: Mapped[int] = mapped_column(Integer, index=True)  # the Post's agency id
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str | None] = mapped_column(String(300))  # what the editor saw
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case = relationship("Case")
    decided_by = relationship("User")


class FatalForceRun(Base):
    """The last reconciliation of one Post agency: its figures and the date of the data."""

    __tablename__ = "fatal_force_runs"

    agency_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    agency_name: Mapped[str] = mapped_column(String(200))
    rows: Mapped[int] = mapped_column(Integer)  # the Post's rows for the agency
    matched: Mapped[int] = mapped_column(Integer)  # with a confirmed or proposed case
    confirmed: Mapped[int] = mapped_column(Integer)
    missing: Mapped[int] = mapped_column(Integer)
    unlisted: Mapped[int] = mapped_column(Integer)  # tracker cases the Post does not list
    data_through: Mapped[date | None] = mapped_column(Date)  # the latest date in the Post's file
    ran_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
