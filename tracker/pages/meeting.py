"""The meeting page model: one loader for a public meeting's page and its PDF, and the list.

A meeting, the body that met, its agenda items (each with the case it bears on) and the
demands it bears on, with every source numbered. Run it behind the visibility boundary.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.extensions import db
from tracker.models import AgendaItem, DemandLink, Meeting
from tracker.pages.common import Shown, Sources, by_demand_number, load_citations
from tracker.records.public import public_changes


@dataclass
class MeetingPage:
    """What a meeting page (and its PDF) shows, in order; only published, public data."""

    meeting: Meeting
    sources: Sources
    agenda: list = field(default_factory=list)  # [AgendaItem] in order
    demand_links: list = field(default_factory=list)  # [DemandLink], by demand number
    changes: list = field(default_factory=list)
    shown: Shown = field(default_factory=Shown)
    fingerprint: str = ""
    render_error: str | None = None  # set by a report that cannot lay out the text

    kind = "meeting"

    @property
    def record(self):
        """The meeting (every page model names its record ``record``)."""
        return self.meeting

    @property
    def as_of(self):
        """The last change to anything the page shows."""
        return self.shown.latest


def meeting_list_statement():
    """SELECT of the published meetings, newest first, with the body that met."""
    return (
        select(Meeting)
        .options(joinedload(Meeting.body))
        .order_by(Meeting.meets_on.desc(), Meeting.id.desc())
    )


def meeting_list(args):
    """The meeting list's rows and values (it has no filters): ``(statement, {})``."""
    return meeting_list_statement(), {}


def meeting_page(record_id, changes=True):
    """The published meeting ``record_id`` as its page shows it, or None (a fixed query count)."""
    meeting = db.session.scalars(
        select(Meeting)
        .where(Meeting.id == record_id)
        .options(
            joinedload(Meeting.body),
            selectinload(Meeting.agenda).joinedload(AgendaItem.case),
            selectinload(Meeting.demand_links).joinedload(DemandLink.demand),
        )
    ).first()
    if meeting is None:
        return None
    page = MeetingPage(meeting=meeting, sources=Sources(load_citations([meeting.id])))
    page.agenda = list(meeting.agenda)
    page.demand_links = by_demand_number(meeting.demand_links)
    if changes:
        page.changes = public_changes(meeting.id)
    shown = page.shown
    shown.add(meeting, meeting.body)
    page.sources.cite(meeting)
    for item in page.agenda:
        shown.add(item.case)
        shown.values(
            item.position,
            item.title,
            item.discussion,
            item.votes_for,
            item.votes_against,
            item.abstentions,
            item.vote,
        )
    for link in page.demand_links:
        shown.add(link.demand)
        shown.values(link.note)
    page.fingerprint = shown.fingerprint(page.sources)
    return page
