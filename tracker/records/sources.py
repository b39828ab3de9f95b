"""Sources, for the workspace and the public site alike.

Who may read a document, which published records cite a source, and marking a document
reviewed for private data (recorded in the source's history).
"""

from flask_login import current_user
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import aliased

from tracker.extensions import db
from tracker.models import (
    Case,
    Citation,
    Demand,
    DemandStatusChange,
    DocketEntry,
    LegalAction,
    Record,
    Source,
    SourceRevision,
    TimelineEvent,
)
from tracker.models.base import utcnow
from tracker.models.choices import PUBLISHED
from tracker.records.kept import kept
from tracker.records.links import link_of
from tracker.records.polymorphic import load_records


def cited_by_published():
    """A condition on ``Source``: a published record cites it (what makes a source public).

    A record cites a source through a citation, or through a part its page shows with that
    source beside it: a case's timeline event, a demand's dated status change, a legal action's
    docket entry.
    """
    owner = aliased(Record)
    return or_(
        exists()
        .where(Citation.source_id == Source.id)
        .where(Citation.record_id == Record.id, Record.status == PUBLISHED),
        exists()
        .where(TimelineEvent.source_id == Source.id)
        .where(TimelineEvent.case_id == owner.id, owner.status == PUBLISHED),
        exists()
        .where(DemandStatusChange.source_id == Source.id)
        .where(DemandStatusChange.demand_id == owner.id, owner.status == PUBLISHED),
        exists()
        .where(DocketEntry.source_id == Source.id)
        .where(DocketEntry.legal_action_id == owner.id, owner.status == PUBLISHED),
    )


CITING_PER_PAGE = 50  # records listed on one page of a source's page
PARTS_LISTED = 50  # timeline entries (and status changes, docket entries) listed, each


def published_citing(source_id, page=1, per_page=None):
    """One page of the published records that cite the source, by title, as links.

    Returns ``(links, total, page, pages)`` (``tracker.records.links.Link``), worked out once
    per change of the data (``tracker.records.kept``): a warm page asks no query for them,
    whether 5 records or 5,000 cite the source (ordering 5,000 by title cost 8 ms).
    """
    per_page = per_page or CITING_PER_PAGE
    page = max(1, page or 1)
    return kept(
        "source_citing", (source_id, page, per_page), lambda: _citing(source_id, page, per_page)
    )


