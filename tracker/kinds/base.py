"""What a record kind declares once, and what every channel reads from that declaration.

A ``RecordKind`` names the model, its labels, where it shows publicly, how a page of its rows is
loaded, its computed fields, its API filters, its search text and its import rules. The field
facts themselves (label, public or private, meaning, searchable, import) live on the columns
(``tracker.models.facts``); the kind adds only what a column cannot say.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cached_property

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import RelationshipDirection

from tracker.kinds import row_values
from tracker.models import Record
from tracker.models.choices import PUBLISHED
from tracker.models.external_ids import SCHEMES
from tracker.models.facts import column_facts, field_type
from tracker.quick_urls import quick_url_for
from tracker.records import external_ids


@dataclass(frozen=True)
class Field:
    """One exported field: name, type, meaning and, for enumerations, the allowed values.

    ``type`` is one of integer, string, date, datetime, boolean, number, integer list,
    string list.
    """

    name: str
    type: str
    description: str
    choices: tuple = ()
    definitions: tuple = ()  # ((value, label, meaning)) where the choices have definitions


@dataclass(frozen=True)
class Computed:
    """An exported field computed from the record (a verdict, a list of ids, a public name)."""

    name: str
    type: str
    description: str
    value: object  # record -> value
    choices: tuple = ()
    # record -> the id of a record the value names, shown only while that record is visible: a
    # batch of rows reads which are in the query it reads its references in (``value`` is then
    # the same for one record, through its loaded relationships)
    refers: object = None
    shows: str = ""  # with ``refers``: "title" shows that record's title instead of its id
    # (records, {part: rows}) -> {id: value}: the value for a batch of rows (an API page, a
    # download batch) from plain values, where ``value`` would load records per row. Fields
    # sharing one ``values`` function get one call a batch, each taking ``pick`` of its answer.
    values: object = None
    pick: object = None  # with ``values``: a record's answer -> this field's value
    # (model, among) -> (row_values.Part, ...): what ``values`` reads, in the batch's one
    # statement (``tracker.kinds.row_values``; ``among`` narrows a column to the batch's ids);
    # ``values`` gets their rows by part name
    reads: object = None

    @property
    def field(self):
        """The data dictionary entry."""
        return Field(self.name, self.type, self.description, self.choices)


@dataclass(frozen=True)
class DetailField:
    """A field only the API's answer for one record carries (its figures: too costly per row)."""

    name: str
    schema: dict  # its JSON schema in the OpenAPI document
    value: object  # record -> JSON-ready value


@dataclass(frozen=True)
class Filter:
    """One API query parameter: its name, meaning and how it narrows the SELECT."""

    name: str
    description: str
    where: object  # value -> SQL condition (None where the kind filters by its own rules)
    choices: tuple = ()  # empty: a positive integer id (or free text, with ``text``)
    text: bool = False


@dataclass(frozen=True)
class Reference:
    """An import column that names other records: ``kind`` records, one or ``many``."""

    name: str
    kind: str
    hint: str = ""
    required: bool = False
    many: bool = False


@dataclass(frozen=True)
class PublicPlace:
    """Where a record shows publicly: an endpoint, its URL values and an anchor on that page."""

    endpoint: str
    values: dict = field(default_factory=dict)
    anchor: str | None = None

    def url(self, **options):
        """Its URL, at its anchor; ``options`` (a query string, ``_external``) go to ``url_for``."""
        if options:
            return url_for(self.endpoint, _anchor=self.anchor, **self.values, **options)
        return quick_url_for(self.endpoint, _anchor=self.anchor, **self.values)


def public_id(record):
    """The id of a referenced record, or None.

    Rows are built behind the public visibility boundary (``records.visibility``), where an
    unpublished record never loads: a reference to one is None.
    """
    return record.id if record is not None else None


def public_ids(records):
    """The ids of the ``records`` a relationship loaded, sorted."""
    return sorted(record.id for record in records)


def json_value(value):
    """A JSON-safe rendering: ISO dates and times (HH:MM), floats for amounts."""
    if isinstance(value, datetime):
        # SQLite hands back naive timestamps; they are UTC, and JSON should say so.
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, Decimal):
        return float(value)
    return value


