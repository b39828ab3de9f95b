"""The index rows of a reindex batch, read with a few set-based queries per kind.

A reindex writes about 240,000 rows at 100,000 cases. Loading every record as an ORM object
with its parts took more than half of its time (cProfile: 42 of 77 s), so a batch reads each
kind's columns as plain rows instead (a SQLAlchemy ``Row`` answers ``row.title`` as a record
does), the text of a case's parts through the kind's ``search_texts`` and where a hit on a
person leads through ``search_places``: a few queries a kind whatever the batch size. The rows
are still made by ``document_row`` from the kind's ``search_lines``, so each is the row the
session hook writes when that record alone is saved. A kind with a ``search_text`` but no
``search_texts`` has its records loaded, as before.
"""

from sqlalchemy import select

from tracker.kinds import kind_named
from tracker.kinds.base import PUBLISHED
from tracker.search.index import UNKNOWN, document_row


def batch_documents(session, rows):
    """The index rows of the published records among ``rows`` ((id, kind) pairs, by id)."""
    by_kind = {}
    for record_id, kind in rows:
        by_kind.setdefault(kind, []).append(record_id)
    documents = []
    for name, ids in by_kind.items():
        kind = kind_named(name)
        records = _published(session, kind, ids[0], ids[-1])
        if not records:
            continue
        texts = kind.search_texts(records) if kind.search_texts else {}
        places = kind.search_places(records) if kind.search_places else None
        for record in records:
            place = places.get(record.id) if places is not None else UNKNOWN
            documents.append(document_row(record, place, texts.get(record.id)))
    return documents


def _published(session, kind, first, last):
    """The published records of ``kind`` with ids from ``first`` to ``last``.

    Every record of the kind in that range is in the batch (the batch is every record in its id
    range), so a range on the primary key is all the query needs.
    """
    model = kind.model
    # A part of another record (an allegation) only while that record is published too.
    where = (model.id >= first, model.id <= last, model.status == PUBLISHED, model.parent_published)
    if kind.search_text is not None and kind.search_texts is None:
        options = (*kind.load, *kind.search_load)
        return session.scalars(select(model).where(*where).options(*options)).all()
    columns = [getattr(model, attribute.key) for attribute in model.__mapper__.column_attrs]
    return session.execute(select(*columns).where(*where).order_by(model.id)).all()
