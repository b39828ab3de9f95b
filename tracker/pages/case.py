"""The case page model: one loader for the case page, its PDF and the multi-case PDF.

``case_pages(ids)`` loads any number of cases in a fixed number of queries (each kind of part
is loaded for all of them at once and handed out per case); ``case_page(id)`` is the one-case
call the page and the case PDF make. Run it behind the visibility boundary.
"""

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from tracker.duty.careers import served_on
from tracker.extensions import db
from tracker.models import (
    Assignment,
    Case,
    DemandLink,
    Officer,
    Person,
    TimelineEvent,
)
from tracker.pages import references
from tracker.pages.common import (
    Shown,
    Sources,
    by_demand_number,
    in_section_order,
    load_citations,
    note_sections,
    plain_citations,
    section_kinds,
    sort_undated_last,
)
from tracker.records.kept import kept
from tracker.records.public import kept_public_changes, public_changes


@dataclass
class CasePage:
    """What a case page (and its PDF) shows, in order; only published, public data."""

    case: Case
    sources: Sources
    people: list = field(default_factory=list)  # [CasePerson], each with its person
    officers: list = field(default_factory=list)  # [CaseOfficer], each with its officer
    # {officer id: Assignment}: where each officer served on the case's date (their career)
    served: dict = field(default_factory=dict)
    careers: list = field(default_factory=list)  # every published assignment of its officers
    timeline: list = field(default_factory=list)  # [TimelineEvent], undated last
    # [(RecordKind, [record])]: every kind with a case section, in the registry's order (a
    # kind with no record here is still listed: the page says so, the PDF names it as missing).
    sections: list = field(default_factory=list)
    demand_links: list = field(default_factory=list)  # [DemandLink], by demand number
    changes: list = field(default_factory=list)
    shown: Shown = field(default_factory=Shown)
    fingerprint: str = ""
    # Set while rendering a report when WeasyPrint cannot lay it out: "text" hides its Markdown
    # text, "record" all of it (a multi-case report still renders the other cases).
    render_error: str | None = None

    kind = "case"

    @property
    def record(self):
        """The case (every page model names its record ``record``)."""
        return self.case

    @property
    def last_updated(self):
        """When the case was last changed."""
        return self.case.updated_at

    @property
    def as_of(self):
        """The last change to anything the page shows."""
        return self.shown.latest


def case_page(case_id, changes=True):
    """The published case ``case_id`` and everything its page shows, or None.

    Its citations and change list are plain values kept per data stamp (``kept``): two
    statements and the ORM objects of every source and revision fewer a warm request.
    """
    return case_pages([case_id], changes=changes, keep=True).get(case_id)


@cache
def _cases_statement():
    """The SELECT of the cases bound as ``ids`` with the parts every page shows.

    Built once a process: only the ids change, and building it cost more than its plan.
    """
    return (
        select(Case)
        .where(Case.id.in_(bindparam("ids", expanding=True)))
        .options(
            joinedload(Case.tags),
            # The links only: their people and officers come with the sections' references
            # (``_load_references``), in one statement whatever the case holds.
            selectinload(Case.people),
            selectinload(Case.officers),
            selectinload(Case.timeline).joinedload(TimelineEvent.source),
            joinedload(Case.demand_links).joinedload(DemandLink.demand),
            joinedload(Case.external_ids),
        )
    )


def _load_cases(case_ids):
    """The published cases among ``case_ids``, with the parts every page shows."""
    return db.session.scalars(_cases_statement(), {"ids": case_ids}).unique().all()


def _officers_of(cases):
    """The ids of the officers these cases name (their links, published or not), in order.

    A list of ids, not a subquery of ``case_officers``: given a subquery, SQLite's planner may
    start from the status index instead (every published record) when its statistics say so.
    """
    return sorted({link.officer_id for case in cases for link in case.officers})


def _section_records(kind, case_ids, officer_ids):
    """``{case or officer id: [records]}`` of ``kind`` following these cases, one query.

    A kind follows a case by its ``case_id``, or (``case="officers"``) by its ``officer_id``
    naming one of the case's officers (``officer_ids``; an empty list still runs the
    statement, so the page's count does not follow its data).
    """
    model, by_officer = kind.model, kind.section.case == "officers"
    ids = officer_ids if by_officer else case_ids
    records = db.session.scalars(_section_statement(kind), {"ids": ids}).unique().all()
    read = [name for name in kind.section.parts if name not in kind.section.parts_in_case]
    references.load_parts(model, None, records, read)
    grouped = {}
    for record in records:
        grouped.setdefault(record.officer_id if by_officer else record.case_id, []).append(record)
    return grouped


_SECTION_STATEMENTS = {}  # {kind name: SELECT}, built once a process


def _section_statement(kind):
    """The SELECT of ``kind``'s section records for the ids bound as ``ids``.

    The ids are the cases' or (``case="officers"``) their officers'. Built once a process:
    only the ids change, and building it cost more than its plan.
    """
    statement = _SECTION_STATEMENTS.get(kind.name)
    if statement is None:
        model = kind.model
        ids = bindparam("ids", expanding=True)
        column = model.officer_id if kind.section.case == "officers" else model.case_id
        statement = select(model).where(column.in_(ids)).options(*kind.section.load)
        _SECTION_STATEMENTS[kind.name] = statement
    return statement