COMMON_HEAD = ("id", "title")
COMMON_TAIL_COLUMNS = ("version", "published_at", "updated_at")
LINK_FIELDS = (
    Field("demand_numbers", "integer list", "Numbers of the published demands it bears on."),
    Field("source_ids", "integer list", "Ids of the sources it cites (see sources)."),
    Field(
        "external_ids",
        "string list",
        "Its ids in outside datasets, each scheme:value (fatal_force:5663 is row 5663 of The "
        "Washington Post's Fatal Force database; schemes: "
        + ", ".join(f"{name} = {scheme.label}" for name, scheme in SCHEMES.items())
        + ").",
    ),
)


@dataclass(frozen=True)
class Section:
    """How a kind's records show as a section of a case page, an officer page and their PDFs.

    Declarative only: the page models (``tracker.pages``) load every kind with a section the
    same way, and the templates render each record with the kind's partial
    (``templates/kinds/<name>.html``).
    """

    sort_by: str  # the date attribute the section is ordered by (undated last, ties by id)
    # Eager loads of the page's query for the kind, joined, so the page runs no statement more
    # when a record has them: an agency (a handful of rows) or plain rows (a docket's entries
    # and their sources). Never a join to a person, officer or other big kind (``refs`` and
    # ``parts`` load those): a joined-table record is a nested join on the right of a LEFT
    # JOIN, which SQLite materialises, every published person or officer before the page's few.
    load: tuple = ()
    # Many-to-one references to people, officers, complaints or agencies an entry shows (a
    # dotted name reaches through one of ``parts``: ``"allegations.officer"``): not in
    # ``load``; a page reads those of all its sections in one statement
    # (``tracker.pages.references``), each kind a flat join on its primary key, where a join
    # in ``load`` nests ``(records JOIN agencies)`` for each.
    refs: tuple = ()
    # Collections of records an entry shows (a complaint's allegations), not in ``load``: a
    # statement each, keyed by the page's own condition (``tracker.pages.references``), so it
    # runs whether or not the page has a record of the kind.
    parts: tuple = ()
    # Those of ``parts`` a case page takes from the part kind's own case section instead of
    # reading them again: the same records, when both kinds follow the case by ``case_id`` and
    # a part's case is its parent's (an allegation's case is its complaint's). One statement,
    # and its test that the parent is published, fewer. The officer page still reads them.
    parts_in_case: tuple = ()
    # What the officer page's own entries read beyond the record's columns (its title, link and
    # status; ``selectinload`` only), where that is less than ``load``: the web page loads just
    # that (the PDF, which notes every related record, still loads ``load``, ``refs`` and
    # ``parts``). None: ``load``.
    officer_load: tuple | None = None
    case: str | None = None  # "case": its case_id's page; "officers": its officer_id's cases
    officers: bool = False  # listed on the page of each officer it names (``officers``)
    heading: str = ""  # the case page's heading, when it is not the plural
    empty: str | None = None  # the case page's sentence when none is shown (None: no section)
    status: str = ""  # the choice column an officer page shows beside the title
    related: tuple = ()  # relationships to records an entry shows (noted in the fingerprint)
    values: object = None  # record -> values an entry shows that no record version covers
    # record -> [(part, source)]: parts an entry shows with a source of their own (a docket
    # entry), numbered after the record's own sources
    part_sources: object = None
    # The case list's badges: () -> SQL expression of what makes a record newsworthy ("Complaint
    # refused") or NULL, read as a plain value, every kind's for a page of cases in one statement
    # (``tracker.cases.badges``); ``no_badge`` is shown on a case none of whose records of the
    # kind earned one.
    badge: object = None
    no_badge: str = ""
    # () -> SQL condition every record that may earn a badge meets (the badge still decides):
    # the case list reads only those (a page's officers have hundreds of duty events, a few of
    # them reinstatements). None: every record of the kind may.
    badge_candidates: object = None
    # The officer page's career timeline: record -> [(date, what happened)]; by default one
    # entry on the section's date, "<label>: <title>" (undated records are left out).
    timeline: object = None

    def timeline_entries(self, kind, record):
        """``[(date, text)]`` of ``record`` on an officer's career timeline (dated ones only)."""
        if self.timeline is not None:
            entries = self.timeline(record)
        else:
            entries = [(getattr(record, self.sort_by, None), f"{kind.label}: {record.title}")]
        return [(day, text) for day, text in entries if day is not None]


