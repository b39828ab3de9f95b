"""Officer figures: an officer's misconduct record in numbers, from published records only.

Allegations by category and final finding, the share sustained, the discipline imposed, the
complaints and cases naming the officer, the complaints the officer refused or left unanswered
(by how they were brought), and the co-accused (officers named in the same complaints or cases,
with how many they share). One reader for every channel: the officer page,
its PDF, the API's officer answer and the ``officer_figures`` download.

``figures_for(ids)`` answers for any number of officers in three aggregate queries (GROUP BY
on indexed columns, each started from the officers' ids), so a download batch of 500 officers
costs three queries; ``officer_figures(id)`` keeps one officer's answer per data stamp, so a
page costs the same for an officer with five allegations as for one with five thousand.
Every record is checked to be published in the SQL itself, so the figures are the same behind
the public visibility boundary and outside it.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from sqlalchemy import String, and_, cast, func, literal, null, select, union_all

from tracker.extensions import db
from tracker.models import Allegation, AllegationCategory, CaseOfficer, Complaint, Officer, Record
from tracker.models.choices import (
    ALLEGATION_FINDINGS,
    COMPLAINT_CHANNELS,
    DISCIPLINE_KINDS,
    PUBLISHED,
)
from tracker.models.proceedings import complaint_officers
from tracker.records.kept import kept

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
    co_accused: list = field(default_factory=list)  # [(CoAccused, shared)], most shared first
    co_accused_total: int = 0
    # {channel (None: not recorded): count}: published complaints the officer refused or left
    # unanswered (``Complaint.refused_by_officer``), by how they were brought
    refusals: dict = field(default_factory=dict)

    @property
    def refused(self):
        """Published complaints the officer refused or left unanswered."""
        return sum(self.refusals.values())

    @property
    def refusals_by_channel(self):
        """``[(channel or None, count)]`` in the vocabulary's order, not recorded last."""
        order = [*COMPLAINT_CHANNELS, None]
        return sorted(self.refusals.items(), key=lambda item: order.index(item[0]))

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
            [(channel or "", count) for channel, count in self.refusals_by_channel],
        )


# Core tables, not ORM entities: the public boundary's loader criteria (``records.status = ?``
# on every entity) would tempt the planner into scanning every published record first.
RECORDS = Record.__table__
ALLEGATIONS = Allegation.__table__
CATEGORIES = AllegationCategory.__table__
CASE_OFFICERS = CaseOfficer.__table__
COMPLAINTS = Complaint.__table__
OFFICERS = Officer.__table__


@dataclass(frozen=True)
class CoAccused:
    """An officer named in the same complaints or cases: enough to name and link them."""

    id: int
    title: str
    slug: str | None
    display_name: str


def _published(record_id):
    """``(records alias, condition)``: the record ``record_id`` is published.

    Each query starts from the officers' ids and reaches each record by its primary key. On
    PostgreSQL the plain ``status = 'published'`` lets the planner see that nearly every record
    is published (a ``coalesce`` hid that, and it then hashed every published allegation); on
    SQLite, whose statistics may be missing, ``coalesce`` keeps the status index out of the
    plan so it never walks every published record instead.
    """
    record = RECORDS.alias()
    status = record.c.status
    if db.session.get_bind().dialect.name == "sqlite":
        status = func.coalesce(status, "")
    return record, and_(record.c.id == record_id, status == PUBLISHED)


def _allegation_rows(ids):
    """Query 1: (officer, category, label, finding, discipline, outcome, count, days)."""
    a = ALLEGATIONS.c
    own, own_joined = _published(a.id)
    complaint, complaint_joined = _published(a.complaint_id)
    columns = (a.officer_id, a.category, CATEGORIES.c.label, a.final_finding, a.discipline)
    columns += (a.discipline_outcome,)
    return db.session.execute(
        select(*columns, func.count(), func.sum(a.discipline_days))
        .select_from(
            ALLEGATIONS.join(own, own_joined)
            .join(complaint, complaint_joined)
            .join(CATEGORIES, CATEGORIES.c.slug == a.category)
        )
        .where(a.officer_id.in_(ids))
        .group_by(*columns)
    ).all()


def _complaint_namings(where):
    """(complaint_id, officer_id) of every officer a complaint names: its list and allegations.

    ``where(complaint_id, officer_id)`` narrows each side on its own indexed columns (the
    officers asked about, or the complaints they are named in), so neither side is read whole.
    """
    listed = complaint_officers.c
    own, own_joined = _published(ALLEGATIONS.c.id)
    a = ALLEGATIONS.c
    return union_all(
        select(listed.complaint_id, listed.officer_id).where(
            where(listed.complaint_id, listed.officer_id)
        ),
        select(a.complaint_id, a.officer_id)
        .select_from(ALLEGATIONS.join(own, own_joined))
        .where(a.officer_id.is_not(None), where(a.complaint_id, a.officer_id)),
    )


def _naming(ids):
    """``_complaint_namings`` of the officers ``ids`` only."""
    return _complaint_namings(lambda _complaint_id, officer_id: officer_id.in_(ids))


