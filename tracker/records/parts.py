"""How the editing service writes a record's parts: rows of their own (each kind names its own).

A case's people and officers (with their roles), its tags and timeline. Each writer changes only
what differs, and deletes parts while still attached so the revision log names the record they
left. ``add_only`` (the import) never removes.
"""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import CaseOfficer, CasePerson, Tag, TimelineEvent
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