@dataclass(frozen=True)
class OwnPages:
    """A kind's public pages of its own, served by ``tracker.kind_pages`` from this alone.

    A list (``<path>``, paged), a page per record (``<path>/<id>`` and ``<path>/<id>-<slug>``)
    and, with ``report_template``, a PDF (``<path>/<id>/report.pdf``). The endpoints are
    ``<blueprint>.index``, ``<blueprint>.detail`` and ``reports.<kind>_report``; the blueprint
    is behind the public visibility boundary, the list page is in the sitemap and, with
    ``menu``, in the site menu. Loaders are named ``"module:function"`` (read when served, so
    a kind module never imports the page models that import it).
    """

    blueprint: str  # "meetings"
    path: str  # "/meetings"
    # args -> (SELECT of the listed records, newest first; {template name: value}): the list's
    # rows and what else its template shows (filters read from the query string)
    list_query: str
    # record_id, **options -> the page model (``tracker.pages``) or None; the PDF passes
    # changes=False (a report leaves out the change history)
    page_model: str
    list_template: str  # "meetings/index.html", given ``pagination`` and the list's values
    page_template: str  # "meetings/detail.html", given ``page`` and ``<record_name>``
    record_name: str  # the page template's name for the record ("meeting")
    menu: str = ""  # the site menu's label for the list ("" keeps it out of the menu)
    report_template: str = ""  # "reports/meeting.html": the record's PDF ("" for none)

    @property
    def list_endpoint(self):
        """The list page's endpoint (``meetings.index``)."""
        return f"{self.blueprint}.index"


