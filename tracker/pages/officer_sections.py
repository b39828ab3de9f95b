"""The record sections of an officer page: counts by kind, the latest records, or one kind paged.

An officer can be named in thousands of complaints or investigations. Listing them all made the
busiest officer's page 647 KB at 100,000 cases and its PDF outlive a worker, so each section
shows the count of its kind and the latest ``LATEST`` records; the link under it
(``?records=<kind path>&records_page=N``) pages through all of them, ``PER_PAGE`` at a time. One
query counts them all (kept per data stamp) and one a kind loads its records, whatever the
numbers.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import Complaint
from tracker.pages import references
from tracker.pages.common import in_section_order, section_kinds
from tracker.records.kept import kept
from tracker.records.links import entry_of

LATEST = 10  # records a section shows before its "all" link (20 cost the busiest page a fifth)
PER_PAGE = 50  # records a page of one kind shows


@dataclass
class SectionCount:
    """How many records of a kind name the officer, and which page of them is shown."""

    total: int
    page: int = 0  # 0: the latest records only; N: page N of every record of the kind
    pages: int = 1


def officer_sections(officer_id, paged=None, page=1, entries_only=False):
    """``([(kind, records)], {kind name: SectionCount})`` for the officer's page.

    ``paged``: the path of the kind whose records are paged (``page``); the others show their
    latest records. One query counts every kind, then one query a kind loads its records by id
    (the ids of each section kept per data stamp: plain numbers). ``entries_only``: load only
    what the web page's entries read (``Section.officer_load``), not what the PDF notes.
    """
    kinds = section_kinds("officers")
    # The counts change only with the data: kept per data stamp (plain numbers), and the
    # statement is built only when they are worked out (building it cost 0.5 ms a request).
    totals = (
        kept("officer_section_counts", (officer_id,), lambda: _count(kinds, officer_id))
        if kinds
        else ()
    )
    sections, counts, found, named = [], {}, [], set()
    for kind, total in zip(kinds, totals, strict=True):
        if kind.path == paged:
            pages = max(1, -(-total // PER_PAGE))
            shown = min(max(1, page), pages)
            counts[kind.name] = SectionCount(total, shown, pages)
        else:
            shown = 0
            counts[kind.name] = SectionCount(total)
        ids = kept(
            "officer_section_ids",
            (officer_id, kind.name, shown),
            lambda kind=kind, shown=shown: _section_ids(kind, officer_id, shown),
        )
        if entries_only and _as_entries(kind):
            # Plain values kept per data stamp: loading the records (and what their links
            # read) cost the busiest officer's page a statement and 1-2 ms a section.
            entries = kept(
                "officer_section_entries",
                (officer_id, kind.name, shown),
                lambda kind=kind, ids=ids: _entries(kind, ids),
            )
            sections.append((kind, list(entries)))
            continue
        load, refs, parts = kind.section.load, kind.section.refs, kind.section.parts
        model = kind.model
        records = (
            db.session.scalars(select(model).where(model.id.in_(ids)).options(*load)).unique().all()
            if ids
            else []
        )
        if records:
            references.load_parts(model, model.id.in_(ids), records, parts)
        found += references.pairs(records, refs)
        named |= references.targets(model, refs)
        sections.append((kind, in_section_order(kind, records)))
    if named:
        # The people, officers and complaints the entries name (``Section.refs``): one query.
        references.load_references(found, named)
    return sections, counts


def _as_entries(kind):
    """Whether the web page lists ``kind``'s records as ``Entry`` values.

    Those whose entries read a title, a link and a status (``Section.officer_load``), with no
    parts of their own.
    """
    return kind.section.officer_load is not None and kind.section.part_sources is None


def _entries(kind, ids):
    """``kind``'s records ``ids`` as ``Entry`` values, in the section's order (one query).

    An entry carries what the officer page reads of it: the section's date and status and its
    lines on the career timeline.
    """
    if not ids:
        return ()
    model, section = kind.model, kind.section
    records = db.session.scalars(
        select(model).where(model.id.in_(ids)).options(*section.officer_load)
    ).unique()
    attributes = tuple(name for name in (section.sort_by, section.status) if name)
    return tuple(
        entry_of(record, attributes, section.timeline_entries(kind, record))
        for record in in_section_order(kind, records)
    )


def _count(kinds, officer_id):
    """How many records of each of ``kinds`` name the officer, in one query."""
    counting = [
        select(func.count(kind.model.id)).where(_naming(kind.model, officer_id)).scalar_subquery()
        for kind in kinds
    ]
    return tuple(db.session.execute(select(*counting)).one())


def _section_ids(kind, officer_id, shown):
    """The ids of ``kind``'s records naming the officer on page ``shown`` (0: the latest)."""
    model = kind.model
    date = getattr(model, kind.section.sort_by)
    statement = select(model.id).where(_naming(model, officer_id))
    if shown:
        statement = statement.order_by(date.is_(None), date, model.id)
        statement = statement.limit(PER_PAGE).offset((shown - 1) * PER_PAGE)
    else:
        # The latest: newest dates first (undated after them), shown in the section's order.
        statement = statement.order_by(date.is_(None), date.desc(), model.id.desc())
        statement = statement.limit(LATEST)
    return list(db.session.scalars(statement))


def _naming(model, officer_id):
    """The records of ``model`` naming the officer, driven by the link table's officer index.

    (``model.officers.any(...)`` is a correlated EXISTS the planner ran for every record of the
    kind: 0.1-0.5 s at 100,000 cases on SQLite.)
    """
    if not hasattr(model, "officers") or model.officers.property.secondary is None:
        return model.officer_id == officer_id  # one officer column (an assignment, an allegation)
    relationship = model.officers.property
    ((_, own),) = relationship.synchronize_pairs
    ((_, officer),) = relationship.secondary_synchronize_pairs
    return model.id.in_(select(own).where(officer == officer_id))


def refused_complaints(officer_id):
    """The latest ``LATEST`` complaints the officer refused or left unanswered.

    Newest refusal first (undated after them). Run behind the visibility boundary: published
    complaints only. Their count is the officer figures' ``refused``. Their ids are kept per
    data stamp (plain numbers), so an officer who refused none (most) runs no query for them.
    """
    ids = kept(
        "officer_refused_ids",
        (officer_id,),
        lambda: list(
            db.session.scalars(
                select(Complaint.id)
                .where(Complaint.refused_by_officer_id == officer_id)
                .order_by(
                    Complaint.refused_on.is_(None),
                    Complaint.refused_on.desc(),
                    Complaint.id.desc(),
                )
                .limit(LATEST)
            )
        ),
    )
    if not ids:
        return []
    found = {c.id: c for c in db.session.scalars(select(Complaint).where(Complaint.id.in_(ids)))}
    # A complaint withdrawn since the ids were kept moved the stamp: every id is found here.
    return [found[complaint_id] for complaint_id in ids if complaint_id in found]
