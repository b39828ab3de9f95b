"""Records requests under a records law, and the dated history of what came of each."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.deadlines.laws import DEFAULT_LAW, LAW_CHOICES
from tracker.models.base import AuditMixin, Base, choice_check
from tracker.models.choices import REQUEST_EVENT_KINDS, REQUEST_SENT_BY, REQUEST_STATUSES
from tracker.models.facts import facts, private, public
from tracker.models.records import Record


def computed_here(label, doc, choices=None):
    """Facts of a public column the deadline rule fills in (never typed, never imported)."""
    return facts(label, doc, public=True, imported=False, choices=choices)


class RecordsRequest(Record):
    """A request for public records: of whom, what, when and how, and what came back.

    ``due_on``, ``request_status``, ``answered_on`` and ``answered_late`` are the deadline rule's
    answer (``tracker.deadlines``), stored when the request or its history changes so the
    calendar can ask SQL for what is overdue.
    """

    __tablename__ = "records_requests"
    __table_args__ = (
        choice_check("sent_by", REQUEST_SENT_BY),
        choice_check("law", LAW_CHOICES),
        choice_check("request_status", REQUEST_STATUSES),
    )
    __mapper_args__ = {"polymorphic_identity": "records_request"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    custodian_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Custodian", "Id of the agency whose custodian of records was asked."),
    )
    asked: Mapped[str | None] = mapped_column(
        Text,
        info=public(
            "What was asked", "The records asked for, as the request words it.", search=True
        ),
    )
    sent_by: Mapped[str] = mapped_column(
        String(16),
        default="unknown",
        info=public("Sent by", "How the request was sent.", choices=REQUEST_SENT_BY),
    )
    sent_on: Mapped[date | None] = mapped_column(
        Date, index=True, info=public("Sent on", "The date the request was sent.")
    )
    received_on: Mapped[date | None] = mapped_column(
        Date,
        info=public("Received on", "The date the custodian received it, when known."),
    )
    law: Mapped[str] = mapped_column(
        String(32),
        default=DEFAULT_LAW,
        info=public("Law", "The records law the request relies on.", choices=LAW_CHOICES),
    )
    reference_number: Mapped[str | None] = mapped_column(
        String(80),
        info=public("Reference number", "The custodian's tracking number.", search=True),
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"),
        index=True,
        info=public("Case", "Id of the case it bears on."),
    )
    # The requester is private unless they chose to be named (the kind exports that rule).
    requester_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"),
        index=True,
        info=private("Requester", imported=False),
    )
    requester_is_public: Mapped[bool] = mapped_column(
        default=False, info=private("Requester chose to be named", imported=False)
    )
    private_notes: Mapped[str | None] = mapped_column(
        Text, info=private("Private notes", "Contact made, follow-ups: never published.")
    )
    due_on: Mapped[date | None] = mapped_column(
        Date,
        index=True,
        info=computed_here("Due on", "The date an answer is due (or was last due), computed."),
    )
    request_status: Mapped[str] = mapped_column(
        String(32),
        default="sent",
        index=True,
        info=computed_here(
            "Status", "What the history says, computed from its last step.", REQUEST_STATUSES
        ),
    )
    answered_on: Mapped[date | None] = mapped_column(
        Date, info=computed_here("Answered on", "The date of the first answer, computed.")
    )
    answered_late: Mapped[bool | None] = mapped_column(
        info=computed_here("Answered late", "True when the custodian acted after the deadline.")
    )

    custodian = relationship("Agency", foreign_keys=[custodian_id])
    requester = relationship("Person", foreign_keys=[requester_id])
    case = relationship("Case", foreign_keys=[case_id], backref="records_requests")
    events = relationship(
        "RequestEvent",
        back_populates="request",
        cascade="all, delete-orphan",
        order_by="(RequestEvent.occurred_on, RequestEvent.id)",
    )


class RequestEvent(AuditMixin, Base):
    """One dated step of a records request: acknowledged, delayed, released, denied, ..."""

    __tablename__ = "request_events"
    __table_args__ = (choice_check("event_kind", REQUEST_EVENT_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("records_requests.id", ondelete="CASCADE"), index=True
    )
    occurred_on: Mapped[date | None] = mapped_column(Date)
    event_kind: Mapped[str] = mapped_column(String(32))
    # A delay notice must give "the earliest time and date that the record will be available".
    available_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))  # a fee estimate
    exemption: Mapped[str | None] = mapped_column(String(300))  # the exemption a denial cites
    note: Mapped[str | None] = mapped_column(Text)  # the reason given, what was released
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))

    request = relationship("RecordsRequest", back_populates="events")
    source = relationship("Source")

    @property
    def label(self):
        """The step as people say it."""
        return REQUEST_EVENT_KINDS.get(self.event_kind, self.event_kind)

    def revision_parent(self):
        """The request whose history notes this change."""
        return self.request

    def revision_label(self):
        """How the step reads in a revision."""
        return f"{self.occurred_on or 'date unknown'}: {self.label}"
