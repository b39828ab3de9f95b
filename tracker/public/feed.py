"""The Atom feed of published and updated records."""

from dataclasses import dataclass
from datetime import UTC

from sqlalchemy import select

from tracker.extensions import db
from tracker.kinds import all_kinds, public_url
from tracker.models import Record
from tracker.models.choices import PUBLISHED
from tracker.records.polymorphic import records_with


def atom_time(value):
    """An RFC 3339 timestamp; SQLite hands back naive UTC datetimes, so mark them as UTC."""
    if value is None:
        return "1970-01-01T00:00:00+00:00"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


@dataclass
class FeedEntry:
    """One entry of the feed: a record and the public page that shows it."""

    record: Record
    url: str


def feed_entries(limit):
    """The most recently published or updated records that have a public page (two queries).

    The newest ids first, walking ``ix_records_status_updated_at``, then those records with
    every kind's columns: in one query, PostgreSQL planned the eleven-table join of
    ``with_polymorphic`` before the limit (over ``join_collapse_limit``).
    """
    ids = db.session.scalars(
        select(Record.id)
        .where(
            Record.status == PUBLISHED,
            Record.kind.in_([kind.name for kind in all_kinds() if kind.in_feed]),
        )
        .order_by(Record.updated_at.desc(), Record.id.desc())
        .limit(limit)
    ).all()
    records = records_with()
    loaded = {
        record.id: record
        for record in db.session.scalars(select(records).where(records.id.in_(ids))).all()
    }
    rows = [loaded[record_id] for record_id in ids if record_id in loaded]
    entries = [FeedEntry(record, public_url(record, _external=True)) for record in rows]
    return [entry for entry in entries if entry.url]
