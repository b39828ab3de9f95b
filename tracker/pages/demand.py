"""The demand page model: one loader for the demand page and its PDF.

The demand's text and status, its computed indicator, its dated status history and the records
linked to it, with every source numbered. Run it behind the visibility boundary.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.deadlines.clock import today as clock_today
from tracker.demands.indicators import compute_indicator
from tracker.demands.services import evidence_by_kind, linked_kinds, primary_petition_id
from tracker.extensions import db
from tracker.models import Demand, DemandStatusChange
from tracker.pages.common import Shown, Sources, load_citations, plain_citations
from tracker.pages.demand_requests import AnswerCounts, answer_counts, demand_requests
from tracker.records.dates import demand_court_dates, demand_meetings, demand_next_court_dates
from tracker.records.kept import kept

DATED_PER_PAGE = 50  # docket entries, or meetings, on one page of a demand's lists


@dataclass
class Listed:
    """One page of a demand's dated list (docket entries, meetings) and where it stands."""

    items: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


@dataclass
class DemandPage:
    """What a demand page (and its PDF) shows, in order; only published, public data."""

    demand: Demand
    petition: object
    sources: Sources
    indicator: object = None  # demands.indicators.Indicator or None
    history: list = field(default_factory=list)  # [DemandStatusChange], by date
    evidence: list = field(default_factory=list)  # [(kind label, [(record, note)])]
    evidence_more: dict = field(default_factory=dict)  # {kind label: linked records not listed}
    # The court dates of the legal actions linked to it (demand 5: appeal an immunity): one
    # page of their docket entries, and each action's next hearing or appeal deadline.
    court_dates: Listed = field(default_factory=Listed)
    next_dates: list = field(default_factory=list)  # [DocketEntry], earliest first
    # The public meetings linked to it (demand 6: the chief's resignation), one page, by day.
    meetings: Listed = field(default_factory=Listed)
    # The records requests linked to it (demand 1: stop refusing routine requests), one page,
    # and how their custodians answered: on time, late, never.
    requests: Listed = field(default_factory=Listed)
    answers: AnswerCounts = field(default_factory=AnswerCounts)
    today: object = None  # a date
    shown: Shown = field(default_factory=Shown)
    fingerprint: str = ""
    # Set while rendering a report when WeasyPrint cannot lay it out: "text" hides its Markdown
    # text, "record" all of it (a multi-case report still renders the other cases).
    render_error: str | None = None

    kind = "demand"

    @property
    def record(self):
        """The demand (every page model names its record ``record``)."""
        return self.demand

    @property
    def as_of(self):
        """The last change to anything the page shows."""
        return self.shown.latest


def demand_page(
    number,
    petition=None,
    pages=None,
    court_page=1,
    meetings_page=1,
    today=None,
    requests_page=1,
    full=True,
):
    """The published demand ``number`` of ``petition`` (the primary one by default), or None.

    ``pages`` maps an indicator figure's key to the page of its records to show (page 1 of
    each by default); see ``tracker.demands.indicators.compute``. ``court_page``,
    ``meetings_page`` and ``requests_page`` are the pages of its court dates, meetings and
    records requests; ``today`` (default: the app's, ``tracker.deadlines.clock``) is the day
    "what is next" and "never answered" are counted from. ``full``: the linked records loaded
    in full (the PDF shows each); else as links, all the HTML page lists of them (kept per
    change of the data, ``tracker.demands.services.evidence_by_kind``).
    """
    petition_id = petition.id if petition is not None else primary_petition_id()
    if petition_id is None:
        return None
    demand = db.session.scalars(
        select(Demand)
        .where(Demand.petition_id == petition_id, Demand.number == number)
        .options(
            joinedload(Demand.petition),
            selectinload(Demand.status_changes).joinedload(DemandStatusChange.source),
        )
    ).first()
    if demand is None:
        return None
    evidence, evidence_more = evidence_by_kind(demand, full=full)
    cited = [demand.id] + [record.id for _, rows in evidence for record, _ in rows]
    if full:
        citations = load_citations(cited)
    else:
        # As plain values, kept per change of the data (a source's change moves the stamp):
        # loading 60 records' citations with their sources was a sixth of the page.
        citations = kept(
            "demand_figures", ("citations", tuple(cited)), lambda: plain_citations(cited)
        )
    page = DemandPage(
        demand=demand,
        petition=demand.petition,
        sources=Sources(citations),
        indicator=compute_indicator(demand, pages or {}),
        history=list(demand.status_changes),
        evidence=evidence,
        evidence_more=evidence_more,
        today=today or clock_today(),
    )
    session = db.session
    # A dated list is read only when a record of its kind is linked to the demand (kept: most
    # demands have no legal action, meeting or records request, and ask no query for them).
    linked = linked_kinds(demand)
    if "legal_action" in linked:
        page.court_dates = Listed(
            *demand_court_dates(session, demand.id, court_page, DATED_PER_PAGE)
        )
    if page.court_dates.total:
        page.next_dates = demand_next_court_dates(session, demand.id, page.today)
    if "meeting" in linked:
        page.meetings = Listed(*demand_meetings(session, demand.id, meetings_page, DATED_PER_PAGE))
    if "records_request" in linked:
        page.requests = Listed(*demand_requests(session, demand.id, requests_page, DATED_PER_PAGE))
    if page.requests.total:
        page.answers = answer_counts(session, demand.id, page.today)
    _number_and_stamp(page)
    return page


def _number_and_stamp(page):
    """Number the sources in the order the page shows them and note everything it shows."""
    demand, sources, shown = page.demand, page.sources, page.shown
    shown.add(demand, page.petition)
    sources.cite(demand)
    if page.indicator is not None:
        for figure in page.indicator.figures:
            shown.add(*figure.records)
            shown.values(figure.label, figure.value, figure.page)
    for change in page.history:
        shown.values(change.changed_on, change.status, change.note)
        sources.cite_part(change, change.source)
    shown.values(*page.evidence_more.items())
    for entry in page.court_dates.items:
        shown.add(entry.legal_action)
        shown.values(entry.id, entry.entry_kind, entry.entry_on, entry.entry_time, entry.place)
        shown.values(entry.description, entry.source_id)
        sources.cite_part(entry, entry.source)
    shown.values("next", *(entry.id for entry in page.next_dates), page.court_dates.total)
    shown.add(*page.meetings.items)
    shown.values("meetings", page.meetings.total, page.meetings.page)
    shown.add(*page.requests.items)
    shown.values("requests", page.requests.total, page.requests.page, *vars(page.answers).values())
    for _label, rows in page.evidence:
        for record, note in rows:
            shown.add(record)
            shown.values(note)
            sources.cite(record)
    page.fingerprint = shown.fingerprint(sources)
