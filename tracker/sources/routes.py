"""A source's public page and its document: only while a published record cites it."""

from flask import abort, render_template, request
from sqlalchemy import select

from tracker.extensions import db
from tracker.kinds import public_url
from tracker.models import DocketEntry, Source, TimelineEvent
from tracker.models.choices import DOCKET_ENTRY_KINDS
from tracker.pages.demand import Listed
from tracker.records.documents import document_response
from tracker.records.sources import (
    cited_by_published,
    cited_in_parts,
    part_anchor,
    published_citing,
)
from tracker.sources import bp


def _public_source(source_id):
    """The source if a published record cites it, else 404 (drafts are never probed)."""
    source = db.session.scalars(
        select(Source).where(Source.id == source_id, cited_by_published())
    ).first()
    if source is None:
        abort(404)
    return source


@bp.route("/sources/<int:source_id>")
def detail(source_id):
    """Publisher, date, kind, the published records citing it, its document once reviewed."""
    source = _public_source(source_id)
    # A page at a time: a source can be cited by thousands of records.
    records, total, page, pages = published_citing(source.id, request.args.get("page", 1, type=int))
    return render_template(
        "sources/detail.html",
        source=source,
        records=records,
        listed=Listed(records, total, page, pages),
        parts=_parts(source.id),
    )


def _parts(source_id):
    """The timeline entries, status changes and docket entries citing the source, with links."""
    parts = []
    for part, owner in cited_in_parts(source_id):
        # A legal action is itself an anchor on its case's page: the entry's anchor replaces it.
        url = (public_url(owner) or "").split("#")[0] or None
        if isinstance(part, DocketEntry):
            parts.append(_docket_part(part, owner, url))
            continue
        timeline = isinstance(part, TimelineEvent)
        parts.append(
            {
                "part": part,
                "owner": owner,
                "what": "Timeline entry" if timeline else "Status change",
                "day": part.occurred_on if timeline else part.changed_on,
                "precision": part.date_precision if timeline else "day",
                "text": part.description if timeline else _status_text(part),
                "url": f"{url}#{part_anchor(part)}" if url else None,
            }
        )
    return parts


def _docket_part(entry, action, url):
    """A docket entry citing the source, as the source page lists it."""
    return {
        "part": entry,
        "owner": action,
        "what": f"Docket entry ({DOCKET_ENTRY_KINDS.get(entry.entry_kind, entry.entry_kind)})",
        "day": entry.entry_on,
        "precision": "day",
        "text": entry.description,
        "url": f"{url}#{part_anchor(entry)}" if url else None,
    }


@bp.route("/sources/<int:source_id>/document")
def document(source_id):
    """The document, as a download, once an editor has reviewed it for private data."""
    source = _public_source(source_id)
    if not source.document_reviewed:
        abort(404)
    return document_response(source, private=False)


def _status_text(change):
    """A status change as the demand page says it: the status, then its note."""
    return f"{change.status_label} — {change.note}" if change.note else change.status_label
