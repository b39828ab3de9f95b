"""Rows of an uploaded spreadsheet, streamed, so a 100,000-row file never sits in memory whole.

A CSV reader over the stored file, or openpyxl's read-only mode for XLSX.
"""

import csv
from datetime import date, datetime
from pathlib import Path

csv.field_size_limit(1_000_000)  # a long narrative cell; the columns cap what is kept


class SheetError(ValueError):
    """A file that cannot be read as CSV or XLSX; the message says why."""


def is_xlsx(path):
    """True when ``path`` is a ZIP file (XLSX), whatever its name."""
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def rows(path):
    """Yield each row of the file at ``path`` as a list of cells (the first is the header)."""
    path = Path(path)
    if is_xlsx(path):
        yield from _xlsx_rows(path)
    else:
        yield from _csv_rows(path)


def _csv_rows(path):
    """The rows of a UTF-8 CSV file (a byte-order mark is skipped)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                if any("\x00" in cell for cell in row):
                    raise SheetError("The file contains NUL characters; it is not a CSV file.")
                yield row
    except UnicodeDecodeError:
        raise SheetError("The file is not UTF-8 text; save it as CSV (UTF-8) or XLSX.") from None
    except csv.Error as error:
        raise SheetError(f"The file cannot be read as CSV: {error}.") from None


def _xlsx_rows(path):
    """The rows of the first sheet of an XLSX file, each cell as text (dates as ISO)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise SheetError(f"The file cannot be read as XLSX ({type(error).__name__}).") from None
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value):
    """A spreadsheet cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