@dataclass(frozen=True)
class RecordKind:
    """Everything the channels need to know about one record kind."""

    name: str  # the key stored in records.kind ("duty_event")
    model: type
    label: str  # "Duty event"
    plural: str  # "Duty events"
    collection: str  # downloads and API ("duty_events")
    order: int  # where it comes in lists of kinds
    page: object = None  # PageRule: where its records show publicly
    report: object = None  # PageRule: its printable PDF report, if it has one
    computed: tuple = ()
    part_writers: dict = field(default_factory=dict)  # value name -> writer of its part rows
    load: tuple = ()  # eager loads a row of this kind needs, beyond citations and demands
    # Relationships its public place reads (an allegation's case is its complaint's): loaded
    # with a list of links to records of this kind (``tracker.records.polymorphic``), one
    # query for the list instead of one a record.
    link_load: tuple = ()
    api: bool = False
    api_filters: tuple = ()
    filter_statement: object = None  # (statement, args) -> statement, for kinds with own filters
    detail_fields: tuple = ()  # DetailField: in the API's answer for one record only
    # Search: record -> [str or (str, anchor)], public text beyond the searchable columns (a
    # case's people, officers, tags, timeline); an anchor leads a hit there on the page.
    search_text: object = None
    # [records] -> {id: [lines]}: search_text for a reindex batch, in a few queries (the
    # records may be plain rows of the kind's columns); without it a batch loads the records
    search_texts: object = None
    search_related: object = None  # record -> [records] whose search text shows this one
    search_load: tuple = ()  # eager loads search_text needs beyond ``load`` (a reindex batch)
    search_place: object = None  # record -> PublicPlace, for a kind with no page of its own
    # [records] -> {id: PublicPlace}: search_place for a reindex batch, in one query
    search_places: object = None
    dated_by: str = ""  # the date attribute search narrows by year (else the section's)
    in_feed: bool = True
    headline: bool = False  # counted among the front page's headline numbers
    searchable: bool = True  # offered as a kind to narrow search results to
    natural_key: object = None  # values -> (hashable key, a function making the SELECT of the
    # existing record: made only when asked, as a mapped import finds records from keys loaded once)
    lookup_fields: tuple = ("title",)  # what a typed reference may name, besides "#id"
    # typed -> [records] a typed reference names beyond ``lookup_fields`` (an officer's badge
    # numbers of past assignments, other known names); None when the kind has no more
    lookup_more: object = None
    import_title: str = "required"  # the CSV's title column: "required", "optional" or ""
    import_references: tuple = ()
    import_checks: tuple = ()  # values -> (column, reason) or None
    checks: tuple = ()  # Proposed -> FieldErrors, run on every save (tracker/records/checks.py)
    import_hints: dict = field(default_factory=dict)  # column -> hint, where the kind knows better
    data_label: str = ""  # heading on /data, when it needs more than the plural
    section: Section | None = None  # how it shows on the case and officer pages and PDFs
    # Public pages of its own served from this declaration (``page`` and ``report`` follow)
    own_pages: OwnPages | None = None

    def __post_init__(self):
        """A kind with ``own_pages`` shows at its page and prints at its PDF route."""
        if self.own_pages is None:
            return
        if self.page is None:
            object.__setattr__(self, "page", own_page(f"{self.own_pages.blueprint}.detail"))
        if self.report is None and self.own_pages.report_template:
            object.__setattr__(self, "report", own_page(f"reports.{self.name}_report", slug=False))

    @cached_property
    def writers(self):
        """Value name -> writer of its part rows: the kind's own, and every record's ids."""
        return {"external_ids": external_ids.write, **self.part_writers}

    @property
    def slug(self):
        """The kind in URLs (``duty-event``)."""
        return self.name.replace("_", "-")

    @property
    def path(self):
        """The collection in URLs (``duty-events``)."""
        return self.collection.replace("_", "-")

    @cached_property
    def own_columns(self):
        """``[(name, column, facts)]`` of the kind's own table, in table order."""
        table = self.model.__table__
        return [
            (name, column, info)
            for name, (column, info) in column_facts(self.model).items()
            if column.table is table and name != "id"
        ]

    @cached_property
    def _references(self):
        """``{column name: relationship key}`` for the kind's many-to-one references."""
        found = {}
        for relationship in self.model.__mapper__.relationships:
            if _names_a_record(relationship):
                for column in relationship.local_columns:
                    found.setdefault(column.key, relationship.key)
        return found

    @cached_property
    def refers_to_records(self):
        """Do its rows name other records (a reference column, a ``Computed.refers``)?"""
        exported = {name for name, _column, _info in self.exported_columns}
        return bool(exported & set(self._references)) or any(
            item.refers is not None for item in self.computed
        )

    @cached_property
    def exported_columns(self):
        """The own columns the downloads and API carry as they are."""
        return [(name, column, info) for name, column, info in self.own_columns if info["exported"]]

    @cached_property
    def fields(self):
        """The data dictionary of the kind: every exported field, in order."""
        common = column_facts(self.model)
        head = [_column_field(name, *common[name]) for name in COMMON_HEAD]
        own = [_column_field(name, column, info) for name, column, info in self.exported_columns]
        computed = [item.field for item in self.computed]
        tail = [_column_field("summary", *common["summary"]), *LINK_FIELDS]
        tail += [_column_field(name, *common[name]) for name in COMMON_TAIL_COLUMNS]
        return tuple(head + own + computed + tail)

    @property
    def field_names(self):
        """The exported field names, in order."""
        return [item.name for item in self.fields]

    def load_options(self):
        """The eager loads a row of this kind needs (so a page of rows costs a few queries).

        Its citations, demands and outside ids are no loads: ``rows`` reads them as plain
        values (``tracker.kinds.row_values``), as it reads the references ``load`` leaves out.
        """
        return self.load

    def published_statement(self):
        """SELECT of the published records of this kind, eagerly loaded, by id."""
        return self._published_statement

    @cached_property
    def _published_statement(self):
        """``published_statement``, built once.

        A statement is immutable (each filter or page makes a new one), and building its loads
        anew was a millisecond of each API page.
        """
        model = self.model
        return (
            select(model)
            .where(model.status == PUBLISHED)
            .options(*self.load_options())
            .order_by(model.id)
        )

    def filtered(self, statement, args):
        """``statement`` narrowed by the API filters found in ``args`` (lenient: bad is ignored)."""
        if self.filter_statement is not None:
            return self.filter_statement(statement, args)
        for item in self.api_filters:
            raw = args.get(item.name)
            if raw is None:
                continue
            value = (raw if raw in item.choices else None) if item.choices else positive_int(raw)
            if value is not None:
                statement = statement.where(item.where(value))
        return statement

    def row(self, record):
        """The exported row of ``record``: exactly ``fields``, JSON-safe."""
        return self.rows([record])[0]

    def rows(self, records):
        """The exported rows of ``records`` (an API page, a download batch), in their order.

        What a row shows of other records comes as plain values for the whole batch, in one
        statement (``tracker.kinds.row_values``): the visible records among those it refers to
        (each reference ``load`` did not load, and each ``Computed.refers``), its sources,
        demands and outside ids, and what each ``Computed.values`` reads.
        """
        if not records:
            return []
        references = [
            (name, self._references[name])
            for name, _column, _info in self.exported_columns
            if name in self._references
        ]
        # A reference the kind's loads brought is read from its record; the others by id.
        by_id = [name for name, key in references if key not in records[0].__dict__]
        loaded = [(name, key) for name, key in references if name not in by_id]
        plain = [name for name, _, _ in self.exported_columns if name not in self._references]
        referring = [item for item in self.computed if item.refers is not None]
        ids = [record.id for record in records]
        batch = row_values.read(
            self,
            ids,
            [getattr(record, name) for record in records for name in by_id]
            + [item.refers(record) for record in records for item in referring],
        )
        shown = row_values.visible_titles(batch)
        answers = {}
        for item in self.computed:
            if item.values is not None and item.values not in answers:
                answers[item.values] = item.values(records, batch)
        links = row_values.links(ids, batch)
        found = []
        for record in records:
            values = {"id": record.id, "title": record.title, "summary": record.summary}
            for name in plain:
                values[name] = getattr(record, name)
            for name, key in loaded:
                values[name] = public_id(getattr(record, key))
            for name in by_id:
                value = getattr(record, name)
                values[name] = value if value in shown else None
            for item in self.computed:
                values[item.name] = self._computed(item, record, answers, shown)
            values.update(links[record.id])
            for name in COMMON_TAIL_COLUMNS:
                values[name] = getattr(record, name)
            found.append({item.name: json_value(values[item.name]) for item in self.fields})
        return found

    @staticmethod
    def _computed(item, record, answers, shown):
        """The computed field ``item`` of ``record`` in a batch (see ``rows``)."""
        if item.values is not None:
            answer = answers[item.values][record.id]
            return item.pick(answer) if item.pick is not None else answer
        if item.refers is not None:
            value = item.refers(record)
            if value not in shown:
                return None
            return shown[value] if item.shows == "title" else value
        return item.value(record)

    @property
    def heading(self):
        """The heading of the kind's section on a case page."""
        return (self.section.heading if self.section else "") or self.plural

    def computed_value(self, record, name):
        """The computed field ``name`` of ``record`` (a consenting complainant's public name)."""
        return next(item.value(record) for item in self.computed if item.name == name)

    def status_label(self, record):
        """The label of ``record``'s section status (its choice column), or None."""
        if self.section is None or not self.section.status:
            return None
        value = getattr(record, self.section.status)
        choices = column_facts(self.model)[self.section.status][1]["choices"] or {}
        return choices.get(value, value)

    def public_place(self, record):
        """Where ``record`` shows publicly, or None."""
        return self.page.place(record) if self.page else None

    def report_url(self, record):
        """The URL of ``record``'s PDF report, or None."""
        if self.report is None or record is None or record.status != PUBLISHED:
            return None
        place = self.report.place(record)
        return quick_url_for(place.endpoint, **place.values)

    def public_url(self, record, **options):
        """The URL of the public page that shows ``record`` (at its anchor), or None.

        Only a published record has one; ``options`` go to ``url_for`` (``_external=True``).
        """
        if record is None or record.status != PUBLISHED:
            return None
        place = self.public_place(record)
        return None if place is None else place.url(**options)

    @cached_property
    def search_fields(self):
        """``[(name, choices)]``: the record's own public fields search reads, summary first.

        A reindex reads just these columns (``tracker.search.rows``); ``choices`` (or None)
        turns a stored choice into its label.
        """
        fields = [("summary", None)]
        for name, _column, info in self.own_columns:
            if info["search"] and info["public"]:
                fields.append((name, info["choices"]))
        return fields

    @cached_property
    def search_date(self):
        """The date attribute search narrows by year ("" for none)."""
        return self.dated_by or (self.section.sort_by if self.section else "")

    def search_text_of(self, values, text):
        """``(body, part_anchors)`` of a record: its ``search_fields`` values and its ``text``.

        A line a field or part, its whitespace folded (empty ones left out); the anchors the
        same lines, "" for the record's own fields. The index row's two columns, made once for
        a record saved and for every row of a reindex (which calls this 300,000 times, so it
        is one plain loop).
        """
        lines, anchors = [], []
        for value, (_name, choices) in zip(values, self.search_fields, strict=True):
            if value:
                folded = " ".join((choices.get(value, "") if choices else str(value)).split())
                if folded:
                    lines.append(folded)
                    anchors.append("")
        for line in text:
            line, anchor = line if line.__class__ is tuple else (line, "")
            folded = " ".join(line.split()) if line else ""
            if folded:
                lines.append(folded)
                anchors.append(anchor)
        return "\n".join(lines), "\n".join(anchors)

    def search_year(self, record):
        """The year ``record`` is dated by, or None."""
        name = self.search_date
        value = getattr(record, name, None) if name else None
        return value.year if value else None

    def search_location(self, record):
        """Where a search hit on ``record`` leads: its public place, or None."""
        if self.search_place is not None:
            return self.search_place(record)
        return self.public_place(record)


