"""The workspace dashboard and the list of records of one kind."""

from datetime import timedelta

from flask import render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.auth.decorators import volunteer_required
from tracker.deadlines.clock import today
from tracker.deadlines.store import due_items
from tracker.extensions import db
from tracker.kinds import kind_named
from tracker.manage import bp, inbox
from tracker.manage.forms import kind_forms
from tracker.models import Record, Revision
from tracker.records.drafts import kept
from tracker.records.sources import documents_to_review

RECENT = 15
DUE_SHOWN = 50  # the volunteer's requests due this week or overdue, at most


def _my_due_requests():
    """The open requests I created that are overdue or due by the end of this week (Sunday)."""
    day = today()
    sunday = day + timedelta(days=6 - day.weekday())
    due = due_items(db.session, day, sunday, created_by_id=current_user.id, limit=DUE_SHOWN)
    return day, due


def _records(*conditions, limit=50):
    """Records matching ``conditions``, most recently changed first."""
    return db.session.scalars(
        select(Record).where(*conditions).order_by(Record.updated_at.desc()).limit(limit)
    ).all()


@bp.route("/")
@volunteer_required
def dashboard():
    """My drafts, records returned to me, the review queue (editors) and recent changes."""
    mine = Record.created_by_id == current_user.id
    recent = (
        select(Revision)
        .options(selectinload(Revision.record), selectinload(Revision.user))
        .order_by(Revision.id.desc())
        .limit(RECENT)
    )
    recent = recent.join(Record, Record.id == Revision.record_id).where(kept())
    if not current_user.has_role("editor"):
        recent = recent.where(mine)
    since, news = current_user.last_workspace_visit_at, inbox.inbox(current_user)
    inbox.note_visit(current_user)
    db.session.commit()
    day, due = _my_due_requests()
    return render_template(
        "manage/dashboard.html",
        drafts=_records(mine, Record.status == "draft", Record.review_comment.is_(None)),
        returned=_records(mine, Record.status == "draft", Record.review_comment.is_not(None)),
        waiting=_records(mine, Record.status == "in_review"),
        queue=_records(Record.status == "in_review") if current_user.has_role("editor") else [],
        documents=documents_to_review() if current_user.has_role("editor") else [],
        recent=db.session.scalars(recent).all(),
        inbox=news,
        since=since,
        published=inbox.recently_published(current_user),
        kinds=[kind_named(kind) for kind in kind_forms()],
        today=day,
        due_requests=due,
    )
