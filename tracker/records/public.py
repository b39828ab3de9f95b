"""What every public record page shares: the public change list."""

from dataclasses import dataclass

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Revision
from tracker.models.choices import RECORD_STATUSES, REVISION_ACTIONS
from tracker.records.kept import kept

# Bookkeeping fields that say nothing to a reader of the change list.
QUIET_FIELDS = {"status", "submitted_at", "published_at", "slug", "review_comment"}
CHANGE_LIMIT = 25


@dataclass
class PublicChange:
    """One entry of a public change list: when, what happened, which public fields changed."""

    when: object
    what: str
    fields: list


def field_label(name):
    """A field or part name as people read it ("case_people" -> "people")."""
    names = {
        "case_people": "people",
        "case_officers": "officers",
        "timeline_events": "timeline",
        "demand_links": "linked demands",
        "citations": "sources",
        "complaint_allegations": "allegations",
        "demand_status_changes": "status history",
        "occurred_on": "date",
        "case_kind": "kind of case",
    }
    return names.get(name, name.replace("_", " "))


def kept_public_changes(record_id):
    """``public_changes``, kept per data stamp (a change to the record moves the stamp)."""
    return kept("public_changes", (record_id,), lambda: public_changes(record_id))


def public_changes(record_id):
    """The record's change list without private fields or values (one query, newest first)."""
    revisions = db.session.scalars(
        select(Revision)
        .where(Revision.record_id == record_id)
        .order_by(Revision.id.desc())
        .limit(CHANGE_LIMIT)
    ).all()
    changes = []
    for revision in revisions:
        fields = [
            field_label(name)
            for name in revision.public_changes
            if name not in QUIET_FIELDS and name != "id"
        ]
        what = REVISION_ACTIONS.get(revision.action, revision.action)
        status = revision.changes.get("status")
        if revision.action == "status" and isinstance(status, list) and len(status) == 2:
            what = RECORD_STATUSES.get(status[1], what)
        if revision.action == "create":
            fields = []
        if fields or revision.action in ("create", "status"):
            changes.append(PublicChange(revision.created_at, what, fields))
    return changes
