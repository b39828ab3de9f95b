"""Officers' careers: dated assignments (badge, rank, unit, agency), one record each."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.facts import public
from tracker.models.records import Record


class Assignment(Record):
    """One stretch of an officer's career: badge or serial, rank, unit and agency, from and to."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint(
            "ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on",
            name="ends_after_start",
        ),
    )
    __mapper_args__ = {"polymorphic_identity": "assignment"}
    # Public only while its officer is: an unpublished officer's career is theirs too.
    part_of = "officer_id"

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    officer_id: Mapped[int] = mapped_column(
        ForeignKey("officers.id", ondelete="RESTRICT"),
        index=True,
        info=public("Officer", "Id of the officer.", required=True),
    )
    badge_number: Mapped[str | None] = mapped_column(
        String(40), index=True, info=public("Badge number", search=True)
    )
    serial_number: Mapped[str | None] = mapped_column(
        String(40), info=public("Serial number", search=True)
    )
    rank: Mapped[str | None] = mapped_column(
        String(80), info=public("Rank", "Rank or job title.", search=True)
    )
    unit: Mapped[str | None] = mapped_column(
        String(120), info=public("Unit", "Unit, district or squad.", search=True)
    )
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Agency", "Id of the agency (see agencies in the downloads)."),
    )
    started_on: Mapped[date | None] = mapped_column(
        Date, info=public("From", "First day of the assignment, when known.")
    )
    ended_on: Mapped[date | None] = mapped_column(
        Date, info=public("To", "Last day of the assignment; empty while it lasts or unknown.")
    )
    note: Mapped[str | None] = mapped_column(Text, info=public("Note", "Public note."))

    officer = relationship("Officer", back_populates="assignments", foreign_keys=[officer_id])
    agency = relationship("Agency", foreign_keys=[agency_id])

    def covers(self, day):
        """True when the assignment held on ``day`` (both ends inclusive; open ends unbounded).

        An assignment with no start date is not known to cover any day: it is left out.
        """
        if day is None or self.started_on is None or day < self.started_on:
            return False
        return self.ended_on is None or day <= self.ended_on

    def compute_title(self):
        """The title "Rank, unit (badge 123)": lists tell one stretch of a career from another."""
        return assignment_title(*(getattr(self, name) for name in TITLE_FIELDS))


TITLE_FIELDS = ("rank", "unit", "badge_number", "serial_number")


def assignment_title(rank, unit, badge_number, serial_number):
    """The title "Rank, unit (badge 123)", or "Assignment" when nothing says more."""
    words = ", ".join(part for part in (rank, unit) if part) or "Assignment"
    if badge_number:
        return f"{words} (badge {badge_number})"
    return f"{words} (serial {serial_number})" if serial_number else words
