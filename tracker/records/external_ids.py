"""Ids of records in outside datasets: find a record by one, attach one, write a form's list.

``find(session, scheme, value)`` and ``attach(record, scheme, value)`` are the service the
imports (the CSV import, the column-mapping import, the Fatal Force reconciliation) use; the
workspace's record forms write the whole list through ``write`` (a part writer of every kind).
"""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models.external_ids import SCHEMES, ExternalId, schemes_for


class UnknownScheme(ValueError):
    """The scheme is not in the registry, or does not hold ids of that record kind."""


def clean(value):
    """The id as stored: trimmed, None when blank."""
    value = (str(value) if value is not None else "").strip()
    return value[:120] or None


def find(session, scheme, value):
    """The record that carries ``value`` in ``scheme``, or None (one indexed lookup)."""
    value = clean(value)
    if value is None or scheme not in SCHEMES:
        return None
    statement = select(ExternalId).where(ExternalId.scheme == scheme, ExternalId.value == value)
    found = session.scalars(statement.limit(1)).first()
    return found.record if found is not None else None


def find_many(session, scheme, values):
    """``{value: record_id}`` for the ``values`` some record carries in ``scheme`` (one query)."""
    values = sorted({clean(value) for value in values} - {None})
    if not values:
        return {}
    rows = session.execute(
        select(ExternalId.value, ExternalId.record_id).where(
            ExternalId.scheme == scheme, ExternalId.value.in_(values)
        )
    )
    return dict(rows.all())


def check_scheme(kind, scheme):
    """Raise ``UnknownScheme`` unless ``scheme`` holds ids of records of ``kind``."""
    if scheme not in schemes_for(kind):
        allowed = ", ".join(schemes_for(kind)) or "none"
        raise UnknownScheme(f'"{scheme}" does not name a {kind}; known here: {allowed}.')


def attach(record, scheme, value):
    """Give ``record`` the id ``value`` in ``scheme``; returns the ``ExternalId``.

    Already there: nothing changes. The caller commits (a (scheme, value) held by another
    record is refused by the database then; ``find`` first to say so kindly).
    """
    check_scheme(record.kind, scheme)
    value = clean(value)
    if value is None:
        raise ValueError("An external id needs a value.")
    for item in record.external_ids:
        if item.scheme == scheme and item.value == value:
            return item
    item = ExternalId(scheme=scheme, value=value)
    record.external_ids.append(item)
    return item


def pairs(entries):
    """``[(scheme, value)]`` from form rows (dicts) or pairs, blanks and repeats dropped."""
    found = []
    for entry in entries or ():
        scheme, value = (
            (entry.get("scheme"), entry.get("value")) if isinstance(entry, dict) else entry
        )
        pair = (scheme, clean(value))
        if scheme and pair[1] and pair not in found:
            found.append(pair)
    return found


def write(record, entries, add_only):
    """A record's ids: keep the ones still given, add the new, drop the rest (not ``add_only``)."""
    wanted = pairs(entries)
    for item in list(record.external_ids):
        if (item.scheme, item.value) not in wanted and not add_only:
            db.session.delete(item)  # still attached, so the revision log names the record
    present = {(item.scheme, item.value) for item in record.external_ids}
    for scheme, value in wanted:
        if (scheme, value) not in present:
            record.external_ids.append(ExternalId(scheme=scheme, value=value))


def held_elsewhere(record, entries):
    """``[(index, scheme, value, other record)]`` of the given ids another record carries."""
    clashes = []
    for index, (scheme, value) in enumerate(pairs(entries)):
        other = find(db.session, scheme, value)
        if other is not None and other is not record:
            clashes.append((index, scheme, value, other))
    return clashes
