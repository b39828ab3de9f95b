"""Dates as spreadsheets write them: ISO, 3/12/2020, 12 March 2020, March 12, 2020, timestamps.

A date with slashes or dashes and the day and month both 12 or less is read month first (as
in the United States) unless the mapping says ``day_first``.
"""

import re
from datetime import date, datetime

from tracker.imports.columns import CellError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$")
NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: .*)?$")
DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{4})$")
MONTH_DAY = re.compile(r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$")
WHAT_WE_READ = "a date such as 2020-03-12, 3/12/2020, 12 March 2020 or March 12, 2020"


def parse_date(value, day_first=False):
    """The ``date`` that ``value`` writes, or a ``CellError`` saying why it is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split()).lower()
    parts = _parts(text, day_first)
    if parts is None:
        raise CellError(f'"{value}" is not {WHAT_WE_READ}')
    year, month, day = parts
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f'"{value}" is not a day of the calendar') from None


def _parts(text, day_first):
    """(year, month, day) from ``text`` in one of the formats, or None."""
    if match := ISO.match(text):
        return tuple(int(part) for part in match.groups())
    if match := NUMERIC.match(text):
        first, second, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
        month, day = (second, first) if day_first or first > 12 else (first, second)
        return year, month, day
    if match := DAY_MONTH.match(text):
        day, month, year = match.groups()
        return (int(year), MONTHS[month], int(day)) if month in MONTHS else None
    if match := MONTH_DAY.match(text):
        month, day, year = match.groups()
        return (int(year), MONTHS[month], int(day)) if month in MONTHS else None
    return None
