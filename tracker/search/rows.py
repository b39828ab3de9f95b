"""The index rows of a reindex batch, read as column tuples with a few queries per kind.

A reindex writes about 300,000 rows at 100,000 cases, so a batch never loads records: each
kind's rows are read as plain column tuples of just what its index row needs, named by the kind
itself (``RecordKind.search_fields``, ``search_date`` and its page's ``key``); the text of a
case's parts comes from the kind's ``search_texts`` and where a hit on a person leads from its
``search_places``: a few queries a kind whatever the batch size. Each row is made by the kind's
``search_text_of``, as the session hook makes it when that record alone is saved
(``document_row``), so the two agree. A kind whose text or place needs its records (a
``search_text`` or ``search_place`` without the batch form) has them loaded, as before.
"""

from sqlalchemy import select

from tracker.kinds import kind_named
from tracker.kinds.base import PUBLISHED
from tracker.search.index import UNKNOWN, document_row, target_of


def batch_documents(session, rows):
    """The index rows of the published records among ``rows`` ((id, kind) pairs, by id)."""
    by_kind = {}
    for record_id, kind in rows:
        by_kind.setdefault(kind, []).append(record_id)
    documents = []
    for name, ids in by_kind.items():
        kind = kind_named(name)
        if _needs_records(kind):
            documents += _loaded_rows(session, kind, ids[0], ids[-1])
        else:
            documents += _column_rows(session, kind, ids[0], ids[-1])
    return documents


def _needs_records(kind):
    """Whether ``kind``'s text or place is only had from its records (no batch form)."""
    return (kind.search_text is not None and kind.search_texts is None) or (
        kind.search_place is not None and kind.search_places is None
    )


def _where(kind, first, last):
    """The published records of ``kind`` with ids from ``first`` to ``last``.

    Every record of the kind in that range is in the batch (the batch is every record in its id
    range), so a range on the primary key is all the query needs. A part of another record (an
    allegation) only while that record is published too.
    """
    model = kind.model
    return (model.id >= first, model.id <= last, model.status == PUBLISHED, model.parent_published)


def _loaded_rows(session, kind, first, last):
    """The index rows of a kind whose text needs its records: the records loaded."""
    options = (*kind.load, *kind.search_load)
    statement = select(kind.model).where(*_where(kind, first, last)).options(*options)
    return [document_row(record) for record in session.scalars(statement)]


def _column_rows(session, kind, first, last):
    """The index rows of ``kind`` from column tuples (no records loaded).

    Columns: id, kind, title, the ``search_fields``, then the date and the page's key when the
    kind has them. What a row needs is found once per batch, outside the loop over rows.
    """
    model, page = kind.model, kind.page
    columns = [model.id, model.kind, model.title]
    columns += [getattr(model, name) for name, _choices in kind.search_fields]
    fields_end = len(columns)
    date_at = key_at = None
    if kind.search_date:
        date_at = len(columns)
        columns.append(getattr(model, kind.search_date))
    places = None
    if kind.search_places is not None:
        places = UNKNOWN  # read below, once the batch's ids are known
    elif page is not None and page.key:
        key_at = len(columns)
        columns.append(getattr(model, page.key))
    statement = select(*columns).where(*_where(kind, first, last)).order_by(model.id)
    # The connection's execute: plain rows, without the session's ORM result layer.
    records = session.connection().execute(statement).all()
    if not records:
        return []
    texts = kind.search_texts(records) if kind.search_texts else {}
    if places is UNKNOWN:
        places = kind.search_places(records)
    text_of, place_of = kind.search_text_of, page.place_of if page is not None else None
    documents = []
    for row in records:
        record_id = row[0]
        body, anchors = text_of(row[3:fields_end], texts.get(record_id, ()))
        if places is not None:
            place = places.get(record_id)
        elif page is None:
            place = None
        elif key_at is None:  # a page with no key (the petition's scoreboard)
            place = place_of(record_id, None)
        else:  # a part whose parent is not set leads nowhere
            value = row[key_at]
            place = place_of(record_id, value) if value is not None else None
        when = row[date_at] if date_at is not None else None
        year = when.year if when else None
        documents.append((record_id, row[1], row[2], body, anchors, *target_of(place), year))
    return documents
