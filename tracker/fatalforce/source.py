"""The Washington Post's Fatal Force files, read row by row (the csv module, never loaded whole).

Two files in the Post's v2 format: ``fatal-police-shootings-data.csv`` (one row per person shot
and killed) and ``fatal-police-shootings-agencies.csv``. Where they are is the
``FATAL_FORCE_DIR`` setting (default ``../shared/data/fatal-force`` beside the app).
"""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app

DATA_FILE = "fatal-police-shootings-data.csv"
AGENCIES_FILE = "fatal-police-shootings-agencies.csv"
DATASET = "The Washington Post, Fatal Force database"
DATASET_URL = "https://github.com/washingtonpost/data-police-shootings"
# The Post's race codes (v2 README); a cell may hold several, ";"-separated ("B;H").
RACES = {
    "W": "White",
    "B": "Black",
    "A": "Asian",
    "N": "Native American",
    "H": "Hispanic",
    "O": "Other",
}


class MissingFiles(FileNotFoundError):
    """The Post's files are not where the setting says."""


@dataclass(frozen=True)
class PostAgency:
    """One agency of the Post's agencies file."""

    id: int
    name: str
    state: str
    oricodes: tuple
    total: int

    @property
    def label(self):
        """The agency as the Post names it, with its state (two share a name)."""
        return f"{self.name} ({self.state})"


@dataclass(frozen=True)
class PostRow:
    """One person shot and killed, as the Post lists them (only what a reconciliation reads)."""

    id: int
    date: date
    city: str
    county: str
    state: str
    name: str
    age: int | None
    gender: str
    race: str
    armed_with: str
    agency_ids: tuple

    @property
    def place(self):
        """City (or county) and state, as the Post gives them."""
        where = self.city or (f"{self.county} County" if self.county else "")
        return ", ".join(part for part in (where, self.state) if part)

    @property
    def races(self):
        """The race codes spelled out ("Black; Hispanic"), or ""."""
        codes = [code.strip() for code in self.race.split(";") if code.strip()]
        return "; ".join(RACES.get(code, code) for code in codes)


def folder():
    """The folder holding the Post's two files (the ``FATAL_FORCE_DIR`` setting)."""
    return Path(current_app.config["FATAL_FORCE_DIR"])


def _open(name):
    """One of the Post's files, opened for streaming; ``MissingFiles`` when it is not there."""
    path = folder() / name
    if not path.is_file():
        raise MissingFiles(f"{path} is missing: set FATAL_FORCE_DIR to the folder of {name}.")
    return path.open(newline="", encoding="utf-8")


def _number(value):
    """A whole number, or None for a blank or unreadable cell."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def agency(agency_id):
    """The Post's agency ``agency_id``, or None."""
    with _open(AGENCIES_FILE) as handle:
        for row in csv.DictReader(handle):
            if _number(row["id"]) == agency_id:
                return PostAgency(
                    agency_id,
                    row["name"],
                    row["state"],
                    tuple(code for code in row["oricodes"].split(";") if code),
                    _number(row["total_shootings"]) or 0,
                )
    return None


@dataclass
class Reading:
    """The rows of one agency and what the whole file says (rows read, its latest date)."""

    rows: list
    rows_read: int = 0
    data_through: date | None = None


def rows_of(agency_id):
    """Stream the data file and keep the rows ``agency_id`` is among the agencies of."""
    reading = Reading([])
    wanted = str(agency_id)
    with _open(DATA_FILE) as handle:
        for row in csv.DictReader(handle):
            reading.rows_read += 1
            when = date.fromisoformat(row["date"])
            if reading.data_through is None or when > reading.data_through:
                reading.data_through = when
            agencies = tuple(part.strip() for part in row["agency_ids"].split(";"))
            if wanted in agencies:
                reading.rows.append(_row(row, when, agencies))
    reading.rows.sort(key=lambda item: (item.date, item.id))
    return reading


def _row(row, when, agencies):
    """A ``PostRow`` from the file's cells."""
    return PostRow(
        id=int(row["id"]),
        date=when,
        city=row["city"].strip(),
        county=row["county"].strip(),
        state=row["state"].strip(),
        name=row["name"].strip(),
        age=_number(row["age"]),
        gender=row["gender"].strip(),
        race=row["race"].strip(),
        armed_with=row["armed_with"].strip(),
        agency_ids=tuple(_number(item) for item in agencies if _number(item) is not None),
    )
