"""Finding petitions and demands, and the records linked to a demand.

Public pages call these behind the visibility boundary (``tracker.records.visibility``), which
keeps every unpublished petition, demand and record out of what they load.
"""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.models import Demand, DemandLink, Petition, Record
from tracker.records.kept import kept
from tracker.records.polymorphic import load_records


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


EVIDENCE_PER_KIND = 20  # linked records listed under one kind; the rest are counted


def evidence_by_kind(demand, per_kind=None):
    """Records linked to ``demand``, grouped by kind, at most ``per_kind`` a kind.

    Returns ``([(kind label, [(record, note), ...]), ...], {kind label: how many more})`` in
    the order of the kinds, each group by title.
    """
    per_kind = per_kind or EVIDENCE_PER_KIND
    # Which links are listed is worked out once per change of the data (ids and notes only).
    groups, more = kept(
        "demand_figures", ("evidence", demand.id, per_kind), lambda: _listed(demand, per_kind)
    )
    ids = [record_id for rows in groups.values() for record_id, _ in rows]
    loaded = load_records(ids, set(groups))
    shown = [
        (kind.label, [(loaded[key], note) for key, note in groups[kind.name] if key in loaded])
        for kind in all_kinds()
        if kind.name in groups
    ]
    return shown, {kind.label: more[kind.name] for kind in all_kinds() if kind.name in more}


def _listed(demand, per_kind):
    """``({kind: [(id, note)]}, {kind: how many more})``: the links listed, by kind and title."""
    links = db.session.execute(
        select(Record.id, Record.kind, DemandLink.note)
        .join(DemandLink, DemandLink.record_id == Record.id)
        .where(DemandLink.demand_id == demand.id)
        .order_by(Record.kind, Record.title, Record.id)
    ).all()
    groups, more = {}, {}
    for record_id, kind, note in links:
        rows = groups.setdefault(kind, [])
        if len(rows) < per_kind:
            rows.append((record_id, note))
        else:
            more[kind] = more.get(kind, 0) + 1
    return groups, more


def latest_published(limit=8):
    """The most recently published or updated public records, newest first."""
    rows = db.session.execute(
        select(Record.id, Record.kind)
        .where(Record.kind.not_in(("petition", "demand")))
        .order_by(Record.updated_at.desc(), Record.id.desc())
        .limit(limit)
    ).all()
    loaded = load_records([key for key, _ in rows], {kind for _, kind in rows})
    return [loaded[key] for key, _ in rows if key in loaded]
