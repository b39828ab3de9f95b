"""Allegations: one accusation against one officer (or an unidentified one) within a complaint.

The allegation, not the complaint, is the unit of the misconduct record: each has its category,
its recommended and final finding (who decided, when) and the discipline imposed. Categories are
rows of a small table an editor can add to, each with a plain-language definition.
"""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, select
from sqlalchemy.ext.hybrid import Comparator, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import operators

from tracker.models.base import Base, choice_check
from tracker.models.choices import (
    ALLEGATION_FINDING_DEFINITIONS,
    ALLEGATION_FINDINGS,
    DISCIPLINE_DEFINITIONS,
    DISCIPLINE_KINDS,
    DISCIPLINE_OUTCOME_DEFINITIONS,
    DISCIPLINE_OUTCOMES,
)
from tracker.models.facts import public
from tracker.models.proceedings import Complaint
from tracker.models.records import Record


class AllegationCategory(Base):
    """A kind of misconduct an allegation can name: slug, label and what it means."""

    __tablename__ = "allegation_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    definition: Mapped[str] = mapped_column(Text)


def _finding(label, doc):
    """A finding column: one of ``ALLEGATION_FINDINGS``, pending until decided."""
    return mapped_column(
        String(32),
        default="pending",
        index=True,
        info=public(
            label, doc, choices=ALLEGATION_FINDINGS, definitions=ALLEGATION_FINDING_DEFINITIONS
        ),
    )


class Allegation(Record):
    """One allegation of a complaint against one officer, with its findings and discipline."""

    __tablename__ = "allegations"
    __table_args__ = (
        choice_check("recommended_finding", ALLEGATION_FINDINGS),
        choice_check("final_finding", ALLEGATION_FINDINGS),
        choice_check("discipline", DISCIPLINE_KINDS),
        choice_check("discipline_outcome", DISCIPLINE_OUTCOMES),
        CheckConstraint(
            "discipline_days IS NULL OR discipline_days >= 0", name="discipline_days_not_negative"
        ),
    )
    __mapper_args__ = {"polymorphic_identity": "allegation"}
    # Public only while its complaint is (a draft complaint's allegations stay with it).
    part_of = "complaint_id"

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="RESTRICT"),
        index=True,
        info=public(
            "Complaint",
            "Id of the complaint it is part of.",
            required=True,
            hint='The complaint by "#id", reference number or title.',
        ),
    )
    officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("officers.id", ondelete="RESTRICT"),
        index=True,
        info=public(
            "Officer",
            "Id of the accused officer (blank: unidentified).",
            hint='The officer by "#id", serial or badge number, or name; blank: unidentified.',
        ),
    )
    category: Mapped[str] = mapped_column(
        String(40),
        ForeignKey("allegation_categories.slug", ondelete="RESTRICT"),
        index=True,
        info=public(
            "Category",
            "What the officer is accused of: one of the allegation categories (see their "
            "definitions below).",
            search=True,
            required=True,
        ),
    )
    recommended_finding: Mapped[str] = _finding(
        "Recommended finding", "The finding the investigators recommended."
    )
    recommended_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Recommended by", "Id of the agency that recommended the finding."),
    )
    recommended_on: Mapped[date | None] = mapped_column(
        Date, info=public("Recommended on", "When the finding was recommended.")
    )
    final_finding: Mapped[str] = _finding("Final finding", "The finding that was decided.")
    final_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Decided by", "Id of the agency that decided the final finding."),
    )
    final_on: Mapped[date | None] = mapped_column(
        Date, info=public("Decided on", "When the final finding was decided.")
    )
    discipline: Mapped[str] = mapped_column(
        String(32),
        default="none",
        index=True,
        info=public(
            "Discipline",
            "The discipline imposed.",
            choices=DISCIPLINE_KINDS,
            definitions=DISCIPLINE_DEFINITIONS,
            search=True,
        ),
    )
    discipline_days: Mapped[int | None] = mapped_column(
        Integer, info=public("Discipline length (days)", "Length of a suspension, in days.")
    )
    discipline_on: Mapped[date | None] = mapped_column(
        Date, info=public("Discipline date", "When the discipline was imposed.")
    )
    discipline_outcome: Mapped[str] = mapped_column(
        String(32),
        default="unknown",
        info=public(
            "Served or overturned",
            "Whether the discipline was served or overturned on appeal.",
            choices=DISCIPLINE_OUTCOMES,
            definitions=DISCIPLINE_OUTCOME_DEFINITIONS,
        ),
    )

    complaint = relationship("Complaint", back_populates="allegations", foreign_keys=[complaint_id])
    officer = relationship("Officer", foreign_keys=[officer_id])
    # The officer as a list (empty: unidentified), so the officer pages, their filters and the
    # workspace find an allegation the way they find every record naming officers.
    officers = relationship(
        "Officer",
        primaryjoin="Allegation.officer_id == Officer.id",
        foreign_keys=[officer_id],
        uselist=True,
        viewonly=True,
    )
    recommended_by = relationship("Agency", foreign_keys=[recommended_by_id])
    final_by = relationship("Agency", foreign_keys=[final_by_id])
    category_row = relationship("AllegationCategory", lazy="joined", innerjoin=True)

    @property
    def officer_key(self):
        """The officer's id, 0 when unidentified (to group a complaint's allegations by)."""
        return self.officer_id or 0

    # Its case is its complaint's: the case page, the case file and the bundle follow
    # ``case_id`` (in SQL, a subquery on the complaint).
    @hybrid_property
    def case_id(self):
        """The id of its complaint's case, or None."""
        return self.complaint.case_id if self.complaint is not None else None

    @case_id.inplace.comparator
    @classmethod
    def _case_id_comparator(cls):
        """``case_id`` in SQL: a subquery on the complaint, compared through the complaint."""
        return _CaseOfComplaint(cls)


class _CaseOfComplaint(Comparator):
    """``Allegation.case_id`` in SQL: its complaint's case.

    ``==`` and ``IN`` become "its complaint is one of the complaints of these cases", which the
    database answers from the indexes on ``complaints.case_id`` and ``allegations.complaint_id``;
    compared as a correlated subquery it read every allegation (a case page at 100,000 cases).
    """

    def __init__(self, model):
        """Compare ``model``'s (Allegation's) case."""
        complaints = Complaint.__table__
        super().__init__(
            select(complaints.c.case_id)
            .where(complaints.c.id == model.complaint_id)
            .scalar_subquery()
        )
        self.model = model

    def operate(self, op, *other, **kwargs):
        """The comparison: through the complaints' ids for ``==`` and ``IN``."""
        complaints = Complaint.__table__
        if op in (operators.eq, operators.in_op) and other[0] is not None:
            cases = op(complaints.c.case_id, *other, **kwargs)
            return self.model.complaint_id.in_(select(complaints.c.id).where(cases))
        return op(self.expression, *other, **kwargs)
