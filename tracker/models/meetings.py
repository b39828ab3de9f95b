"""Public meetings of a body (the Board of Police Commissioners): date, place, agenda items."""

from datetime import date, time

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import AuditMixin, Base
from tracker.models.facts import public
from tracker.models.records import Record


class Meeting(Record):
    """A public meeting of a body, with its agenda items; demands and sources as every record."""

    __tablename__ = "meetings"
    __mapper_args__ = {"polymorphic_identity": "meeting"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    body_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Body", "Id of the body that met (an agency)."),
    )
    # Indexed: the calendar and the demand pages read meetings by day.
    meets_on: Mapped[date | None] = mapped_column(
        Date, index=True, info=public("Date", "The day of the meeting.", ahead=True)
    )
    starts_at: Mapped[time | None] = mapped_column(
        Time, info=public("Time", "When it started (local time), if known.", hint="HH:MM.")
    )
    place: Mapped[str | None] = mapped_column(
        String(300), info=public("Place", "Where it was held.", search=True)
    )

    body = relationship("Agency", foreign_keys=[body_id])
    agenda = relationship(
        "AgendaItem",
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="(AgendaItem.position, AgendaItem.id)",
    )


class AgendaItem(AuditMixin, Base):
    """One item of a meeting's agenda: what was said, any vote, the case it bears on."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint(
            "(votes_for IS NULL OR votes_for >= 0) AND (votes_against IS NULL OR "
            "votes_against >= 0) AND (abstentions IS NULL OR abstentions >= 0)",
            name="votes_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    discussion: Mapped[str | None] = mapped_column(Text)  # what was said
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)
    vote: Mapped[str | None] = mapped_column(String(300))  # the vote in words ("passed 4-1")
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )

    meeting = relationship("Meeting", back_populates="agenda")
    case = relationship("Case", foreign_keys=[case_id])

    @property
    def has_vote(self):
        """True when a vote is on record (counts or words)."""
        counts = (self.votes_for, self.votes_against, self.abstentions)
        return bool(self.vote) or any(count is not None for count in counts)

    @property
    def vote_summary(self):
        """The vote as people read it: "4 for, 1 against, 0 abstaining; passed", or None."""
        counts = [
            f"{number} {word}"
            for number, word in (
                (self.votes_for, "for"),
                (self.votes_against, "against"),
                (self.abstentions, "abstaining"),
            )
            if number is not None
        ]
        words = ", ".join(counts)
        if self.vote:
            words = f"{words}; {self.vote}" if words else self.vote
        return words or None

    def revision_parent(self):
        """The meeting whose history notes this change."""
        return self.meeting

    def revision_label(self):
        """How the item reads in a revision."""
        return self.title
