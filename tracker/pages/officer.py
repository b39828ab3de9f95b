"""The officer page model: one loader for the officer page and its PDF.

Identity, the duty-status timeline and every published record that involves the officer, in a
fixed number of queries however many records there are. Run it behind the visibility boundary.
"""

from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import case as case_when
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.duty.figures import officer_figures
from tracker.duty.rules import duty_status
from tracker.extensions import db
from tracker.inline_marks import record_anchor, ref_marks, verdict_mark
from tracker.kinds import kind_of, public_url
from tracker.models import Case, CaseOfficer, DemandLink, DutyEvent, Officer
from tracker.models.choices import SEPARATIONS
from tracker.pages.common import (
    Shown,
    Sources,
    by_demand_number,
    load_citations,
    note_sections,
    officer_facts,
    plain_citations,
    sort_undated_last,
)
from tracker.pages.officer_sections import officer_sections, refused_complaints
from tracker.records.kept import kept
from tracker.records.links import Entry, Link, entry_of, link_of
from tracker.records.public import kept_public_changes, public_changes
from tracker.templating import format_date


@dataclass
class OfficerPage:
    """What an officer page (and its PDF) shows, in order; only published, public data."""

    officer: Officer
    sources: Sources
    facts: list = field(default_factory=list)  # [(label, value)]
    status: object = None  # DutyStatus
    figures: object = None  # OfficerFigures (tracker.duty.figures): the record in numbers
    duty_events: list = field(default_factory=list)  # [DutyEvent], undated last
    cases: list = field(default_factory=list)  # [(Case, role)], newest first, undated last
    case_count: int = 0  # every published case naming the officer (``cases`` is one page)
    case_page: int = 1
    # [(RecordKind, [record])]: every kind with an officer section (records naming the officer)
    sections: list = field(default_factory=list)
    # [TimelineEntry]: the career (assignments, joining and leaving), duty events, the page's
    # cases and every dated record of the officer sections, oldest first
    timeline: list = field(default_factory=list)
    section_counts: dict = field(default_factory=dict)  # {kind name: SectionCount}
    # [Complaint]: the latest complaints the officer refused or left unanswered (the count is
    # ``figures.refused``)
    refused: list = field(default_factory=list)
    demand_links: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    shown: Shown = field(default_factory=Shown)
    fingerprint: str = ""
    # Set while rendering a report when WeasyPrint cannot lay it out: "text" hides its Markdown
    # text, "record" all of it (a multi-case report still renders the other cases).
    render_error: str | None = None

    kind = "officer"

    @property
    def record(self):
        """The officer (every page model names its record ``record``)."""
        return self.officer

    @property
    def last_updated(self):
        """When the officer record was last changed."""
        return self.officer.updated_at

    @property
    def as_of(self):
        """The last change to anything the page shows."""
        return self.shown.latest

    def timeline_lines(self):
        """The career timeline's ``<li>`` lines as markup (``officers/detail.html``).

        Written here, not in the template: the busiest officer's 110 lines (a link and a date
        each) cost the template 1.7 ms a request, four times what they cost here.
        """
        lines = []
        for entry in self.timeline:
            url = public_url(entry.record) if entry.record else None
            text = escape(entry.text)
            if url:
                text = f'<a href="{escape(url)}">{text}</a>'
            day = entry.day
            # Escaped as ``{{ }}`` escapes (an ISO date and a formatted date need none).
            lines.append(
                f'            <li><time datetime="{day.isoformat()}">{escape(format_date(day))}'
                f"</time>: {text}</li>"
            )
        return Markup("\n".join(lines))  # noqa: S704  # nosec B704  # every value above is escaped

    def duty_lines(self):
        """The duty-status timeline's ``<li>`` lines as markup (``officers/detail.html``).

        Written here for the reason of ``timeline_lines``: the busiest officer has 56 events.
        """
        refs, lines = self.sources.refs, []
        for event in self.duty_events:
            day = event.occurred_on
            when = f' datetime="{day.isoformat()}"' if day else ""
            what = escape(event.duty_kind_label)
            if event.note:
                what = f"{what} ({escape(event.note)})"
            line = (
                f'            <li id="record-{event.id}"><time{when}>'
                f"{escape(format_date(day, event.date_precision))}</time>: {what}"
                f"{ref_marks(refs(event))} {verdict_mark(event.reinstated_while_open)}\n"
            )
            if event.investigations:
                links = ", ".join(record_anchor(item) for item in event.investigations)
                line += f'<span class="muted">Related investigations: {links}</span>'
            lines.append(line + "</li>")
        return Markup("\n".join(lines))  # noqa: S704  # nosec B704  # every value is escaped

    @property
    def case_pages(self):
        """How many pages the officer's cases fill."""
        return max(1, -(-self.case_count // CASES_PER_PAGE))


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of the officer's career timeline: what happened, and the record it is on."""

    day: object
    text: str
    record: object = None  # the record linked from the line (None: the officer's own facts)


def career_timeline(page):
    """The officer's timeline from every dated thing the page shows, oldest first, ties by kind.

    Each kind with an officer section brings its dated records (``Section.timeline_entries``),
    so a new kind listed on the officer page joins the timeline with no change here.
    """
    officer = page.officer
    entries = []
    if officer.employed_on:
        entries.append(TimelineEntry(officer.employed_on, "Joined the agency"))
    for kind, records in page.sections:
        for record in records:
            # An ``Entry`` (the web page's plain values) carries its lines, worked out when kept.
            lines = (
                record.timeline
                if isinstance(record, Entry)
                else kind.section.timeline_entries(kind, record)
            )
            for day, text in lines:
                entries.append(TimelineEntry(day, text, record))
    for event in page.duty_events:
        if event.occurred_on:
            entries.append(TimelineEntry(event.occurred_on, event.duty_kind_label, event))
    for case, _role in page.cases:
        if case.occurred_on:
            entries.append(TimelineEntry(case.occurred_on, f"Case: {case.title}", case))
    if officer.separated_on:
        label = SEPARATIONS.get(officer.separation, "Left the agency")
        entries.append(TimelineEntry(officer.separated_on, label))
    return sorted(entries, key=lambda entry: entry.day)


CASES_PER_PAGE = 25  # an officer on thousands of cases: a page of them (as lists), and the count


def officer_page(officer_id, changes=True, case_page=1, records=(None, 1), fingerprint=True):
    """The published officer ``officer_id`` and everything the page shows, or None.

    The cases come a page (``case_page``) at a time, newest first, undated last, ties by id,
    with their count: the page and its PDF stay small however many cases name the officer.
    The other sections show their counts and latest records, or (``records``: a kind's path
    and a page number) one page of every record of that kind (``officer_sections``).
    ``fingerprint``: note everything shown for the PDF's fingerprint and ``as_of``; the web
    page (False) loads only what its entries read and numbers the sources alone.
    """
    # The web page reads its demand links and changes as plain values kept per data stamp
    # (below); the PDF notes the links' demands in its fingerprint, so it loads them.
    options = [joinedload(Officer.agency)]
    if fingerprint:
        options.append(selectinload(Officer.demand_links).joinedload(DemandLink.demand))
    officer = db.session.scalars(
        select(Officer).where(Officer.id == officer_id).options(*options)
    ).first()
    if officer is None:
        return None
    if fingerprint:
        events = _duty_events(officer_id)
    else:
        # The web page's duty events as ``Entry`` values kept per data stamp: loading the busiest
        # officer's 68 events and their investigations cost 3-4 ms and two statements a request.
        events = list(
            kept(
                "officer_duty_entries",
                (officer_id,),
                lambda: tuple(_duty_entry(event) for event in _duty_events(officer_id)),
            )
        )
    linked = (
        select(Case, CaseOfficer.role)
        .join(CaseOfficer, CaseOfficer.case_id == Case.id)
        .where(CaseOfficer.officer_id == officer_id)
    )
    case_count = kept(
        "officer_case_counts",
        (officer_id,),
        lambda: db.session.scalar(
            select(func.count()).select_from(linked.with_only_columns(Case.id).subquery())
        ),
    )
    case_page = min(max(1, case_page), max(1, -(-case_count // CASES_PER_PAGE)))
    # Undated last as a CASE, not ``occurred_on IS NULL``: that matches ``ix_cases_newest``, and
    # PostgreSQL then walked every case newest first for the officer's (50 ms at 100,000 cases)
    # where sorting the officer's own cases costs a few milliseconds.
    undated = case_when((Case.occurred_on.is_(None), 1), else_=0)
    # The page's (case id, role) kept per data stamp (plain values): sorting the busiest
    # officer's thousands of cases cost 5 ms a request; the page's 25 cases load by id.
    rows = kept(
        "officer_case_pages",
        (officer_id, case_page),
        lambda: [
            tuple(row)
            for row in db.session.execute(
                linked.with_only_columns(Case.id, CaseOfficer.role)
                .order_by(undated, Case.occurred_on.desc(), Case.id.asc())
                .limit(CASES_PER_PAGE)
                .offset((case_page - 1) * CASES_PER_PAGE)
            )
        ],
    )
    if fingerprint:
        cases = _cases(rows)
    else:
        # The web page's cases as ``Entry`` values kept per data stamp: what their lines read.
        cases = list(
            kept(
                "officer_case_entries",
                (officer_id, case_page),
                lambda: tuple(
                    (entry_of(case, CASE_ENTRY_FACTS), role) for case, role in _cases(rows)
                ),
            )
        )
    sections, section_counts = officer_sections(officer_id, *records, entries_only=not fingerprint)
    refused = refused_complaints(officer_id)
    shown_records = [officer, *events, *(record for _, records in sections for record in records)]
    shown_records += refused
    cited = [record.id for record in shown_records] + [c.id for c, _ in cases]
    # The web page's sources are numbered below, from plain values, and kept.
    page = OfficerPage(
        officer=officer, sources=Sources(load_citations(cited) if fingerprint else {})
    )
    page.facts = officer_facts(officer)
    page.duty_events = sort_undated_last(events, "occurred_on")
    page.status = duty_status(events)
    page.figures = officer_figures(officer_id)
    page.cases = cases
    page.case_count, page.case_page = case_count, case_page
    page.sections, page.section_counts = sections, section_counts
    page.refused = refused
    page.timeline = career_timeline(page)
    if fingerprint:
        page.demand_links = by_demand_number(officer.demand_links)
        if changes:
            page.changes = public_changes(officer_id)
        _number_and_stamp(page)
    else:
        # Both change only with a revision, which moves the data stamp: a statement each saved.
        page.demand_links = kept(
            "officer_demand_mentions", (officer_id,), lambda: demand_mentions(officer_id)
        )
        if changes:
            page.changes = kept_public_changes(officer_id)
        # What the page cites follows from its kept entries alone, so its numbered sources are
        # kept with them (``Sources`` of plain values, only read once numbered): numbering the
        # busiest officer's 112 sources cost 0.6 ms a request, loading a hundred records'
        # citations as ORM objects 3 ms.
        page.sources = kept(
            "officer_page_sources",
            (officer_id, case_page, *records),
            lambda: _number(page, plain_citations(cited)),
        )
    return page


def _duty_events(officer_id):
    """The officer's published duty events with their investigations, in two queries."""
    return (
        db.session.scalars(
            select(DutyEvent)
            .where(DutyEvent.officer_id == officer_id)
            # selectinload: a join would have SQLite build every duty event's investigations
            # (25 ms at 100,000 cases) before picking the officer's
            .options(selectinload(DutyEvent.investigations))
        )
        .unique()
        .all()
    )


# What a duty event's line (and the duty status) reads of it beside its link.
DUTY_ENTRY_FACTS = ("occurred_on", "date_precision", "duty_kind", "duty_kind_label", "note")


def _duty_entry(event):
    """The ``Entry`` of a duty event: its line's facts, its investigations' links and verdict."""
    return entry_of(
        event,
        DUTY_ENTRY_FACTS,
        investigations=tuple(link_of(item) for item in event.investigations),
        reinstated_while_open=kind_of(event).computed_value(event, "reinstated_while_open"),
    )


CASE_ENTRY_FACTS = ("occurred_on", "date_precision")  # what a case's line reads beside its link


def _cases(rows):
    """``[(Case, role)]`` of the page's ``rows`` (case id, role), loaded by id in one query."""
    ids = [case_id for case_id, _role in rows]
    if not ids:
        return []
    found = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(ids)))}
    # A case withdrawn since the ids were kept moved the stamp: every case is found here.
    return [(found[case_id], role) for case_id, role in rows if case_id in found]


@dataclass(frozen=True)
class DemandMention:
    """A demand the officer bears on, as plain values: its ``Link`` and the link's note."""

    demand: Link
    note: str | None


def demand_mentions(officer_id):
    """``[DemandMention]`` of the published demands the officer bears on, by demand number."""
    links = db.session.scalars(
        select(DemandLink)
        .where(DemandLink.record_id == officer_id)
        .options(joinedload(DemandLink.demand))
    ).all()
    return [DemandMention(link_of(link.demand), link.note) for link in by_demand_number(links)]


def _number(page, citations):
    """``Sources`` of ``citations`` numbered in the order the page shows them.

    (``_number_and_stamp``'s order.)
    """
    sources = page.sources = Sources(citations)
    for record in [page.officer, *page.duty_events, *(case for case, _ in page.cases)]:
        sources.cite(record)
    for complaint in page.refused:
        sources.cite(complaint)
    for kind, records in page.sections:
        for record in records:
            sources.cite(record)
            for part, source in (
                kind.section.part_sources(record) if kind.section.part_sources else ()
            ):
                sources.cite_part(part, source)
    return sources


def _number_and_stamp(page):
    """Number the sources in the order the page shows them and note everything it shows."""
    officer, sources, shown = page.officer, page.sources, page.shown
    shown.add(officer, officer.agency)
    shown.values(page.figures.stamp())
    sources.cite(officer)
    for event in page.duty_events:
        shown.add(event, *event.investigations)
        sources.cite(event)
    for case, role in page.cases:
        shown.add(case)
        shown.values(role)
        sources.cite(case)
    shown.values(page.case_count, page.case_page)
    shown.values(officer.employed_on, officer.separation, officer.separated_on)
    shown.values(*(vars(count) for count in page.section_counts.values()))
    for complaint in page.refused:
        shown.add(complaint)
        sources.cite(complaint)
    note_sections(page)
    for link in page.demand_links:
        shown.add(link.demand)
        shown.values(link.note)
    page.fingerprint = shown.fingerprint(sources)


def officer_list_statement():
    """Published officers with their agency, named ones first, then by title."""
    return select(Officer).options(joinedload(Officer.agency)).order_by(*LIST_ORDER)


LIST_ORDER = ((Officer.identity_status != "named"), Officer.title, Officer.id)
