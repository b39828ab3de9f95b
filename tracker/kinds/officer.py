"""Officers: named or not, each with a page of its own; duty status comes from duty events."""

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from tracker.duty import figures, figures_json
from tracker.duty.rules import duty_status
from tracker.extensions import db
from tracker.kinds import row_values
from tracker.kinds.base import (
    PUBLISHED,
    Computed,
    DetailField,
    Filter,
    RecordKind,
    own_page,
    public_id,
)
from tracker.kinds.case_filters import published_id
from tracker.models import Assignment, Case, CaseOfficer, DutyEvent, Officer
from tracker.models import choices as C
from tracker.models.people import is_identified, known_names_in


def _duty_status(officer):
    """The duty status computed from the officer's published duty events."""
    return duty_status([event for event in officer.duty_events if public_id(event)]).status


def newest_dated_events(among):
    """SELECT of the newest dated duty event of each officer ``among`` keeps (a column test).

    Its columns: ``record_id`` (the officer), ``id``, ``occurred_on``, ``duty_kind``: only what
    ``duty_status`` reads of the event an officer's status follows (the latest date, then the
    latest recorded), picked in the query, where an officer of a busy world has a hundred (a
    page of 25 officers read 675 events, most of its Python). Behind the visibility boundary
    only published events count, as ``_duty_status`` keeps them.
    """
    place = func.row_number().over(
        partition_by=DutyEvent.officer_id,
        order_by=(DutyEvent.occurred_on.desc(), DutyEvent.id.desc()),
    )
    dated = select(DutyEvent.officer_id, DutyEvent.id, DutyEvent.occurred_on, DutyEvent.duty_kind)
    dated = dated.add_columns(place.label("place"))
    dated = dated.where(among(DutyEvent.officer_id), DutyEvent.occurred_on.is_not(None)).subquery()
    newest = select(
        dated.c.officer_id.label("record_id"),
        dated.c.id.label("id"),
        dated.c.occurred_on.label("occurred_on"),
        dated.c.duty_kind.label("duty_kind"),
    )
    return newest.where(dated.c.place == 1)


def _duty_event_reads(model, among):
    """The part of a batch's statement with each officer's newest dated duty event."""
    return (row_values.Part("duty_events", newest_dated_events(among)),)


def _duty_statuses(officers, found):
    """``{officer id: duty status}`` of a batch of officers, from its ``duty_events`` part."""
    events = row_values.by_record([officer.id for officer in officers], found, "duty_events")
    return {officer_id: duty_status(rows).status for officer_id, rows in events.items()}


def duty_statuses(officers):
    """``{officer id: DutyStatus}`` of a batch of officers (the officer list), in one query.

    The API's rows read the same newest events in their batch's statement (``_duty_statuses``).
    """
    ids = [officer.id for officer in officers]
    statement = newest_dated_events(lambda column: column.in_(ids))
    newest = {row.record_id: row for row in db.session.execute(statement).all()}
    return {
        officer_id: duty_status([newest[officer_id]] if officer_id in newest else [])
        for officer_id in ids
    }


def _natural_key(values):
    """An officer is their agency and serial number, else their name."""
    if values.get("serial_number"):
        agency_id = getattr(values.get("agency"), "id", None)
        return ("serial", agency_id, values["serial_number"]), lambda: select(Officer).where(
            Officer.serial_number == values["serial_number"], Officer.agency_id == agency_id
        )
    name = values.get("name") or values.get("title") or ""
    return ("name", name.lower()), lambda: select(Officer).where(
        func.lower(func.coalesce(Officer.name, Officer.title)) == name.lower()
    )


def matching_names(typed):
    """A WHERE clause: a badge or serial number of the career is ``typed``, or a name contains it.

    Other known names are matched by containment; callers compare them exactly.
    """
    number = func.lower(typed)
    career = select(Assignment.officer_id).where(
        or_(
            func.lower(Assignment.badge_number) == number,
            func.lower(Assignment.serial_number) == number,
        )
    )
    return or_(Officer.id.in_(career), Officer.other_names.icontains(typed, autoescape=True))


def _lookup_more(typed):
    """Officers a typed reference names by a past badge or serial number or another name."""
    typed = typed.strip()
    if not typed:
        return []
    found = db.session.scalars(select(Officer).where(matching_names(typed)).limit(20)).all()
    wanted = typed.casefold()
    return [
        officer
        for officer in found
        if wanted in (name.casefold() for name in officer.known_names)
        or any(
            wanted in ((held.badge_number or "").casefold(), (held.serial_number or "").casefold())
            for held in officer.assignments
        )
    ]


def _career_numbers(assignments):
    """The badge and serial numbers of an officer's published ``assignments``, each once."""
    numbers = []
    for held in assignments:
        if held.status == PUBLISHED:
            numbers += [value for value in (held.badge_number, held.serial_number) if value]
    return list(dict.fromkeys(numbers))


