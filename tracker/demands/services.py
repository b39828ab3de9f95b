"""Finding petitions and demands, and the published evidence linked to a demand."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload, with_polymorphic

from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.models import Demand, DemandLink, DemandStatusChange, Petition, Record


def primary_petition():
    """The first published petition: the one ``/demands`` shows (the seed petition)."""
    return db.session.scalars(
        select(Petition)
        .where(Petition.status == "published")
        .options(selectinload(Petition.organizations))
        .order_by(Petition.id)
        .limit(1)
    ).first()


def published_demands(petition):
    """The petition's published demands, in number order."""
    if petition is None:
        return []
    return db.session.scalars(
        select(Demand)
        .where(Demand.petition_id == petition.id, Demand.status == "published")
        .order_by(Demand.number)
    ).all()


def demand_by_number(number, petition=None):
    """The published demand with ``number`` in ``petition`` (the primary one by default)."""
    petition = petition or primary_petition()
    if petition is None:
        return None
    return db.session.scalars(
        select(Demand)
        .where(
            Demand.petition_id == petition.id,
            Demand.number == number,
            Demand.status == "published",
        )
        .options(
            selectinload(Demand.status_changes).selectinload(DemandStatusChange.source),
            selectinload(Demand.citations),
        )
    ).first()


def evidence_by_kind(demand):
    """Published records linked to ``demand``, grouped by kind.

    Returns ``[(kind label, [(record, note), ...]), ...]`` in the order of the kinds.
    """
    # Every subclass's columns come in the same query, so links to a record's page (which
    # read e.g. a complaint's case) need no query per record.
    records = with_polymorphic(Record, "*", flat=True)
    rows = db.session.execute(
        select(records, DemandLink.note)
        .join(DemandLink, DemandLink.record_id == records.id)
        .where(DemandLink.demand_id == demand.id, records.status == "published")
        .order_by(records.kind, records.title)
    ).all()
    groups = {}
    for record, note in rows:
        groups.setdefault(record.kind, []).append((record, note))
    return [(kind.label, groups[kind.name]) for kind in all_kinds() if kind.name in groups]


def latest_published(limit=8):
    """The most recently published or updated public records, newest first."""
    records = with_polymorphic(Record, "*", flat=True)
    return db.session.scalars(
        select(records)
        .where(records.status == "published", records.kind.not_in(("petition", "demand")))
        .order_by(records.updated_at.desc(), records.id.desc())
        .limit(limit)
    ).all()
