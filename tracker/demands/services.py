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
from tracker.records.links import link_of
from tracker.records.polymorphic import load_records


def primary_petition():
    """The first petition: the one ``/demands`` shows (the seed petition)."""
    return db.session.scalars(
        select(Petition)
        .options(selectinload(Petition.organizations))
        .order_by(Petition.id)
        .limit(1)
    ).first()


def primary_petition_id():
    """The id of the primary petition (``primary_petition``), or None; kept per data stamp."""
    return kept(
        "demand_figures",
        ("primary petition",),
        lambda: db.session.scalar(select(Petition.id).order_by(Petition.id).limit(1)),
    )


def published_demands(petition):
    """The petition's demands, in number order."""
    if petition is None:
        return []
    return db.session.scalars(
        select(Demand).where(Demand.petition_id == petition.id).order_by(Demand.number)
    ).all()


EVIDENCE_PER_KIND = 20  # linked records listed under one kind; the rest are counted


def evidence_by_kind(demand, per_kind=None, full=True):
    """Records linked to ``demand``, grouped by kind, at most ``per_kind`` a kind.

    Returns ``([(kind label, [(record, note), ...]), ...], {kind label: how many more})`` in
    the order of the kinds, each group by title. ``full``: the records loaded with their
    kinds' columns (a report shows each in full); else their links
    (``tracker.records.links.Link``, all a page's list shows), kept per change of the data.
    """
    per_kind = per_kind or EVIDENCE_PER_KIND
    groups, more = _evidence_ids(demand, per_kind)
    ids = [record_id for rows in groups.values() for record_id, _ in rows]
    if full:
        loaded = load_records(ids, set(groups))
    else:
        loaded = kept(
            "demand_figures",
            ("evidence links", demand.id, per_kind),
            lambda: {key: link_of(found) for key, found in load_records(ids, groups, True).items()},
        )
    shown = [
        (kind.label, [(loaded[key], note) for key, note in groups[kind.name] if key in loaded])
        for kind in all_kinds()
        if kind.name in groups
    ]
    return shown, {kind.label: more[kind.name] for kind in all_kinds() if kind.name in more}


def linked_kinds(demand):
    """The names of the kinds of the records linked to ``demand`` (kept: no query when warm)."""
    groups, more = _evidence_ids(demand, EVIDENCE_PER_KIND)
    return set(groups) | set(more)


def _evidence_ids(demand, per_kind):
    """``_listed``'s answer, worked out once per change of the data (ids and notes only)."""
    return kept(
        "demand_figures", ("evidence", demand.id, per_kind), lambda: _listed(demand, per_kind)
    )


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
