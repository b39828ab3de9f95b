"""Whole-kind exports: every published record of a kind as CSV text or a JSON document."""

import csv
import io
from datetime import UTC, datetime

from tracker.extensions import db
from tracker.kinds import batch_rows

# A cell starting with one of these is a formula to a spreadsheet: prefix it so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
# Records whose rows are built at once (downloads and backups).
BATCH_SIZE = 500


def rows(collection):
    """Every published row of ``collection`` (a kind, or the sources), by id.

    Built ``BATCH_SIZE`` records at a time: a batch's values are read for its ids at once, and
    100,000 ids in one statement passed SQLite's limit of bound values (``flask backup`` failed
    at 100,000 cases).
    """
    records = db.session.scalars(collection.published_statement()).all()
    found = []
    for start in range(0, len(records), BATCH_SIZE):
        found += batch_rows(collection, records[start : start + BATCH_SIZE])
    return found


def csv_cell(value):
    """One CSV cell: lists joined, booleans as true/false, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    elif isinstance(value, bool):
        value = "true" if value else "false"
    value = str(value)
    if value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _is_number(value):
    """True for a plain number such as -12.5 (not a formula)."""
    try:
        float(value)
    except ValueError:
        return False
    return True


def to_csv(collection):
    """Every published record of ``collection`` as CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names = collection.field_names
    writer.writerow(names)
    for row in rows(collection):
        writer.writerow([csv_cell(row[name]) for name in names])
    return buffer.getvalue()


def to_json_document(collection):
    """Every published record of ``collection`` as a JSON-ready document with its field list."""
    data = rows(collection)
    return {
        "kind": collection.collection,
        "generated_at": datetime.now(UTC).isoformat(),
        "count": len(data),
        "fields": [
            {"name": field.name, "type": field.type, "description": field.description}
            for field in collection.fields
        ],
        "records": data,
    }
