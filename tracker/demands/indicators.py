"""Each demand's indicator, computed from published records only, never typed in.

A demand's ``indicator`` column names which measure applies. Every measure is one SQL
expression, the *verdict*, that puts each record it counts into exactly one figure; the counts
come from one ``GROUP BY verdict`` query, so the cost does not grow with the records counted. A
page that shows the evidence asks for one page of records per figure (``pages``), never all.
"""

import functools
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, not_, select
from sqlalchemy.orm import aliased, selectinload

from tracker.duty.rules import NOT_PREMATURE, PREMATURE, UNDETERMINED
from tracker.duty.verdict import reinstatement_verdict
from tracker.extensions import db
from tracker.models import (
    Agency,
    Case,
    CaseOfficer,
    Complaint,
    DemandLink,
    DutyEvent,
    Investigation,
    LegalAction,
    Officer,
    Record,
)
from tracker.models.choices import COMPLAINT_CHANNELS, EXCESSIVE_FORCE_KINDS, PUBLISHED
from tracker.records.kept import kept
from tracker.records.links import link_of
from tracker.records.polymorphic import records_with

DEPARTMENT_KINDS = ("police_department", "internal_affairs")
PAGE_SIZE = 20  # records listed under a figure on one page (the page costs what it lists)


@dataclass
class Figure:
    """One number of an indicator, with one page of the records it counts."""

    label: str
    key: str = ""
    count: int = 0
    # The page shown, as ``tracker.records.links.Link`` (empty on the scoreboard)
    records: list = field(default_factory=list)
    page: int = 1
    # [(label, count)]: the figure broken down (refusals by how the complaint was brought)
    breakdown: list = field(default_factory=list)

    @property
    def value(self):
        """How many records the figure counts (all of them, not just the page shown)."""
        return self.count

    @property
    def pages(self):
        """How many pages the figure's records fill."""
        return max(1, -(-self.count // PAGE_SIZE))


@dataclass
class Indicator:
    """A demand's computed measure: a headline, its figures and how it was computed."""

    key: str
    question: str
    figures: list
    method: str

    @property
    def total(self):
        """The sum of all figures (what the question is asked of)."""
        return sum(figure.value for figure in self.figures)

    def figure(self, key):
        """The figure named ``key``, or None."""
        return next((figure for figure in self.figures if figure.key == key), None)


@dataclass
class Measure:
    """How one indicator is computed: what it counts, and the verdict that splits it."""

    key: str
    question: str
    method: str
    figures: list  # [(verdict, label)] in the order the page shows them
    build: object  # () -> (entity, statement filtered to what is counted, verdict, order, options)
    # Optional: (column, {value: label}, "label when blank", figure keys broken down by it). The
    # same GROUP BY counts by verdict and column, so the breakdown costs no query.
    breakdown: tuple = ()


def _complaints():
    """Criminal complaints filed with the department; the verdict is the department's answer."""
    # The department as an IN over the agencies (core tables, published only), not a join of a
    # second ``records`` row: PostgreSQL misjudged that join into a 60-second cross product.
    agency = Agency.__table__.alias("department")
    record = Record.__table__.alias("department_record")
    departments = (
        select(agency.c.id)
        .join(record, record.c.id == agency.c.id)
        .where(agency.c.agency_kind.in_(DEPARTMENT_KINDS), record.c.status == PUBLISHED)
    )
    statement = select(Complaint).where(
        Complaint.status == PUBLISHED,
        Complaint.complaint_kind == "criminal",
        Complaint.filed_with_id.in_(departments),
    )
    return Complaint, statement, Complaint.acceptance, (Complaint.filed_on, Complaint.id), ()


def _external():
    """Excessive-force cases, by whether a published external investigation is on record."""
    # Aliased: an unaliased Investigation would share the outer query's ``records`` row.
    investigation = aliased(Investigation, flat=True)
    has_external = (
        select(investigation.id)
        .where(
            investigation.case_id == Case.id,
            investigation.scope == "external",
            investigation.status == PUBLISHED,
        )
        .exists()
    )
    statement = select(Case).where(
        Case.status == PUBLISHED, Case.case_kind.in_(EXCESSIVE_FORCE_KINDS)
    )
    verdict = case((has_external, "with"), else_="without")
    return Case, statement, verdict, (Case.occurred_on, Case.id), ()


def _named():
    """Fatal cases, named when every linked officer is published with a name (and one is)."""
    # Core tables, not the ORM classes: the public boundary hides unpublished officers from ORM
    # queries, and an unpublished officer must still count as "not named" here.
    link = CaseOfficer.__table__.alias("named_link")
    officer = Officer.__table__.alias("named_officer")
    record = Record.__table__.alias("named_record")
    named = (
        select(officer.c.id)
        .join(record, record.c.id == officer.c.id)
        .where(
            officer.c.id == link.c.officer_id,
            record.c.status == PUBLISHED,
            officer.c.identity_status == "named",
        )
        .exists()
    )
    any_officer = select(link.c.case_id).where(link.c.case_id == Case.id).exists()
    unnamed = select(link.c.case_id).where(link.c.case_id == Case.id, not_(named)).exists()
    statement = select(Case).where(Case.status == PUBLISHED, Case.outcome == "fatal")
    verdict = case((and_(any_officer, not_(unnamed)), "named"), else_="not_named")
    return Case, statement, verdict, (Case.occurred_on, Case.id), ()


def _reinstatements():
    """Published reinstatements, by ``tracker.duty.rules.reinstated_while_open`` in SQL."""
    verdict = reinstatement_verdict()
    statement = select(DutyEvent).where(
        DutyEvent.status == PUBLISHED, DutyEvent.duty_kind == "reinstated"
    )
    order = (DutyEvent.occurred_on, DutyEvent.id)
    return DutyEvent, statement, verdict, order, (selectinload(DutyEvent.officer),)


MEASURES = {
    "complaints_accepted": Measure(
        key="complaints_accepted",
        question="Criminal complaints filed with the department: how many did it refuse or "
        "leave unanswered?",
        figures=[
            ("refused", "Refused"),
            ("no_response", "No response"),
            ("accepted", "Accepted"),
            ("pending", "Awaiting an answer"),
        ],
        method="Counts published criminal complaints filed with a police department or its "
        "internal affairs unit, by the department's answer; refusals and unanswered complaints "
        "by how the complaint was brought.",
        build=_complaints,
        breakdown=(
            Complaint.channel,
            COMPLAINT_CHANNELS,
            "Not recorded",
            ("refused", "no_response"),
        ),
    ),
    "external_investigations": Measure(
        key="external_investigations",
        question="Excessive-force cases: how many have an external investigation?",
        figures=[
            ("without", "Without an external investigation"),
            ("with", "With an external investigation"),
        ],
        method="Counts published shootings, deaths in custody and use-of-force cases, by "
        "whether a published external investigation of the case is on record.",
        build=_external,
    ),
    "officers_named": Measure(
        key="officers_named",
        question="Fatal cases: are the officers involved named?",
        figures=[("not_named", "Officers withheld or unknown"), ("named", "All officers named")],
        method="Counts published cases with a fatal outcome. A case counts as named only when "
        "every officer linked to it is published with a name; a case with no officer on record "
        "counts as unknown.",
        build=_named,
    ),
    "premature_reinstatement": Measure(
        key="premature_reinstatement",
        question="Reinstatements: how many came while a related investigation was still open?",
        figures=[
            (PREMATURE, "While an investigation was open"),
            (UNDETERMINED, "Dates on record cannot tell"),
            (NOT_PREMATURE, "No related investigation open"),
        ],
        method="Compares each published reinstatement's date with the opening and closing "
        "dates of its published related investigations. An investigation closed on the day of "
        "the reinstatement counts as closed; one opened later does not count.",
        build=_reinstatements,
    ),
}


def _related_builder(demand):
    """Demand 5: the published legal actions and investigations linked to ``demand``."""

    def build():
        """The linked records, by kind; the subclass columns load with them (no query each)."""
        kinds = records_with((LegalAction, Investigation))
        statement = (
            select(kinds)
            .join(DemandLink, DemandLink.record_id == kinds.id)
            .where(
                DemandLink.demand_id == demand.id,
                kinds.status == PUBLISHED,
                kinds.kind.in_(("legal_action", "investigation")),
            )
        )
        return kinds, statement, kinds.kind, (kinds.id,), ()

    return Measure(
        key="related_actions",
        question="What legal actions and investigations bear on this demand, and how far "
        "have they got?",
        figures=[("legal_action", "Legal actions"), ("investigation", "Investigations")],
        method="Lists published legal actions and investigations linked to this demand.",
        build=build,
    )


def measure_for(demand):
    """The ``Measure`` of ``demand``'s indicator, or None when it has none."""
    if demand.indicator == "related_actions":
        return _related_builder(demand)
    return MEASURES.get(demand.indicator)


def compute(measure, pages=None, scope=None):
    """The ``Indicator`` of ``measure``: counts by one GROUP BY, and the pages asked for.

    ``pages`` maps a figure's key to the page of its records to load (``{}``: page 1 of every
    figure); None loads no record (the scoreboard shows counts only). The counts and each
    page's record ids are worked out once per change of the data (``tracker.records.kept``);
    ``scope`` tells apart measures of the same key over different records (demand 5's links).
    """
    # Built only when an answer is worked out: building the verdict's SQL (aliases, EXISTS,
    # CASE) costs more Python than a warm page's own queries.
    build = functools.cache(measure.build)
    counted = kept(
        "demand_figures",
        ("counts", measure.key, scope),
        lambda: _counted(measure, build()[1], build()[2]),
    )
    figures = [
        Figure(label, key=key, count=count, breakdown=list(breakdown))
        for label, key, count, breakdown in counted
    ]
    if pages is None:
        return Indicator(measure.key, measure.question, figures, measure.method)
    for figure in figures:
        figure.page = min(max(1, pages.get(figure.key, 1)), figure.pages)
    # Every figure's page as links (plain values: title and place), worked out once per change
    # of the data: loading 20 records a figure with their kinds' columns cost more than the
    # rest of the page. Every figure's page in one query, however many figures have records.
    shown = tuple((figure.key, figure.page) for figure in figures if figure.count)
    listed = kept(
        "demand_figures",
        ("pages", measure.key, scope, shown),
        lambda: _page_links(*build(), figures),
    )
    for figure in figures:
        figure.records = list(listed.get(figure.key, ()))
    return Indicator(measure.key, measure.question, figures, measure.method)


def _counted(measure, statement, verdict):
    """``[(label, key, count, breakdown)]`` of the measure's figures (plain values, kept)."""
    if measure.breakdown:
        figures = _broken_down(measure, statement, verdict)
    else:
        # Grouped over a subquery: PostgreSQL cannot match a GROUP BY that repeats an
        # expression with bound parameters to the same expression in the SELECT list.
        verdicts = statement.with_only_columns(
            verdict.label("verdict"), maintain_column_froms=True
        ).subquery()
        counted = select(verdicts.c.verdict, func.count()).group_by(verdicts.c.verdict)
        counts = {row[0]: row[1] for row in db.session.execute(counted)}
        figures = [
            Figure(label, key=key, count=counts.get(key, 0)) for key, label in measure.figures
        ]
    return [(figure.label, figure.key, figure.count, tuple(figure.breakdown)) for figure in figures]


def _page_ids(entity, statement, verdict, order, figure):
    """The ids of ``figure``'s records on its page, in the page's order (kept)."""
    return tuple(
        db.session.scalars(
            statement.where(verdict == figure.key)
            .with_only_columns(entity.id, maintain_column_froms=True)
            .order_by(*order)
            .limit(PAGE_SIZE)
            .offset((figure.page - 1) * PAGE_SIZE)
        ).all()
    )


def _page_links(entity, statement, verdict, order, options, figures):
    """``{figure key: (Link, ...)}``: each counted figure's page of records, in order (kept)."""
    pages = {
        figure.key: _page_ids(entity, statement, verdict, order, figure)
        for figure in figures
        if figure.count
    }
    loaded = _load(entity, statement, options, [key for ids in pages.values() for key in ids])
    return {
        key: tuple(link_of(loaded[record_id]) for record_id in ids if record_id in loaded)
        for key, ids in pages.items()
    }


def _load(entity, statement, options, ids):
    """``{id: record}`` of the records ``ids`` that ``statement`` still counts: one query."""
    if not ids:
        return {}
    return {
        record.id: record
        for record in db.session.scalars(
            statement.where(entity.id.in_(ids)).options(*options)
        ).all()
    }


def _broken_down(measure, statement, verdict):
    """The figures, counted by verdict and the breakdown column in one GROUP BY."""
    column, labels, blank, keys = measure.breakdown
    rows = statement.with_only_columns(
        verdict.label("verdict"), column.label("part"), maintain_column_froms=True
    ).subquery()
    counted = select(rows.c.verdict, rows.c.part, func.count()).group_by(
        rows.c.verdict, rows.c.part
    )
    counts, parts = {}, {}
    for key, part, number in db.session.execute(counted):
        counts[key] = counts.get(key, 0) + number
        parts.setdefault(key, {})[part] = number
    figures = []
    for key, label in measure.figures:
        figure = Figure(label, key=key, count=counts.get(key, 0))
        if key in keys:
            found = parts.get(key, {})
            figure.breakdown = [(labels[value], found[value]) for value in labels if value in found]
            if None in found:
                figure.breakdown.append((blank, found[None]))
        figures.append(figure)
    return figures


def compute_indicator(demand, pages=None):
    """Return the ``Indicator`` for ``demand`` (see ``compute``), or None when it has none."""
    measure = measure_for(demand)
    return compute(measure, {} if pages is None else pages, demand.id) if measure else None


def counts_only(demand):
    """``demand``'s indicator with its figures' counts and no records (for the scoreboard)."""
    measure = measure_for(demand)
    return compute(measure, None, demand.id) if measure else None


def complaints_accepted(pages=None):
    """Demand 1: criminal complaints filed with the department, by whether it accepted them."""
    return compute(MEASURES["complaints_accepted"], pages or {})


def external_investigations(pages=None):
    """Demand 2: excessive-force cases with and without an external investigation."""
    return compute(MEASURES["external_investigations"], pages or {})


def officers_named(pages=None):
    """Demand 3: fatal cases whose officers are all publicly named, and those that are not."""
    return compute(MEASURES["officers_named"], pages or {})


def premature_reinstatement(pages=None):
    """Demand 4: reinstatements while a related investigation was still open."""
    return compute(MEASURES["premature_reinstatement"], pages or {})


def related_actions(demand, pages=None):
    """Demand 5: the legal actions and investigations linked to the demand, with status."""
    return compute(_related_builder(demand), pages or {}, demand.id)