def _citing(source_id, page, per_page):
    """``published_citing``'s answer: the count, the page's ids and kinds, then their links.

    The records load with their kinds' own columns and what their links read in one query a
    kind relationship (``load_records``), never one a record. In one query, PostgreSQL planned
    the eleven-table join of every kind before the limit (3 s at 100,000 cases).
    """
    citing = (
        select(Record.id)
        .join(Citation, Citation.record_id == Record.id)
        .where(Citation.source_id == source_id, Record.status == PUBLISHED)
    )
    # Always counted, so the page runs the same queries for 5 records or 5,000.
    total = db.session.scalar(select(func.count()).select_from(citing.subquery()))
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    rows = db.session.execute(
        citing.add_columns(Record.kind)
        .order_by(Record.title, Record.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    loaded = load_records([key for key, _ in rows], {kind for _, kind in rows}, links=True)
    return tuple(link_of(loaded[key]) for key, _ in rows if key in loaded), total, page, pages


def cited_in_parts(source_id):
    """The timeline events, demand status changes and docket entries citing the source.

    ``[(part, owner)]`` by the owner's title, then by date (undated last, on every database):
    three queries, the owner loaded with its part (a case, a demand or a legal action; its page
    shows the part at the anchor ``part_anchor``), the first ``PARTS_LISTED`` of each.
    """
    parts = []
    for model, owner, owner_id, day in (
        (TimelineEvent, Case, TimelineEvent.case_id, TimelineEvent.occurred_on),
        (DemandStatusChange, Demand, DemandStatusChange.demand_id, DemandStatusChange.changed_on),
        (DocketEntry, LegalAction, DocketEntry.legal_action_id, DocketEntry.entry_on),
    ):
        rows = db.session.execute(
            select(model, owner)
            .join(owner, owner.id == owner_id)
            .where(model.source_id == source_id, owner.status == PUBLISHED)
            .order_by(owner.title, owner.id, day.is_(None), day, model.id)
            .limit(PARTS_LISTED)
        ).all()
        parts.extend((part, record) for part, record in rows)
    return parts


def part_anchor(part):
    """The anchor of a timeline event, a status change or a docket entry on its page."""
    if isinstance(part, DocketEntry):
        return f"docket-{part.id}"
    prefix = "timeline" if isinstance(part, TimelineEvent) else "status"
    return f"{prefix}-{part.id}"


def documents_to_review(limit=50):
    """Unreviewed documents that a record in review or a published record cites (editors' queue)."""
    cited = (
        exists()
        .where(Citation.source_id == Source.id)
        .where(Citation.record_id == Record.id, Record.status.in_(("in_review", PUBLISHED)))
    )
    return db.session.scalars(
        select(Source)
        .where(Source.document_sha256.is_not(None), Source.document_reviewed_at.is_(None), cited)
        .order_by(Source.id.desc())
        .limit(limit)
    ).all()


def can_read_document(source, user=None, citing=None):
    """May ``user`` download the source's document (and read its file name and notes)?

    Editors and admins: always. A volunteer: when a published record cites it, when a record
    they created cites it, or when nothing cites it yet and they uploaded it. ``citing`` (the
    records citing the source) saves a query when the caller has them already.
    """
    user = user or current_user
    if user.has_role("editor"):
        return True
    if citing is None:
        citing = db.session.execute(
            select(Record.created_by_id, Record.status)
            .join(Citation, Citation.record_id == Record.id)
            .where(Citation.source_id == source.id)
        ).all()
    else:
        citing = [(record.created_by_id, record.status) for record in citing]
    if not citing:
        return source.created_by_id is not None and source.created_by_id == user.id
    return any(status == PUBLISHED or author == user.id for author, status in citing)


def set_document_reviewed(source, reviewed, user):
    """Mark (or unmark) the document reviewed for private data, in the source's history.

    Returns False, changing nothing, when the source is already in that state.
    """
    if reviewed == source.document_reviewed:
        return False
    source.document_reviewed_at = utcnow() if reviewed else None
    source.document_reviewed_by_id = user.id if reviewed else None
    source.updated_by_id = user.id
    source.revisions.append(
        SourceRevision(
            user_id=user.id, action="document_reviewed" if reviewed else "document_unreviewed"
        )
    )
    return True


EDITABLE = ("title", "source_kind", "url", "publisher", "published_on", "notes")
PRIVATE_SOURCE_FIELDS = ("notes",)  # read only by those who may read the document


def can_edit_source(source, user=None, citing=None):
    """Editors edit every source; a volunteer one they added, while no published record cites it.

    A published citation makes the source part of the public record: an editor corrects it.
    """
    user = user or current_user
    if user.has_role("editor"):
        return True
    if source.created_by_id is None or source.created_by_id != user.id:
        return False
    if citing is None:
        return not db.session.scalar(
            select(exists().where(cited_by_published(), Source.id == source.id))
        )
    return not any(record.status == PUBLISHED for record in citing)


def edit_source(source, values, user):
    """Correct a source's facts; each changed field is recorded (old -> new) in its history.

    Returns False, changing nothing, when no field changed.
    """
    changes = {}
    for name in EDITABLE:
        old, new = getattr(source, name), values.get(name, getattr(source, name))
        if old != new:
            changes[name] = [_as_text(old), _as_text(new)]
            setattr(source, name, new)
    if not changes:
        return False
    source.updated_by_id = user.id
    source.revisions.append(SourceRevision(user_id=user.id, action="edited", changes=changes))
    return True


def _as_text(value):
    """A field's value as the history stores it (dates in ISO form)."""
    return value.isoformat() if hasattr(value, "isoformat") else value
