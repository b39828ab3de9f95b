"""The dashboard's volunteer's day: recently published from my work, and my inbox.

The inbox lists what others did to the user's records (edits, status changes: submitted,
returned, published) since the user's last visit to the dashboard.
"""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import Record, Revision
from tracker.models.base import utcnow
from tracker.models.choices import PUBLISHED

INBOX_SIZE = 30
FIRST_VISIT_DAYS = 14  # with no visit on record, the inbox goes this far back


def recently_published(user, limit=10):
    """The user's records that are published, the most recently published first."""
    return db.session.scalars(
        select(Record)
        .where(Record.created_by_id == user.id, Record.status == PUBLISHED)
        .order_by(Record.published_at.desc(), Record.id.desc())
        .limit(limit)
    ).all()


def inbox(user):
    """Revisions others wrote on the user's records since the user's last dashboard visit."""
    since = user.last_workspace_visit_at or utcnow() - timedelta(days=FIRST_VISIT_DAYS)
    return db.session.scalars(
        select(Revision)
        .join(Record, Record.id == Revision.record_id)
        .where(
            Record.created_by_id == user.id,
            Revision.user_id.is_not(None),
            Revision.user_id != user.id,
            Revision.created_at > since,
        )
        .options(selectinload(Revision.record), selectinload(Revision.user))
        .order_by(Revision.id.desc())
        .limit(INBOX_SIZE)
    ).all()


def note_visit(user):
    """Remember this visit: the next inbox starts from now (the caller commits)."""
    user.last_workspace_visit_at = utcnow()
