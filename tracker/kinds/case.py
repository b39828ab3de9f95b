"""Cases: incidents such as an excessive-force case, each with a page of its own."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

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
from tracker.models import Case, CaseOfficer, CasePerson
from tracker.models import choices as C
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
    from tracker.templating import format_date

    lines = []
    if case.tags:
        lines.append("Tags: " + ", ".join(tag.name for tag in case.tags))
    for part in case.people:
        if part.person is not None and part.person.status == PUBLISHED:
            role = C.CASE_PERSON_ROLES.get(part.role, part.role)
            lines.append((f"{part.person.public_name} ({role})", f"person-{part.person.id}"))
    for part in case.officers:
        if part.officer is not None and part.officer.status == PUBLISHED:
            role = C.CASE_OFFICER_ROLES.get(part.role, part.role)
            lines.append((f"Officer {part.officer.title} ({role})", "officers-heading"))
    for event in case.timeline:
        when = format_date(event.occurred_on, event.date_precision)
        lines.append((f"{when}: {event.description}", f"timeline-{event.id}"))
    return lines


def _search_related(case):
    """The people in the case: a hit on a person leads to the case they are in."""
    return [part.person for part in case.people if part.person is not None]


def _filtered(statement, args):
    """The public case list's filters (the API reads the same query string)."""
    return CaseFilters.from_args(args).statement().options(*KIND.load_options())


def _natural_key(values):
    """A case is its title and date."""
    title, when = values["title"], values.get("occurred_on")
    return ("case", title, when), select(Case).where(Case.title == title, Case.occurred_on == when)


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
        Computed("tags", "string list", "Free labels.", lambda case: [t.name for t in case.tags]),
        Computed(
            "people",
            "string list",
            "People involved: public name (role).",
            lambda case: [
                f"{part.person.public_name} ({part.role})"
                for part in case.people
                if public_id(part.person)
            ],
        ),
        Computed(
            "officer_ids",
            "integer list",
            "Ids of the published officers involved.",
            lambda case: sorted({p.officer_id for p in case.officers if public_id(p.officer)}),
        ),
    ),
    part_writers={
        "people": parts.case_people,
        "officers": parts.case_officers,
        "tags": parts.case_tags,
        "timeline": parts.case_timeline,
    },
    load=(
        selectinload(Case.tags),
        selectinload(Case.people).selectinload(CasePerson.person),
        selectinload(Case.officers).selectinload(CaseOfficer.officer),
    ),
    api=True,
    api_filters=PARAMETERS,
    filter_statement=_filtered,
    natural_key=_natural_key,
    search_text=_search_text,
    search_load=(selectinload(Case.timeline),),
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
