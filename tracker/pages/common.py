"""What every page model shares: numbered sources, the records shown, and one sort order.

A page model holds the ORM objects a public page shows, already in their final order, loaded
behind the visibility boundary (``tracker.records.visibility``): a related record that is not
published comes back as None and is left out here. The HTML page and its PDF render the same
model; the PDF adds the numbered sources the page also lists.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.models import Citation, Record
from tracker.models.choices import IDENTITY_STATUSES, SEPARATIONS
from tracker.records.links import Link
from tracker.templating import format_date

# Bump when what a page model holds (or the report layout) changes, so cached PDFs of the old
# content are not reused.
REPORT_FORMAT = 5


def by_demand_number(demand_links):
    """The ``demand_links`` whose demand is shown (published), by demand number."""
    shown = (link for link in demand_links if link.demand is not None)
    return sorted(shown, key=lambda link: link.demand.number)


def undated_last(day_of):
    """A sort key: by date, undated entries last, ties by id (the same on every database)."""

    def key(item):
        """(no date?, date, id) of ``item``."""
        day = day_of(item)
        return (day is None, day or date.min, item.id)

    return key


def sort_undated_last(items, attribute):
    """``items`` sorted by their ``attribute`` date, undated last, then by id."""
    return sorted(items, key=undated_last(lambda item: getattr(item, attribute)))


def section_kinds(on):
    """The kinds with a section on case pages (``on="case"``) or officer pages ("officers")."""
    if on == "case":
        return [kind for kind in all_kinds() if kind.section and kind.section.case]
    return [kind for kind in all_kinds() if kind.section and kind.section.officers]


def in_section_order(kind, records):
    """``records`` of ``kind`` in its section's order: by its date, undated last, then by id."""
    return sort_undated_last(records, kind.section.sort_by)


def note_sections(page):
    """Number the sources of ``page.sections`` in order and note what each entry shows."""
    for kind, records in page.sections:
        for record in records:
            note_entry(page, kind, record)


def note_entry(page, kind, record):
    """Note ``record`` (and the related records and values its entry shows); cite its sources."""
    related = []
    for name in kind.section.related:
        value = getattr(record, name)
        related.extend(value if isinstance(value, list) else [value])
    page.shown.add(record, *related)
    if kind.section.values is not None:
        page.shown.values(*kind.section.values(record))
    page.sources.cite(record)
    for part, source in kind.section.part_sources(record) if kind.section.part_sources else ():
        page.sources.cite_part(part, source)


def officer_facts(officer):
    """An officer's public facts as [(label, value)], in the order pages and reports show them."""
    facts = [
        ("Identity", IDENTITY_STATUSES.get(officer.identity_status)),
        ("Agency", officer.agency.title if officer.agency is not None else None),
        ("Rank", officer.rank),
        ("Unit", officer.unit),
        ("Serial number", officer.serial_number),
        ("Badge number", officer.badge_number),
        # Other names would tell who a withheld officer is: shown only for a named one.
        ("Other known names", "; ".join(officer.known_names) if officer.is_identified else None),
        ("Employed on", format_date(officer.employed_on) if officer.employed_on else None),
        ("How they left", _separation(officer)),
    ]
    return [(label, value) for label, value in facts if value]


def _separation(officer):
    """How the officer left ("Retired on 3 May 2019", "Retired"), or None."""
    label = SEPARATIONS.get(officer.separation) if officer.separation else None
    if officer.separated_on:
        return f"{label or 'Left'} on {format_date(officer.separated_on)}"
    return label


def load_citations(record_ids):
    """``{record id: [Citation]}`` for ``record_ids``, with sources, in one query."""
    if not record_ids:
        return {}
    citations = db.session.scalars(
        select(Citation)
        .where(Citation.record_id.in_(sorted(set(record_ids))))
        .options(joinedload(Citation.source))
        .order_by(Citation.record_id, Citation.position, Citation.id)
    ).all()
    grouped = {}
    for citation in citations:
        grouped.setdefault(citation.record_id, []).append(citation)
    return grouped


