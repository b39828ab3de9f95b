"""Public meetings: a body's meeting (the Board of Police Commissioners), with a page of its own.

Its agenda items (what was said, any vote, the case an item bears on) are its parts; the
demands it bears on are demand links, as on every record.
"""

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from tracker.kinds.base import Computed, Filter, OwnPages, RecordKind, public_id
from tracker.kinds.case_filters import published_id
from tracker.kinds.proceedings import reference_id
from tracker.models import AgendaItem, Meeting
from tracker.records import parts


def _agenda_lines(meeting):
    """Each agenda item as one line: title, what was said, the vote."""
    lines = []
    for item in meeting.agenda:
        line = item.title
        if item.discussion:
            line += f": {item.discussion}"
        if item.has_vote:
            line += f" (vote: {item.vote_summary})"
        lines.append(line)
    return lines


def _search_text(meeting):
    """The body and each agenda item, leading to the item on the meeting's page."""
    lines = [f"Meeting of {meeting.body.title}"] if public_id(meeting.body) else []
    lines += [
        (line, f"agenda-{item.id}")
        for line, item in zip(_agenda_lines(meeting), meeting.agenda, strict=True)
    ]
    return lines


def _natural_key(values):
    """A meeting is its body, its day and its title."""
    body_id, day, title = reference_id(values, "body"), values.get("meets_on"), values["title"]
    return ("meeting", body_id, day, title), lambda: select(Meeting).where(
        Meeting.body_id == body_id, Meeting.meets_on == day, Meeting.title == title
    )


KIND = RecordKind(
    name="meeting",
    model=Meeting,
    label="Public meeting",
    plural="Public meetings",
    collection="meetings",
    order=55,
    own_pages=OwnPages(
        blueprint="meetings",
        path="/meetings",
        list_query="tracker.pages.meeting:meeting_list",
        page_model="tracker.pages.meeting:meeting_page",
        list_template="meetings/index.html",
        page_template="meetings/detail.html",
        record_name="meeting",
        menu="Meetings",
        report_template="reports/meeting.html",
    ),
    computed=(
        Computed(
            "body_name",
            "string",
            "Name of the body that met.",
            lambda meeting: meeting.body.title if public_id(meeting.body) else None,
        ),
        Computed(
            "agenda",
            "string list",
            "The agenda items in order: title, what was said, the vote.",
            _agenda_lines,
        ),
        Computed(
            "case_ids",
            "integer list",
            "Ids of the published cases its agenda items bear on.",
            lambda meeting: sorted(
                {item.case_id for item in meeting.agenda if public_id(item.case)}
            ),
        ),
    ),
    part_writers={"agenda": parts.meeting_agenda},
    load=(
        selectinload(Meeting.body),
        selectinload(Meeting.agenda).selectinload(AgendaItem.case),
    ),
    api=True,
    api_filters=(
        Filter(
            "body",
            "Only meetings of this body (agency id).",
            lambda value: and_(Meeting.body_id == value, published_id(value)),
        ),
    ),
    natural_key=_natural_key,
    search_text=_search_text,
    dated_by="meets_on",
)
