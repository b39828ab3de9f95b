"""One resolver for typed references to records: "Title (#12)", "#12", "12" or an exact title.

The workspace's lookup fields and the CSV import both turn what a person typed into a record
here. A discarded draft is never a candidate, so nothing new points at it. Callers word the
errors for their own page: ``NotFound`` and ``Ambiguous`` carry a message in the workspace's
words, and the import re-words them for its report.
"""

import re

from sqlalchemy import func, or_, select

from tracker.extensions import db
from tracker.kinds import kind_named, record_model
from tracker.models import Demand, Record, Source
from tracker.records.drafts import is_discarded, kept

# "Title (#12)", "#12" or "12"; ids fit a database integer.
ID_PATTERN = re.compile(r"^(?:.*\()?#?(\d{1,9})\)?$")
# Only "#12" or "Title (#12)": where a bare number means something else (a serial number).
MARKED_ID_PATTERN = re.compile(r"^(?:.*\()?#(\d{1,9})\)?$")


class UnresolvedReference(ValueError):
    """A typed reference that names no single record; the message says why."""


class NotFound(UnresolvedReference):
    """Nothing matches the typed reference."""


class Ambiguous(UnresolvedReference):
    """More than one record matches the typed reference."""


def kind_words(kinds):
    """Kinds as words for messages ("case or agency")."""
    return " or ".join(kind_named(kind).label.lower() for kind in kinds)


def typed_id(typed, bare_numbers=True):
    """The record id ``typed`` names ("Title (#12)", "#12" and, if allowed, "12"), or None."""
    match = (ID_PATTERN if bare_numbers else MARKED_ID_PATTERN).match(typed)
    return int(match.group(1)) if match else None


def resolve(typed, kinds, *, bare_numbers=True, names=None, may_read=None):
    """Return the one record of ``kinds`` that ``typed`` names, or raise ``UnresolvedReference``.

    ``names`` are the columns a text reference is compared with, ignoring case (by default the
    title and the kind's ``lookup_fields``); ``bare_numbers=False`` reads "12" as text, for
    kinds where it may be a serial number. A bare number that is also an officer's serial or
    a complaint's reference number names that record. A private lookup field (a person's
    name) is compared only when ``may_read(record, field)`` says the user may read it.
    """
    typed = (typed or "").strip()
    record_id = typed_id(typed, bare_numbers)
    if record_id is not None and typed_id(typed, bare_numbers=False) is None:
        found = _by_names(typed, kinds, names, may_read)  # "4411": a serial number first
        if len(found) == 1:
            return found[0]
    if record_id is not None:
        record = db.session.get(Record, record_id)
        if record is not None and record.kind in kinds and not is_discarded(record):
            return record
        raise NotFound(f"No {kind_words(kinds)} has the number #{record_id}.")
    found = _by_names(typed, kinds, names, may_read)
    if not found:
        raise NotFound(
            f"No {kind_words(kinds)} is called “{typed}”. Choose one from the suggestions."
        )
    if len(found) > 1:
        raise Ambiguous(
            f"Several records are called “{typed}”. Choose one from the suggestions "
            "(they end with the record's #number)."
        )
    return found[0]


def _by_names(typed, kinds, names, may_read):
    """Up to three records of ``kinds`` whose names (as the reader may read them) are ``typed``."""
    model = record_model(kinds[0]) if len(kinds) == 1 else Record
    private = []
    if names is None:  # the title, and whatever else the kind says names one of its records
        fields = kind_named(kinds[0]).lookup_fields if len(kinds) == 1 else ()
        fields = [field for field in fields if field != "title"]
        private = [field for field in fields if field in model.private_fields]
        names = [model.title] + [getattr(model, f) for f in fields if f not in private]
    found = _matching(model, kinds, names, typed, 3)
    more = kind_named(kinds[0]).lookup_more if len(kinds) == 1 else None
    if not found and more is not None:
        found = [record for record in more(typed) if not is_discarded(record)][:3]
    if not found and private and may_read is not None:
        for field in private:
            rows = _matching(model, kinds, [getattr(model, field)], typed, 50)
            found += [row for row in rows if may_read(row, field) and row not in found]
    return found[:3]


def _matching(model, kinds, columns, typed, limit):
    """Records of ``model`` (of ``kinds``) where one of ``columns`` equals ``typed``, any case."""
    query = select(model).where(
        or_(*(func.lower(column) == typed.lower() for column in columns)), kept(model)
    )
    if model is Record:
        query = query.where(Record.kind.in_(kinds))
    return list(db.session.scalars(query.limit(limit)).all())


def resolve_source(typed):
    """Return the one source that ``typed`` names (title or #number), or raise."""
    typed = (typed or "").strip()
    source_id = typed_id(typed)
    if source_id is not None:
        source = db.session.get(Source, source_id)
        if source is None:
            raise NotFound(f"No source has the number #{source_id}.")
        return source
    found = db.session.scalars(
        select(Source).where(func.lower(Source.title) == typed.lower()).limit(2)
    ).all()
    if not found:
        raise NotFound(f"No source is called “{typed}”. Choose one, or add a new source.")
    if len(found) > 1:
        raise Ambiguous("Several sources have that title; choose one from the suggestions.")
    return found[0]


def candidates(kinds, limit):
    """Records of ``kinds`` a reference may name, newest first (for suggestion lists)."""
    model = record_model(kinds[0]) if len(kinds) == 1 else Record
    query = select(model).where(kept(model)).order_by(model.id.desc()).limit(limit)
    if model is Record:
        query = query.where(Record.kind.in_(kinds))
    return db.session.scalars(query).all()


def source_candidates(limit):
    """Sources a reference may name, newest first."""
    return db.session.scalars(select(Source).order_by(Source.id.desc()).limit(limit)).all()


def demand_candidates():
    """Every demand, in petition and number order (for a choice list)."""
    return db.session.scalars(
        select(Demand).where(kept(Demand)).order_by(Demand.petition_id, Demand.number)
    ).all()
