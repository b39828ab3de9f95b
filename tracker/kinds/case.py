"""Cases: incidents such as an excessive-force case, each with a page of its own."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.kinds import row_values
from tracker.kinds.base import (
    PUBLISHED,
    Computed,
    Filter,
    RecordKind,
    Reference,
    own_page,
    public_id,
)
from tracker.kinds.case_filters import SORTS, CaseFilters
from tracker.models import (
    Case,
    CaseOfficer,
    CasePerson,
    Person,
    Record,
    Tag,
    TimelineEvent,
)
from tracker.models import choices as C
from tracker.models.cases import case_tags
from tracker.models.people import public_name_columns, public_name_of
from tracker.records import parts
from tracker.records.checks import case_parts_once

# The public list's filters, as the API documents them (``CaseFilters`` reads them).
PARAMETERS = (
    Filter("kind", "Kind of case.", None, tuple(C.CASE_KINDS)),
    Filter("outcome", "Outcome.", None, tuple(C.CASE_OUTCOMES)),
    Filter("year", "Year it happened.", None),
    Filter(
        "investigation", "Has an investigation of this scope.", None, tuple(C.INVESTIGATION_SCOPES)
    ),
    Filter(
        "investigation_status",
        "Has an investigation in this status.",
        None,
        tuple(C.INVESTIGATION_STATUSES),
    ),
    Filter("demand", "Linked to this demand number.", None),
    Filter("officer", "Involves this officer id.", None),
    Filter("tag", "Has this tag (slug).", None, text=True),
    Filter("sort", "Order.", None, tuple(SORTS)),
)


def _search_text(case):
    """What the case page shows beyond its columns, a line each: tags, people, officers, timeline.

    Only published people and officers, by their public names; a line from a part of the page
    carries that part's anchor, so a hit on it leads there.
    """
    return _case_lines(
        [tag.name for tag in case.tags],
        [
            (part.person.id, part.person.public_name, part.role)
            for part in case.people
            if part.person is not None and part.person.status == PUBLISHED
        ],
        [
            (part.officer.title, part.role)
            for part in case.officers
            if part.officer is not None and part.officer.status == PUBLISHED
        ],
        [
            (event.id, event.occurred_on, event.date_precision, event.description)
            for event in case.timeline
        ],
    )


def _case_lines(tags, people, officers, timeline):
    """The lines of ``_search_text`` from plain values, in the page's order.

    ``tags``: names; ``people``: (id, public name, role) of published people; ``officers``:
    (title, role) of published officers; ``timeline``: (id, date, precision, description).
    """
    from tracker.templating import format_date

    lines = ["Tags: " + ", ".join(tags)] if tags else []
    person_roles, officer_roles = C.CASE_PERSON_ROLES, C.CASE_OFFICER_ROLES
    for person_id, name, role in people:
        lines.append((f"{name} ({person_roles.get(role, role)})", f"person-{person_id}"))
    for title, role in officers:
        lines.append((f"Officer {title} ({officer_roles.get(role, role)})", "officers-heading"))
    for event_id, when, precision, description in timeline:
        lines.append((f"{format_date(when, precision)}: {description}", f"timeline-{event_id}"))
    return lines


def _search_texts(cases):
    """``_search_text`` of many cases in four queries (a reindex batch): {case id: lines}.

    The parts are read as plain column tuples (no records loaded: a reindex reads 100,000
    cases), in the relationships' order, so the text is the one a single case gets.
    """
    ids = [case.id for case in cases]
    # The batch's id range, not an IN list of its ids: a long IN list cost the driver more to
    # parse than the query took; parts of cases outside ``ids`` (unpublished) are skipped.
    first, last = min(ids), max(ids)
    found = {case_id: ([], [], [], []) for case_id in ids}  # tags, people, officers, timeline
    connection = db.session.connection()

    def run(statement):
        """The rows of ``statement``, fetched at once (one by one costs the driver more).

        On the connection: plain rows, without the session's ORM result layer.
        """
        return connection.execute(statement).all()

    tags = select(case_tags.c.case_id, Tag.name).join(Tag, Tag.id == case_tags.c.tag_id)
    tags = tags.where(case_tags.c.case_id.between(first, last))
    for case_id, name in run(tags.order_by(Tag.name)):
        if case_id in found:
            found[case_id][0].append(name)
    people = select(CasePerson.case_id, CasePerson.role, Person.id, *public_name_columns())
    people = people.join(Person, Person.id == CasePerson.person_id)
    people = people.where(CasePerson.case_id.between(first, last), Person.status == PUBLISHED)
    for row in run(people.order_by(CasePerson.id)):
        if row.case_id in found:
            found[row.case_id][1].append((row.id, public_name_of(row), row.role))
    officers = select(CaseOfficer.case_id, CaseOfficer.role, Record.title)
    # Only the officer's status matters, on ``records``: joining ``Officer`` (records and
    # officers) made PostgreSQL merge-join every officer at 100,000 cases (10 ms, not 0.2).
    officers = officers.join(Record, Record.id == CaseOfficer.officer_id)
    officers = officers.where(CaseOfficer.case_id.between(first, last), Record.status == PUBLISHED)
    for case_id, role, title in run(officers.order_by(CaseOfficer.id)):
        if case_id in found:
            found[case_id][2].append((title, role))
    event = TimelineEvent
    timeline = select(event.case_id, event.id, event.occurred_on, event.date_precision)
    timeline = timeline.add_columns(event.description).where(event.case_id.between(first, last))
    for case_id, *values in run(timeline.order_by(event.occurred_on, event.id)):
        if case_id in found:
            found[case_id][3].append(values)
    return {case_id: _case_lines(*parts) for case_id, parts in found.items()}


def _row_part_reads(model, among):
    """The parts of a batch's statement with its cases' tags, people and officers.

    Plain values, where five relationship loads ran, loading every person and officer as a
    record: the computed fields ``tags``, ``people`` and ``officer_ids`` give exactly what they
    give from one case's relationships (tags by name, people and officers as linked). Person
    and Officer are records, so behind the visibility boundary a draft's row is left out, as
    its relationship load came back None.
    """
    people = {column.key: column for column in public_name_columns()}
    return (
        row_values.part(
            "tag",
            case_tags.c.case_id,
            among,
            order=("tag",),
            joins=((Tag, Tag.id == case_tags.c.tag_id),),
            tag=Tag.name,
        ),
        row_values.part(
            "person",
            CasePerson.case_id,
            among,
            order=("made",),
            joins=((Person, Person.id == CasePerson.person_id),),
            made=CasePerson.id,
            role=CasePerson.role,
            **people,
        ),
        # Only the officer's status matters, on ``records``: joining ``Officer`` (records and
        # officers) made PostgreSQL merge-join every officer at 100,000 cases (10 ms, not 0.2).
        row_values.part(
            "officer",
            CaseOfficer.case_id,
            among,
            joins=((Record, Record.id == CaseOfficer.officer_id),),
            officer_id=CaseOfficer.officer_id,
        ),
    )


def _row_parts(cases, found):
    """{case id: (tag names, people as "public name (role)", officer ids)} of a batch of rows."""
    ids = [case.id for case in cases]
    tags = row_values.by_record(ids, found, "tag")
    people = row_values.by_record(ids, found, "person")
    officers = row_values.by_record(ids, found, "officer")
    return {
        case_id: (
            [row.tag for row in tags[case_id]],
            [f"{public_name_of(row)} ({row.role})" for row in people[case_id]],
            sorted({row.officer_id for row in officers[case_id]}),
        )
        for case_id in ids
    }


def _search_related(case):
    """The people in the case: a hit on a person leads to the case they are in."""
    return [part.person for part in case.people if part.person is not None]


def _filtered(statement, args):
    """The public case list's filters (the API reads the same query string)."""
    return CaseFilters.from_args(args).statement().options(*KIND.load_options())


