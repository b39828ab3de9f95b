"""How the editing service writes a record's parts: rows of their own (each kind names its own).

A case's people and officers (with their roles), its tags and timeline. Each writer changes only
what differs, and deletes parts while still attached so the revision log names the record they
left. ``add_only`` (the import) never removes.
"""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import (
    AgendaItem,
    CaseOfficer,
    CasePerson,
    Citation,
    DocketEntry,
    RequestEvent,
    Tag,
    TimelineEvent,
)
from tracker.records.slugs import slugify


def _sync_roles(collection, model, attr, wanted, add_only):
    """Keep the (record, role) pairs that stay, drop the others and add the new ones.

    Plain records count as the "involved" role. ``add_only`` never drops and skips a record
    already present in any role.
    """
    pairs = []
    for item in wanted:
        pair = item if isinstance(item, tuple) else (item, "involved")
        if pair[0] is not None and pair not in pairs:
            pairs.append(pair)
    present = set()
    for part in list(collection):
        pair = (getattr(part, attr), part.role)
        if pair in pairs or add_only:
            present.add(pair)
        else:
            # Deleted while still attached, so the revision log can name the case it left.
            db.session.delete(part)
    linked = {record for record, _ in present}
    for record, role in pairs:
        if (record, role) not in present and not (add_only and record in linked):
            collection.append(model(**{attr: record, "role": role}))


def case_people(case, wanted, add_only):
    """People in a case, as (person, role) pairs."""
    _sync_roles(case.people, CasePerson, "person", wanted, add_only)


def case_officers(case, wanted, add_only):
    """Officers in a case, as (officer, role) pairs or officers ("involved")."""
    _sync_roles(case.officers, CaseOfficer, "officer", wanted, add_only)


def case_tags(case, names, add_only):
    """The tags named in ``names``, created when new."""
    tags = list(case.tags) if add_only else []
    for name in names or ():
        name = name.strip()[:80]
        if not name:
            continue
        slug = slugify(name)
        tag = db.session.scalars(select(Tag).filter_by(slug=slug).limit(1)).first()
        if tag is None:
            tag = Tag(name=name, slug=slug)
            db.session.add(tag)
        if tag not in tags:
            tags.append(tag)
    case.tags = tags


def case_timeline(case, entries, add_only):
    """Update timeline events by id, add new ones and remove the ones left out.

    Each entry is a dict: ``id`` (of an existing event, or None), ``occurred_on``,
    ``date_precision`` and ``description``; entries without a description are dropped.
    """
    existing = {str(event.id): event for event in case.timeline}
    keep = []
    for entry in entries:
        if not entry.get("description"):
            continue
        event = existing.get(str(entry.get("id"))) or TimelineEvent()
        event.occurred_on = entry.get("occurred_on")
        event.date_precision = entry.get("date_precision") or "day"
        event.description = entry["description"]
        keep.append(event)
    for event in list(case.timeline):
        if event not in keep and not add_only:
            db.session.delete(event)
    for event in keep:
        if event not in case.timeline:
            case.timeline.append(event)


def _sync_rows(collection, model, entries, fields, add_only, keep=lambda entry: True):
    """Update ``collection``'s rows by id from ``entries`` (dicts), add new ones, drop the rest.

    Only the ``fields`` are copied; an entry ``keep`` refuses (a blank row) is left out.
    """
    existing = {str(row.id): row for row in collection}
    kept = []
    for entry in entries:
        if not keep(entry):
            continue
        row = existing.get(str(entry.get("id"))) or model()
        for name in fields:
            if getattr(row, name) != entry.get(name):
                setattr(row, name, entry.get(name))
        kept.append(row)
    for row in list(collection):
        if row not in kept and not add_only:
            db.session.delete(row)  # still attached, so the revision log names the record
    for row in kept:
        if row not in collection:
            collection.append(row)


DOCKET_FIELDS = ("entry_kind", "entry_on", "entry_time", "place", "description", "source")


def legal_action_docket(action, entries, add_only):
    """A legal action's docket entries by id; a row needs a date and a description."""
    _sync_rows(
        action.docket,
        DocketEntry,
        entries,
        DOCKET_FIELDS,
        add_only,
        keep=lambda entry: bool(entry.get("entry_on") and entry.get("description")),
    )


AGENDA_FIELDS = (
    "position",
    "title",
    "discussion",
    "votes_for",
    "votes_against",
    "abstentions",
    "vote",
    "case",
)


def meeting_agenda(meeting, entries, add_only):
    """A meeting's agenda items by id, numbered in the order given; a row needs a title."""
    rows = [entry for entry in entries if entry.get("title")]
    for position, entry in enumerate(rows, start=1):
        entry["position"] = position
    _sync_rows(meeting.agenda, AgendaItem, rows, AGENDA_FIELDS, add_only)


REQUEST_EVENT_FIELDS = ("occurred_on", "event_kind", "available_on", "amount", "exemption", "note")


def request_events(request, entries, add_only):
    """A records request's history: steps by id, a row without a kind left out.

    Each step may name its ``source`` (the letter or the released document).
    """
    _sync_rows(
        request.events,
        RequestEvent,
        entries,
        (*REQUEST_EVENT_FIELDS, "source"),
        add_only,
        keep=lambda entry: bool(entry.get("event_kind")),
    )
    # The letters and released documents are the request's sources: cited, so they are listed
    # with it, count towards publishing it and follow the sources' own rules (documents shown
    # only once reviewed for private data).
    cited = {citation.source for citation in request.citations}
    for step in request.events:
        if step.source is not None and step.source not in cited:
            request.citations.append(Citation(source=step.source))
            cited.add(step.source)
