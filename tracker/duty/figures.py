"""Officer figures: an officer's misconduct record in numbers, from published records only.

Allegations by category and final finding, the share sustained, the discipline imposed, the
complaints and cases naming the officer, and the co-accused (officers named in the same
complaints or cases, with how many they share). One reader for every channel: the officer page,
its PDF, the API's officer answer and the ``officer_figures`` download.

``figures_for(ids)`` answers for any number of officers in three aggregate queries (GROUP BY
on indexed columns), so a page costs the same for an officer with five allegations as for one
with five thousand, and a download batch of 500 officers costs three queries. Every record is
checked to be published in the SQL itself, so the figures are the same behind the public
visibility boundary and outside it.
"""

from dataclasses import dataclass, field

from sqlalchemy import and_, func, literal, select, union_all
from sqlalchemy.orm import aliased

from tracker.extensions import db
from tracker.models import Allegation, AllegationCategory, CaseOfficer, Complaint, Officer, Record
from tracker.models.choices import ALLEGATION_FINDINGS, DISCIPLINE_KINDS
from tracker.models.proceedings import complaint_officers

PUBLISHED = "published"
CO_ACCUSED_SHOWN = 10  # the co-accused listed per officer (the total is always given)
# Findings that close an allegation: the share sustained is of these (pending is left out).
DECIDED = tuple(finding for finding in ALLEGATION_FINDINGS if finding != "pending")


@dataclass
class CategoryFigures:
    """One category's allegations against the officer, by final finding."""

    slug: str
    label: str
    findings: dict = field(default_factory=dict)  # {finding: count}

    @property
    def count(self):
        """Allegations of this category."""
        return sum(self.findings.values())


@dataclass
class DisciplineFigures:
    """One kind of discipline imposed: how often, total days, how often overturned on appeal."""

    kind: str
    count: int = 0
    days: int = 0
    overturned: int = 0


@dataclass
class OfficerFigures:
    """What the figures of one officer say."""

    officer_id: int
    categories: list = field(default_factory=list)  # [CategoryFigures], most allegations first
    discipline: list = field(default_factory=list)  # [DisciplineFigures], in vocabulary order
    complaints: int = 0
    cases: int = 0
    co_accused: list = field(default_factory=list)  # [(Officer, shared)], most shared first
    co_accused_total: int = 0

    @property
    def allegations(self):
        """Published allegations against the officer."""
        return sum(category.count for category in self.categories)

    @property
    def by_finding(self):
        """``{finding: count}`` over every category, every finding (zero included), in order."""
        totals = dict.fromkeys(ALLEGATION_FINDINGS, 0)
        for category in self.categories:
            for finding, count in category.findings.items():
                totals[finding] += count
        return totals

    @property
    def findings_shown(self):
        """The findings that occur, in vocabulary order (the columns of the page's table)."""
        return [finding for finding, count in self.by_finding.items() if count]

    @property
    def sustained(self):
        """Allegations whose final finding is sustained."""
        return self.by_finding["sustained"]

    @property
    def decided(self):
        """Allegations with a final finding other than pending."""
        return sum(count for finding, count in self.by_finding.items() if finding in DECIDED)

    @property
    def share_sustained(self):
        """Sustained allegations as a share of the decided ones (0 to 1), or None if none is."""
        return round(self.sustained / self.decided, 4) if self.decided else None

    def stamp(self):
        """The values the page shows, for the PDF fingerprint (co-accused names included)."""
        return (
            [(c.slug, c.label, sorted(c.findings.items())) for c in self.categories],
            [(d.kind, d.count, d.days, d.overturned) for d in self.discipline],
            self.complaints,
            self.cases,
            [(officer.id, officer.display_name, shared) for officer, shared in self.co_accused],
            self.co_accused_total,
        )


def _published(record_id):
    """An alias of ``records`` joined on ``record_id`` (a condition it is published)."""
    record = aliased(Record)
    return record, and_(record.id == record_id, record.status == PUBLISHED)


def _allegation_rows(ids):
    """Query 1: (officer, category, label, finding, discipline, outcome, count, days)."""
    complaint, joined = _published(Allegation.complaint_id)
    return db.session.execute(
        select(
            Allegation.officer_id,
            Allegation.category,
            AllegationCategory.label,
            Allegation.final_finding,
            Allegation.discipline,
            Allegation.discipline_outcome,
            func.count(),
            func.sum(Allegation.discipline_days),
        )
        .join(AllegationCategory, AllegationCategory.slug == Allegation.category)
        .join(complaint, joined)
        .where(Allegation.officer_id.in_(ids), Allegation.status == PUBLISHED)
        .group_by(
            Allegation.officer_id,
            Allegation.category,
            AllegationCategory.label,
            Allegation.final_finding,
            Allegation.discipline,
            Allegation.discipline_outcome,
        )
    ).all()


def _complaint_namings():
    """(complaint_id, officer_id) of every officer a complaint names: its list and allegations."""
    listed = select(complaint_officers.c.complaint_id, complaint_officers.c.officer_id)
    accused = select(Allegation.complaint_id, Allegation.officer_id).where(
        Allegation.officer_id.is_not(None), Allegation.status == PUBLISHED
    )
    return union_all(listed, accused).subquery("named")


