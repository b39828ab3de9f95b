"""What follows an incident: complaints, investigations, duty events and legal actions."""

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, choice_check
from tracker.models.choices import (
    COMPLAINT_ACCEPTANCE,
    COMPLAINT_CHANNEL_DEFINITIONS,
    COMPLAINT_CHANNELS,
    COMPLAINT_KINDS,
    DATE_PRECISIONS,
    DUTY_EVENT_KINDS,
    INVESTIGATION_FINDINGS,
    INVESTIGATION_SCOPES,
    INVESTIGATION_STATUSES,
    LEGAL_ACTION_KINDS,
    LEGAL_ACTION_STATUSES,
)
from tracker.models.facts import private, public
from tracker.models.records import Record


def _officer_table(name, owner_table):
    """Return an association table between ``owner_table`` rows and officers."""
    owner_column = f"{owner_table[:-1]}_id"
    return Table(
        name,
        Base.metadata,
        Column(owner_column, ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), primary_key=True),
        Column(
            "officer_id",
            ForeignKey("officers.id", ondelete="RESTRICT"),
            primary_key=True,
            index=True,
        ),
    )


complaint_officers = _officer_table("complaint_officers", "complaints")
investigation_officers = _officer_table("investigation_officers", "investigations")
legal_action_officers = _officer_table("legal_action_officers", "legal_actions")

duty_event_investigations = Table(
    "duty_event_investigations",
    Base.metadata,
    Column("duty_event_id", ForeignKey("duty_events.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "investigation_id",
        ForeignKey("investigations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class Complaint(Record):
    """A complaint against the department: who filed it where, and what became of it."""

    __tablename__ = "complaints"
    __table_args__ = (
        choice_check("complaint_kind", COMPLAINT_KINDS),
        choice_check("acceptance", COMPLAINT_ACCEPTANCE),
        choice_check("channel", COMPLAINT_CHANNELS, nullable=True),
        UniqueConstraint("filed_with_id", "reference_number"),
    )
    __mapper_args__ = {"polymorphic_identity": "complaint"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    filed_on: Mapped[date | None] = mapped_column(
        Date, index=True, info=public("Filed on", "When the complaint was filed.")
    )
    complaint_kind: Mapped[str] = mapped_column(
        String(32),
        index=True,
        info=public("Kind", "Administrative or criminal.", choices=COMPLAINT_KINDS, required=True),
    )
    filed_with_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Filed with", "Id of the agency it was filed with."),
    )
    reference_number: Mapped[str | None] = mapped_column(
        String(80), info=public("Reference number", "The agency's reference number.", search=True)
    )
    acceptance: Mapped[str] = mapped_column(
        String(32),
        default="pending",
        index=True,
        info=public("Acceptance", "Whether the agency accepted it.", choices=COMPLAINT_ACCEPTANCE),
    )
    acceptance_reason: Mapped[str | None] = mapped_column(
        Text, info=public("Reason given", "The reason the agency gave.", search=True)
    )
    # How it was brought, and who refused it or left it unanswered, when (demand 1).
    channel: Mapped[str | None] = mapped_column(
        String(32),
        index=True,
        info=public(
            "How it was brought",
            "How the complaint was brought to the agency (blank: not recorded).",
            choices=COMPLAINT_CHANNELS,
            definitions=COMPLAINT_CHANNEL_DEFINITIONS,
        ),
    )
    refused_by_agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Refused by (unit)", "Id of the unit (agency) that refused or did not answer."),
    )
    refused_by_officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("officers.id", ondelete="RESTRICT"),
        index=True,
        info=public("Refused by (officer)", "Id of the officer who refused or did not answer."),
    )
    refused_on: Mapped[date | None] = mapped_column(
        Date, info=public("Refused on", "When it was refused (or when an answer was due).")
    )
    description: Mapped[str | None] = mapped_column(
        Text, info=public("Description", "Public description.", search=True)
    )
    # The complainant is private unless they agreed to be named (the kind exports that rule).
    complainant_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"),
        index=True,
        info=private("Complainant", imported=False),
    )
    complainant_is_public: Mapped[bool] = mapped_column(
        default=False, info=private("Complainant agreed to be named", imported=False)
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"),
        index=True,
        info=public("Case", "Id of the case."),
    )

    complainant = relationship("Person", foreign_keys=[complainant_id])
    case = relationship("Case", foreign_keys=[case_id], backref="complaints")
    filed_with = relationship("Agency", foreign_keys=[filed_with_id])
    refused_by_agency = relationship("Agency", foreign_keys=[refused_by_agency_id])
    refused_by_officer = relationship("Officer", foreign_keys=[refused_by_officer_id])
    officers = relationship("Officer", secondary=complaint_officers, order_by="Officer.name")
    allegations = relationship(
        "Allegation",
        back_populates="complaint",
        foreign_keys="Allegation.complaint_id",
        order_by="Allegation.id",
    )


class Investigation(Record):
    """An internal or external investigation of a case, and how far it got."""

    __tablename__ = "investigations"
    __table_args__ = (
        choice_check("scope", INVESTIGATION_SCOPES),
        choice_check("investigation_status", INVESTIGATION_STATUSES),
        choice_check("finding", INVESTIGATION_FINDINGS),
        CheckConstraint(
            "closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on",
            name="closed_after_opened",
        ),
    )
    __mapper_args__ = {"polymorphic_identity": "investigation"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"),
        index=True,
        info=public("Case", "Id of the case investigated."),
    )
    scope: Mapped[str] = mapped_column(
        String(16),
        index=True,
        info=public(
            "Internal or external",
            "Internal or external.",
            choices=INVESTIGATION_SCOPES,
            required=True,
        ),
    )
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Investigating agency", "Id of the investigating agency."),
    )
    opened_on: Mapped[date | None] = mapped_column(
        Date, info=public("Opened on", "When it opened.")
    )
    closed_on: Mapped[date | None] = mapped_column(
        Date, info=public("Closed on", "When it closed.")
    )
    investigation_status: Mapped[str] = mapped_column(
        String(32),
        default="open",
        index=True,
        info=public("Status", "How far it got.", choices=INVESTIGATION_STATUSES),
    )
    finding: Mapped[str] = mapped_column(
        String(32),
        default="pending",
        info=public("Finding", choices=INVESTIGATION_FINDINGS),
    )
    outcome: Mapped[str | None] = mapped_column(
        Text, info=public("Outcome", "Outcome in words.", search=True)
    )

    case = relationship("Case", foreign_keys=[case_id], backref="investigations")
    agency = relationship("Agency", foreign_keys=[agency_id])
    officers = relationship("Officer", secondary=investigation_officers, order_by="Officer.name")