def _hand_out_parts(kinds, loaded):
    """Set the ``parts_in_case`` of every section from the part kind's own section.

    Only between kinds that follow the case by ``case_id``: a kind followed by its officers
    holds records of other cases, whose parts the case's own section does not have.
    """
    by_case = {kind.model: kind for kind in kinds if kind.section.case == "case"}
    sections = {
        model: [record for group in loaded[kind.name].values() for record in group]
        for model, kind in by_case.items()
    }
    for kind in kinds:
        names = kind.section.parts_in_case
        for name in names:
            child = kind.model.__mapper__.relationships[name].mapper.class_
            if kind.model not in by_case or child not in by_case:
                raise ValueError(f"{kind.name}.{name}: parts_in_case needs two case sections")
        if names:
            records = sections[kind.model]
            references.hand_out_parts(kind.model, records, names, sections)


def _load_references(cases, kinds, loaded):
    """The cases' people and officers and every section's references, in one statement."""
    found = [(link, "person") for case in cases for link in case.people]
    found += [(link, "officer") for case in cases for link in case.officers]
    named = {Person, Officer}
    for kind in kinds:
        records = [record for group in loaded[kind.name].values() for record in group]
        found += references.pairs(records, kind.section.refs)
        named |= references.targets(kind.model, kind.section.refs)
    references.load_references(found, named)


@cache
def _careers_statement():
    """The SELECT of the assignments of the officers bound as ``ids``, built once a process."""
    return (
        select(Assignment)
        .where(Assignment.officer_id.in_(bindparam("ids", expanding=True)))
        .order_by(Assignment.started_on, Assignment.id)
    )


def _load_careers(cases, officer_ids):
    """Every published assignment of the cases' officers, set on each officer, one query.

    Run whether or not they name an officer (an empty list of ids); in the relationship's
    order (its start, then id), as a relationship load gives it.
    """
    held = {}
    for assignment in db.session.scalars(_careers_statement(), {"ids": officer_ids}):
        held.setdefault(assignment.officer_id, []).append(assignment)
    for case in cases:
        for link in case.officers:
            if link.officer is not None:
                set_committed_value(link.officer, "assignments", held.get(link.officer_id, []))


def _section(kind, grouped, page):
    """The records of ``kind`` on the case page ``page``, in the section's order."""
    if kind.section.case != "officers":
        return in_section_order(kind, grouped.get(page.case.id, []))
    # An officer may hold two roles in a case: their records are listed once.
    officers = dict.fromkeys(link.officer_id for link in page.officers)
    return in_section_order(
        kind, [record for officer_id in officers for record in grouped.get(officer_id, [])]
    )


def case_pages(case_ids, changes=False, keep=False):
    """``{id: CasePage}`` for the published cases among ``case_ids``.

    The number of queries does not grow with the number of cases or of their parts.
    ``changes`` loads the public change list too (one query per case: pages only); ``keep``
    keeps the citations and change lists as plain values per data stamp (one case's page).
    """
    cases = _load_cases(list(case_ids))
    if not cases:
        return {}
    ids = [case.id for case in cases]
    kinds = section_kinds("case")
    officer_ids = _officers_of(cases)
    loaded = {kind.name: _section_records(kind, ids, officer_ids) for kind in kinds}
    _hand_out_parts(kinds, loaded)
    _load_references(cases, kinds, loaded)
    _load_careers(cases, officer_ids)
    related = [
        record for group in loaded.values() for records in group.values() for record in records
    ]
    cited = sorted(set(ids + [record.id for record in related]))
    citations = (
        kept("case_page_citations", tuple(cited), lambda: plain_citations(cited))
        if keep
        else load_citations(cited)
    )
    pages = {}
    for case in cases:
        page = CasePage(case=case, sources=Sources(citations))
        page.people = [link for link in case.people if link.person is not None]
        page.officers = [link for link in case.officers if link.officer is not None]
        page.careers = [held for link in page.officers for held in link.officer.assignments]
        page.served = served_on(
            {link.officer_id: link.officer.assignments for link in page.officers},
            case.occurred_on,
        )
        page.timeline = sort_undated_last(case.timeline, "occurred_on")
        page.sections = [(kind, _section(kind, loaded[kind.name], page)) for kind in kinds]
        page.demand_links = by_demand_number(case.demand_links)
        if changes:
            page.changes = (kept_public_changes if keep else public_changes)(case.id)
        _number_and_stamp(page)
        pages[case.id] = page
    return pages


def _number_and_stamp(page):
    """Number the sources in the order the page shows them and note everything it shows."""
    case, sources, shown = page.case, page.sources, page.shown
    shown.add(case)
    shown.values([tag.name for tag in case.tags])
    sources.cite(case)
    for link in page.people:
        shown.add(link.person)
        shown.values(link.role)
    for link in page.officers:
        shown.add(link.officer, link.officer.agency)
        shown.values(link.role)
    # The unit each officer served in follows from all their assignments: a new one may change it.
    shown.add(*page.careers)
    for event in page.timeline:
        shown.values(event.occurred_on, event.date_precision, event.description)
        sources.cite_part(event, event.source)
    note_sections(page)
    for link in page.demand_links:
        shown.add(link.demand)
        shown.values(link.note)
    page.fingerprint = shown.fingerprint(sources)