@dataclass(frozen=True)
class SourceFacts:
    """What a list of sources shows of a source, as plain values (kept: never an ORM object)."""

    id: int
    title: str
    publisher: str | None
    published_on: date | None
    source_kind_label: str
    url: str | None
    updated_at: object  # a datetime


@dataclass(frozen=True)
class CitedSource:
    """A citation as plain values: the source cited and where in it (``Sources.cite`` reads)."""

    source: SourceFacts
    locator: str | None


def plain_citations(record_ids):
    """``load_citations(record_ids)`` as ``{record id: [CitedSource]}``: plain values to keep."""
    return {
        record_id: [
            CitedSource(_facts(citation.source), citation.locator) for citation in citations
        ]
        for record_id, citations in load_citations(record_ids).items()
    }


def _facts(source):
    """The ``SourceFacts`` of a loaded ``source``."""
    return SourceFacts(
        source.id,
        source.title,
        source.publisher,
        source.published_on,
        source.source_kind_label,
        source.url,
        source.updated_at,
    )


@dataclass
class SourceRow:
    """One numbered source in a page's list of sources."""

    number: int
    source_id: int
    title: str
    publisher: str | None
    published_on: str | None
    kind: str
    url: str | None
    locator: str | None = None


class Sources:
    """Numbers sources in the order a page first cites them, each source once.

    ``refs(record)`` gives the numbers a record cites, for the markers beside it.
    """

    def __init__(self, citations):
        """Start an empty list over ``{record id: [Citation]}``."""
        self.citations = citations
        self.rows = []
        self.stamps = []
        self._numbers = {}
        self._refs = {}

    def cite(self, record):
        """Number every source ``record`` cites (once per record); return the numbers."""
        key = ("record", record.id)
        if key not in self._refs:
            self._refs[key] = [
                self.add(citation.source, citation.locator)
                for citation in self.citations.get(record.id, [])
            ]
        return self._refs[key]

    def cite_part(self, part, source):
        """Number the single ``source`` of a part (a timeline event); return [number] or []."""
        key = (type(part).__name__, part.id)
        if key not in self._refs:
            number = self.add(source)
            self._refs[key] = [number] if number else []
        return self._refs[key]

    def refs(self, item):
        """The numbers ``item`` (a record or a timeline event) cites on this page."""
        if isinstance(item, (Record, Link)):
            return self._refs.get(("record", item.id), [])
        return self._refs.get((type(item).__name__, item.id), [])

    def add(self, source, locator=None):
        """Number ``source`` (once) and return its number; None for no source."""
        if source is None:
            return None
        if source.id not in self._numbers:
            number = len(self.rows) + 1
            self._numbers[source.id] = number
            self.stamps.append(f"s{source.id}:{source.updated_at}:{locator}")
            self.rows.append(
                SourceRow(
                    number=number,
                    source_id=source.id,
                    title=source.title,
                    publisher=source.publisher,
                    published_on=format_date(source.published_on) if source.published_on else None,
                    kind=source.source_kind_label,
                    url=source.url,
                    locator=locator,
                )
            )
        return self._numbers[source.id]


class Shown:
    """Everything a page shows, as stamps: the fingerprint of its PDF.

    Records bring their version and last change; parts without a version of their own (a tag,
    an allegation, a role, a link's note) bring the values the page shows.
    """

    def __init__(self):
        """Start with nothing shown."""
        self.stamps = []
        self.latest = None

    def add(self, *records):
        """Note that the page shows ``records`` (as they are now); None is skipped."""
        for record in records:
            if record is None:
                continue
            self.stamps.append(f"r{record.id}:{record.version}:{record.updated_at}")
            if record.updated_at and (self.latest is None or record.updated_at > self.latest):
                self.latest = record.updated_at

    def values(self, *values):
        """Note values the page shows that no record version covers."""
        self.stamps.append(repr(values))

    def fingerprint(self, sources, *extra):
        """A short hash of every stamp, every source's last change and ``extra``."""
        parts = [*self.stamps, *sources.stamps, str(REPORT_FORMAT), *map(str, extra)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