def _search_text(officer):
    """Other known names (for a named officer only) and the numbers of their career."""
    return _officer_lines(officer.is_identified, officer.known_names, officer.assignments)


def _officer_lines(identified, known_names, assignments):
    """The lines of ``_search_text`` from plain values (``assignments``: rows or records)."""
    lines = []
    if identified and known_names:
        lines.append("Also known as " + "; ".join(known_names))
    numbers = _career_numbers(assignments)
    if numbers:
        lines.append(("Badge and serial numbers: " + ", ".join(numbers), "assignments-heading"))
    return lines


def _search_texts(officers):
    """``_search_text`` of many officers in two queries (a reindex batch): {officer id: lines}.

    Plain column tuples (no records loaded), the assignments in the relationship's order.
    """
    ids = [officer.id for officer in officers]
    first, last = min(ids), max(ids)
    connection = db.session.connection()

    def run(statement):
        """The rows of ``statement`` at once, plain (no ORM result layer, no row-by-row fetch)."""
        return connection.execute(statement).all()

    careers = {officer_id: [] for officer_id in ids}
    held = select(Assignment.officer_id, Assignment.status)
    held = held.add_columns(Assignment.badge_number, Assignment.serial_number)
    held = held.where(Assignment.officer_id.between(first, last))
    for row in run(held.order_by(Assignment.started_on, Assignment.id)):
        if row.officer_id in careers:
            careers[row.officer_id].append(row)
    names = select(Officer.id, Officer.identity_status, Officer.other_names)
    return {
        officer_id: _officer_lines(
            is_identified(status), known_names_in(other_names), careers[officer_id]
        )
        for officer_id, status, other_names in run(names.where(Officer.id.between(first, last)))
        if officer_id in careers
    }


def _search_related(officer):
    """The cases the officer is in: their search text names the officer."""
    return db.session.scalars(
        select(Case)
        .join(CaseOfficer, CaseOfficer.case_id == Case.id)
        .where(CaseOfficer.officer_id == officer.id)
    ).all()


def _named_needs_name(values):
    """A named officer needs a name; an unnamed one needs a title."""
    status = values.get("identity_status") or "named"
    if status == "named" and not values.get("name"):
        return ("name", "a named officer needs a name (or set identity_status to withheld)")
    if status != "named" and not values.get("title"):
        return ("title", "an officer whose identity is withheld or unknown needs a title")
    return None


KIND = RecordKind(
    name="officer",
    model=Officer,
    label="Officer",
    plural="Officers",
    collection="officers",
    order=60,
    headline=True,
    page=own_page("officers.detail"),
    report=own_page("reports.officer_report", slug=False),
    computed=(
        Computed(
            "name",
            "string",
            "Name, only when the officer is named.",
            lambda officer: officer.name if officer.is_identified else None,
        ),
        Computed(
            "agency_name",
            "string",
            "Name of the agency.",
            lambda officer: officer.agency.title if public_id(officer.agency) else None,
            refers=lambda officer: officer.agency_id,
            shows="title",
        ),
        Computed(
            "other_names",
            "string list",
            "Other known names, only when the officer is named.",
            lambda officer: officer.known_names if officer.is_identified else [],
        ),
        Computed(
            "duty_status",
            "string",
            "Duty status computed from the duty events.",
            _duty_status,
            tuple(C.DUTY_STATUSES),
            values=_duty_statuses,
            reads=_duty_event_reads,
        ),
    ),
    # No loads: the agency (its id and name) and the duty events are read as plain values
    # for a batch of rows (``RecordKind.rows``, ``_duty_statuses``).
    load=(),
    search_text=_search_text,
    search_load=(selectinload(Officer.assignments),),
    search_texts=_search_texts,
    api=True,
    api_filters=(
        Filter(
            "agency",
            "Only officers of this agency id.",
            lambda value: and_(Officer.agency_id == value, published_id(value)),
        ),
        Filter(
            "identity_status",
            "Only records whose identity_status is this.",
            Officer.identity_status.__eq__,
            tuple(C.IDENTITY_STATUSES),
        ),
    ),
    detail_fields=(
        DetailField(
            "figures",
            figures_json.JSON_SCHEMA,
            lambda officer: figures_json.as_json(figures.officer_figures(officer.id)),
        ),
    ),
    natural_key=_natural_key,
    search_related=_search_related,
    import_title="optional",
    lookup_fields=("serial_number", "badge_number", "name"),
    lookup_more=_lookup_more,
    import_checks=(_named_needs_name,),
    import_hints={
        "name": "Required for a named officer.",
        "title": "How to refer to an officer whose name is not known.",
    },
)
