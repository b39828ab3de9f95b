"""Whole-kind exports: every published record of a kind as CSV text or a JSON document."""

import csv
import io
from datetime import UTC, datetime

from tracker.extensions import db
from tracker.opendata.fields import KINDS, field_names
from tracker.opendata.serialize import published_statement, to_row

# A cell starting with one of these is a formula to a spreadsheet: prefix it so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def rows(kind):
    """Every published row of ``kind``, by id."""
    return [to_row(kind, record) for record in db.session.scalars(published_statement(kind))]


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


def to_csv(kind):
    """Every published record of ``kind`` as CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names = field_names(kind)
    writer.writerow(names)
    for row in rows(kind):
        writer.writerow([csv_cell(row[name]) for name in names])
    return buffer.getvalue()


def to_json_document(kind):
    """Every published record of ``kind`` as a JSON-ready document with its field list."""
    data = rows(kind)
    return {
        "kind": kind,
        "generated_at": datetime.now(UTC).isoformat(),
        "count": len(data),
        "fields": [
            {"name": field.name, "type": field.type, "description": field.description}
            for field in KINDS[kind]
        ],
        "records": data,
    }