def _natural_key(values):
    """A case is its title and date."""
    title, when = values["title"], values.get("occurred_on")
    return ("case", title, when), lambda: select(Case).where(
        Case.title == title, Case.occurred_on == when
    )


KIND = RecordKind(
    name="case",
    model=Case,
    label="Case",
    plural="Cases",
    collection="cases",
    order=10,
    checks=(case_parts_once,),
    headline=True,
    page=own_page("cases.detail"),
    report=own_page("reports.case_report", slug=False),
    computed=(
        Computed(
            "tags",
            "string list",
            "Free labels.",
            lambda case: [t.name for t in case.tags],
            values=_row_parts,
            reads=_row_part_reads,
            pick=lambda parts: parts[0],
        ),
        Computed(
            "people",
            "string list",
            "People involved: public name (role).",
            lambda case: [
                f"{part.person.public_name} ({part.role})"
                for part in case.people
                if public_id(part.person)
            ],
            values=_row_parts,
            reads=_row_part_reads,
            pick=lambda parts: parts[1],
        ),
        Computed(
            "officer_ids",
            "integer list",
            "Ids of the published officers involved.",
            lambda case: sorted({p.officer_id for p in case.officers if public_id(p.officer)}),
            values=_row_parts,
            reads=_row_part_reads,
            pick=lambda parts: parts[2],
        ),
    ),
    part_writers={
        "people": parts.case_people,
        "officers": parts.case_officers,
        "tags": parts.case_tags,
        "timeline": parts.case_timeline,
    },
    # No loads: a row reads its tags, people and officers as plain values (``_row_parts``).
    api=True,
    api_filters=PARAMETERS,
    filter_statement=_filtered,
    natural_key=_natural_key,
    search_text=_search_text,
    search_load=(selectinload(Case.timeline),),
    search_texts=_search_texts,
    search_related=_search_related,
    dated_by="occurred_on",
    import_references=(
        Reference(
            "officers",
            "officer",
            'Officers by "#id", serial number or name, ";"-separated.',
            many=True,
        ),
    ),
)