def _count_rows(ids):
    """Query 2: (officer, "case" or "complaint", how many published ones name the officer)."""
    case, case_joined = _published(CaseOfficer.case_id)
    cases = (
        select(CaseOfficer.officer_id, literal("case"), func.count(CaseOfficer.case_id.distinct()))
        .join(case, case_joined)
        .where(CaseOfficer.officer_id.in_(ids))
        .group_by(CaseOfficer.officer_id)
    )
    named = _complaint_namings()
    complaint, complaint_joined = _published(named.c.complaint_id)
    complaints = (
        select(
            named.c.officer_id, literal("complaint"), func.count(named.c.complaint_id.distinct())
        )
        .join(complaint, complaint_joined)
        .where(named.c.officer_id.in_(ids))
        .group_by(named.c.officer_id)
    )
    return db.session.execute(union_all(cases, complaints)).all()


def _shared_pairs(ids):
    """(officer, other officer, what they share): a case id, or a complaint's case (else itself).

    A complaint of a case counts as that case, so two officers of a case and of its complaint
    share one thing, not two. Each side joins on an indexed column (case id, complaint id).
    """
    me, other = aliased(CaseOfficer), aliased(CaseOfficer)
    case, case_joined = _published(me.case_id)
    by_case = (
        select(me.officer_id.label("me"), other.officer_id.label("other"), me.case_id.label("key"))
        .join(other, and_(other.case_id == me.case_id, other.officer_id != me.officer_id))
        .join(case, case_joined)
        .where(me.officer_id.in_(ids))
    )
    mine, theirs = _complaint_namings().alias("mine"), _complaint_namings().alias("theirs")
    complaint_row = aliased(Complaint)
    by_complaint = (
        select(
            mine.c.officer_id,
            theirs.c.officer_id,
            func.coalesce(complaint_row.case_id, complaint_row.id),
        )
        .join(
            theirs,
            and_(
                theirs.c.complaint_id == mine.c.complaint_id,
                theirs.c.officer_id != mine.c.officer_id,
            ),
        )
        .join(
            complaint_row,
            and_(complaint_row.id == mine.c.complaint_id, complaint_row.status == PUBLISHED),
        )
        .where(mine.c.officer_id.in_(ids))
    )
    return union_all(by_case, by_complaint).subquery("pairs")


def _co_accused_rows(ids):
    """Query 3: (officer id, co-accused Officer, shared, total co-accused), the top few each."""
    pairs = _shared_pairs(ids)
    other = aliased(Officer)
    shared = func.count(pairs.c.key.distinct())
    ranked = (
        select(
            pairs.c.me,
            other.id.label("other_id"),
            shared.label("shared"),
            func.row_number()
            .over(partition_by=pairs.c.me, order_by=(shared.desc(), other.id))
            .label("rank"),
            func.count().over(partition_by=pairs.c.me).label("total"),
        )
        .join(other, and_(other.id == pairs.c.other, other.status == PUBLISHED))
        .group_by(pairs.c.me, other.id)
        .subquery("ranked")
    )
    shown = aliased(Officer, name="co_accused")
    return db.session.execute(
        select(ranked.c.me, shown, ranked.c.shared, ranked.c.total)
        .join(shown, shown.id == ranked.c.other_id)
        .where(ranked.c.rank <= CO_ACCUSED_SHOWN)
        .order_by(ranked.c.me, ranked.c.rank)
    ).all()


def figures_for(officer_ids):
    """``{officer id: OfficerFigures}`` for ``officer_ids``, in three queries however many."""
    ids = sorted(set(officer_ids))
    figures = {officer_id: OfficerFigures(officer_id) for officer_id in ids}
    if not ids:
        return figures
    categories, discipline = {}, {}
    for officer_id, slug, label, finding, kind, outcome, count, days in _allegation_rows(ids):
        category = categories.setdefault((officer_id, slug), CategoryFigures(slug, label))
        category.findings[finding] = category.findings.get(finding, 0) + count
        if kind != "none":
            item = discipline.setdefault((officer_id, kind), DisciplineFigures(kind))
            item.count += count
            item.days += days or 0
            item.overturned += count if outcome == "overturned_on_appeal" else 0
    for (officer_id, _slug), category in categories.items():
        figures[officer_id].categories.append(category)
    order = list(DISCIPLINE_KINDS)
    for (officer_id, _kind), item in sorted(discipline.items(), key=lambda e: order.index(e[0][1])):
        figures[officer_id].discipline.append(item)
    for item in figures.values():
        item.categories.sort(key=lambda category: (-category.count, category.label))
    for officer_id, what, count in _count_rows(ids):
        setattr(figures[officer_id], "cases" if what == "case" else "complaints", count)
    for officer_id, officer, shared, total in _co_accused_rows(ids):
        figures[officer_id].co_accused.append((officer, shared))
        figures[officer_id].co_accused_total = total
    return figures


def officer_figures(officer_id):
    """The ``OfficerFigures`` of one officer (three queries)."""
    return figures_for([officer_id])[officer_id]
