"""A legal action's docket: its dated entries (filing, hearing, ruling, order, appeal deadline)."""

from datetime import date, time

from sqlalchemy import Date, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import AuditMixin, Base, choice_check
from tracker.models.choices import DOCKET_ENTRY_KINDS


class DocketEntry(AuditMixin, Base):
    """One dated entry on a legal action's docket, with the source it comes from.

    A part of its legal action (edited with it, noted in its revisions); public when the
    legal action is. ``entry_on`` is indexed: the calendar reads court dates by day.
    """

    __tablename__ = "docket_entries"
    __table_args__ = (choice_check("entry_kind", DOCKET_ENTRY_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_action_id: Mapped[int] = mapped_column(
        ForeignKey("legal_actions.id", ondelete="CASCADE"), index=True
    )
    entry_kind: Mapped[str] = mapped_column(String(32))
    entry_on: Mapped[date] = mapped_column(Date, index=True)
    entry_time: Mapped[time | None] = mapped_column(Time)  # a hearing's start, when known
    place: Mapped[str | None] = mapped_column(String(300))  # a hearing's courtroom
    description: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )

    legal_action = relationship("LegalAction", back_populates="docket")
    source = relationship("Source")

    def revision_parent(self):
        """The legal action whose history notes this change."""
        return self.legal_action

    def revision_label(self):
        """How the entry reads in a revision."""
        kind = DOCKET_ENTRY_KINDS.get(self.entry_kind, self.entry_kind)
        return f"{self.entry_on or 'date unknown'} {kind}: {self.description}"