def _count_rows(ids):
    """Query 2: (officer, "case", "complaint" or "refused", channel, how many published ones).

    Cases and complaints naming the officer, and complaints the officer refused or left
    unanswered by how they were brought (``channel``; None on the other two).
    """
    no_channel = cast(null(), String)
    c = CASE_OFFICERS.c
    case, case_joined = _published(c.case_id)
    cases = (
        select(c.officer_id, literal("case"), no_channel, func.count(c.case_id.distinct()))
        .select_from(CASE_OFFICERS.join(case, case_joined))
        .where(c.officer_id.in_(ids))
        .group_by(c.officer_id)
    )
    named = _naming(ids).subquery()
    complaint, complaint_joined = _published(named.c.complaint_id)
    complaints = (
        select(
            named.c.officer_id,
            literal("complaint"),
            no_channel,
            func.count(named.c.complaint_id.distinct()),
        )
        .select_from(named.join(complaint, complaint_joined))
        .group_by(named.c.officer_id)
    )
    refused, refused_joined = _published(COMPLAINTS.c.id)
    by = COMPLAINTS.c.refused_by_officer_id
    refusals = (
        select(by, literal("refused"), COMPLAINTS.c.channel, func.count())
        .select_from(COMPLAINTS.join(refused, refused_joined))
        .where(by.in_(ids))
        .group_by(by, COMPLAINTS.c.channel)
    )
    return db.session.execute(union_all(cases, complaints, refusals)).all()


def _shared_pairs(ids):
    """(officer, other officer, what they share): a case id, or a complaint's case (else itself).

    A complaint of a case counts as that case, so two officers of a case and of its complaint
    share one thing, not two. Each side joins on an indexed column (case id, complaint id).
    """
    me, other = CASE_OFFICERS.alias(), CASE_OFFICERS.alias()
    case, case_joined = _published(me.c.case_id)
    by_case = (
        select(me.c.officer_id.label("me"), other.c.officer_id.label("other"), me.c.case_id)
        .select_from(
            me.join(
                other,
                and_(other.c.case_id == me.c.case_id, other.c.officer_id != me.c.officer_id),
            ).join(case, case_joined)
        )
        .where(me.c.officer_id.in_(ids))
    )
    # The officers' complaints first (by officer id), then everyone those complaints name (by
    # complaint id): both kept apart (materialised), so neither is read for every complaint.
    mine = _naming(ids).cte("mine").prefix_with("MATERIALIZED")
    theirs = (
        _complaint_namings(
            lambda complaint_id, _officer_id: complaint_id.in_(select(mine.c.complaint_id))
        )
        .cte("theirs")
        .prefix_with("MATERIALIZED")
    )
    complaint = COMPLAINTS.alias()
    record, joined = _published(complaint.c.id)
    by_complaint = select(
        mine.c.officer_id,
        theirs.c.officer_id,
        func.coalesce(complaint.c.case_id, complaint.c.id),
    ).select_from(
        mine.join(
            theirs,
            and_(
                theirs.c.complaint_id == mine.c.complaint_id,
                theirs.c.officer_id != mine.c.officer_id,
            ),
        )
        .join(complaint, complaint.c.id == mine.c.complaint_id)
        .join(record, joined)
    )
    return union_all(by_case, by_complaint).subquery("pairs")


def _co_accused_rows(ids):
    """Query 3: (officer id, CoAccused, shared, total co-accused), the top few of each."""
    pairs = _shared_pairs(ids)
    other, joined = _published(pairs.c.other)
    shared = func.count(pairs.c.case_id.distinct())
    ranked = (
        select(
            pairs.c.me,
            other.c.id.label("other_id"),
            shared.label("shared"),
            func.row_number()
            .over(partition_by=pairs.c.me, order_by=(shared.desc(), other.c.id))
            .label("rank"),
            func.count().over(partition_by=pairs.c.me).label("total"),
        )
        .select_from(pairs.join(other, joined))
        .group_by(pairs.c.me, other.c.id)
        .subquery("ranked")
    )
    record = RECORDS.alias()
    rows = db.session.execute(
        select(ranked.c.me, ranked.c.shared, ranked.c.total, record.c.title, record.c.slug)
        .add_columns(OFFICERS.c.id, OFFICERS.c.name, OFFICERS.c.rank, OFFICERS.c.identity_status)
        .select_from(
            ranked.join(OFFICERS, OFFICERS.c.id == ranked.c.other_id).join(
                record, record.c.id == ranked.c.other_id
            )
        )
        .where(ranked.c.rank <= CO_ACCUSED_SHOWN)
        .order_by(ranked.c.me, ranked.c.rank)
    ).all()
    return [
        (row.me, CoAccused(row.id, row.title, row.slug, _display_name(row)), row.shared, row.total)
        for row in rows
    ]


def _display_name(row):
    """The co-accused officer's name as their page shows it (``Officer.display_name``)."""
    shown = SimpleNamespace(
        is_identified=row.identity_status == "named", rank=row.rank, name=row.name, title=row.title
    )
    return Officer.display_name.fget(shown)


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
    for officer_id, what, channel, count in _count_rows(ids):
        if what == "refused":
            figures[officer_id].refusals[channel] = count
        else:
            setattr(figures[officer_id], "cases" if what == "case" else "complaints", count)
    for officer_id, officer, shared, total in _co_accused_rows(ids):
        figures[officer_id].co_accused.append((officer, shared))
        figures[officer_id].co_accused_total = total
    return figures


def officer_figures(officer_id):
    """The ``OfficerFigures`` of one officer: three queries once per change of the data.

    The page, its PDF and the API's officer answer share the kept answer (plain values: no
    ORM object is kept), so they agree, and the busiest officer's page does not add up
    hundreds of allegations and cases on every request. Treat it as read-only.
    """
    return kept("officer_figures", (officer_id,), lambda: figures_for([officer_id])[officer_id])