def _names_a_record(relationship):
    """True for a writable many-to-one to another record (not a lookup row, not a view)."""
    return (
        relationship.direction is RelationshipDirection.MANYTOONE
        and not relationship.viewonly
        and issubclass(relationship.mapper.class_, Record)
    )


def _column_field(name, column, info):
    """The data dictionary entry of a column (with each choice's meaning, where it has one)."""
    choices, meanings = info["choices"] or {}, info.get("definitions") or {}
    definitions = tuple((value, choices[value], meanings[value]) for value in meanings)
    return Field(name, field_type(column), info["doc"], tuple(choices), definitions)


def positive_int(value):
    """``value`` as a positive int that fits a database id, or None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10_000_000 else None


@dataclass(frozen=True)
class PageRule:
    """Where a kind's records show: ``endpoint`` with ``param`` = the record's ``key`` attribute.

    ``anchored`` records are parts of another record's page (a complaint on its case's page)
    and are reached at the anchor ``record-<id>``. ``key`` names an attribute, not a function,
    so a search reindex can read it as a column of plain rows.
    """

    endpoint: str
    key: str = ""  # the attribute holding the URL value ("" for a page without one)
    param: str = "record_id"
    anchored: bool = False
    slug: bool = True  # the page takes the record's slug after its id

    def place(self, record):
        """Where ``record`` shows, or None (a part whose parent is not set)."""
        value = getattr(record, self.key) if self.key else None
        if self.key and value is None:
            return None
        place = self.place_of(record.id, value)
        if self.key and self.slug and not self.anchored and record.slug:
            place.values["slug"] = record.slug  # the page's canonical address
        return place

    def place_of(self, record_id, value):
        """The place of record ``record_id`` whose URL value is ``value`` (from the index)."""
        values = {self.param: value} if self.key else {}
        return PublicPlace(self.endpoint, values, f"record-{record_id}" if self.anchored else None)


def own_page(endpoint, key="id", param="record_id", slug=True):
    """Records with a page (or a report) of their own at ``endpoint`` (``key``: its URL value)."""
    return PageRule(endpoint, key, param, slug=slug)


def on_parent_page(endpoint, key):
    """Records shown on a parent's page at their anchor: attribute ``key`` is the parent's id."""
    return PageRule(endpoint, key, anchored=True)
