"""Finding petitions and demands, and the records linked to a demand.

Public pages call these behind the visibility boundary (``tracker.records.visibility``), which
keeps every unpublished petition, demand and record out of what they load.
"""

from sqlalchemy import select
from sqlalchemy.orm import selectinload, with_polymorphic

from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.models import Demand, DemandLink, Petition, Record


def primary_petition():
    """The first petition: the one ``/demands`` shows (the seed petition)."""
    return db.session.scalars(
        select(Petition)
        .options(selectinload(Petition.organizations))
        .order_by(Petition.id)
        .limit(1)
    ).first()


def published_demands(petition):
    """The petition's demands, in number order."""
    if petition is None:
        return []
    return db.session.scalars(
        select(Demand).where(Demand.petition_id == petition.id).order_by(Demand.number)
    ).all()


def evidence_by_kind(demand):
    """Records linked to ``demand``, grouped by kind.

    Returns ``[(kind label, [(record, note), ...]), ...]`` in the order of the kinds, each
    group by title.
    """
    # Every subclass's columns come in the same query, so links to a record's page (which
    # read e.g. a complaint's case) need no query per record.
    records = with_polymorphic(Record, "*", flat=True)
    rows = db.session.execute(
        select(records, DemandLink.note)
        .join(DemandLink, DemandLink.record_id == records.id)
        .where(DemandLink.demand_id == demand.id)
        .order_by(records.kind, records.title, records.id)
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
        .where(records.kind.not_in(("petition", "demand")))
        .order_by(records.updated_at.desc(), records.id.desc())
        .limit(limit)
    ).all()