class DutyEvent(Record):
    """A change in an officer's duty: leave, desk duty, suspension, reinstatement, separation."""

    __tablename__ = "duty_events"
    __table_args__ = (
        choice_check("duty_kind", DUTY_EVENT_KINDS),
        choice_check("date_precision", DATE_PRECISIONS),
    )
    __mapper_args__ = {"polymorphic_identity": "duty_event"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    officer_id: Mapped[int] = mapped_column(
        ForeignKey("officers.id", ondelete="RESTRICT"),
        index=True,
        info=public("Officer", "Id of the officer.", required=True),
    )
    duty_kind: Mapped[str] = mapped_column(
        String(32),
        index=True,
        info=public(
            "What happened",
            "Kind of duty event.",
            choices=DUTY_EVENT_KINDS,
            search=True,
            required=True,
        ),
    )
    occurred_on: Mapped[date | None] = mapped_column(
        Date, info=public("Date", "When it happened (see date_precision).")
    )
    date_precision: Mapped[str] = mapped_column(
        String(16),
        default="day",
        info=public("Date precision", "How precise occurred_on is.", choices=DATE_PRECISIONS),
    )
    note: Mapped[str | None] = mapped_column(Text, info=public("Note", "Public note.", search=True))

    officer = relationship("Officer", back_populates="duty_events", foreign_keys=[officer_id])
    investigations = relationship(
        "Investigation", secondary=duty_event_investigations, backref="duty_events"
    )

    @property
    def duty_kind_label(self):
        """The kind of duty event as people say it."""
        return DUTY_EVENT_KINDS[self.duty_kind]


class LegalAction(Record):
    """A criminal charge, civil suit, immunity ruling, appeal or settlement."""

    __tablename__ = "legal_actions"
    __table_args__ = (
        choice_check("action_kind", LEGAL_ACTION_KINDS),
        choice_check("action_status", LEGAL_ACTION_STATUSES),
        UniqueConstraint("court_id", "docket_number"),
        CheckConstraint(
            "decided_on IS NULL OR filed_on IS NULL OR decided_on >= filed_on",
            name="decided_after_filed",
        ),
        CheckConstraint(
            "(amount_claimed IS NULL OR amount_claimed >= 0) "
            "AND (amount_awarded IS NULL OR amount_awarded >= 0)",
            name="amounts_not_negative",
        ),
    )
    __mapper_args__ = {"polymorphic_identity": "legal_action"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"),
        index=True,
        info=public("Case", "Id of the case."),
    )
    action_kind: Mapped[str] = mapped_column(
        String(32),
        index=True,
        info=public(
            "Kind",
            "Kind of legal action.",
            choices=LEGAL_ACTION_KINDS,
            search=True,
            required=True,
        ),
    )
    court_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Court", "Id of the court (an agency)."),
    )
    docket_number: Mapped[str | None] = mapped_column(
        String(80), info=public("Docket number", search=True)
    )
    filed_on: Mapped[date | None] = mapped_column(
        Date, info=public("Filed on", "When it was filed.")
    )
    decided_on: Mapped[date | None] = mapped_column(
        Date, info=public("Decided on", "When it was decided.")
    )
    action_status: Mapped[str] = mapped_column(
        String(32),
        default="pending",
        index=True,
        info=public("Status", choices=LEGAL_ACTION_STATUSES),
    )
    outcome: Mapped[str | None] = mapped_column(
        Text, info=public("Outcome", "Outcome in words.", search=True)
    )
    amount_claimed: Mapped[Decimal | None] = mapped_column(
        Numeric(14, 2), info=public("Amount claimed", "Amount claimed, in dollars.")
    )
    amount_awarded: Mapped[Decimal | None] = mapped_column(
        Numeric(14, 2), info=public("Amount awarded", "Amount awarded, in dollars.")
    )

    case = relationship("Case", foreign_keys=[case_id], backref="legal_actions")
    court = relationship("Agency", foreign_keys=[court_id])
    officers = relationship("Officer", secondary=legal_action_officers, order_by="Officer.name")
    docket = relationship(
        "DocketEntry",
        back_populates="legal_action",
        cascade="all, delete-orphan",
        order_by="(DocketEntry.entry_on, DocketEntry.id)",
    )
