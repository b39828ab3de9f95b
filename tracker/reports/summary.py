"""The summary box on a report's first page, read off the page model the HTML page renders.

What happened, when, where, where each proceeding stands and the demands it bears on: the
facts a reader wants before the detail, in the words the page uses (choice labels, dates as
precisely as known). Proceedings come from the page's sections, so a new kind with a section
and a status column shows here without a change to this module.
"""

from dataclasses import dataclass, field

from tracker.models.choices import CASE_KINDS, CASE_OUTCOMES, DEMAND_STATUSES, DUTY_STATUSES
from tracker.templating import format_date


@dataclass
class Summary:
    """A summary box: ``[(label, value)]``, ``[(RecordKind, [(title, status)])]``, demands."""

    facts: list = field(default_factory=list)
    proceedings: list = field(default_factory=list)
    demands: list = field(default_factory=list)  # [str]: "Demand 5: Appeal ..."


def _proceedings(sections):
    """Each section kind with records, and its ``(title, status label or None)`` rows."""
    return [
        (kind, [(record.title, kind.status_label(record)) for record in records])
        for kind, records in sections
        if records
    ]


def _demands(links):
    """The titles of the demands ``links`` name, by demand number."""
    return [link.demand.title for link in links]


def case_summary(page):
    """The summary of a ``CasePage``: what, when, where, who, each proceeding, the demands."""
    case = page.case
    what = CASE_KINDS.get(case.case_kind, case.case_kind)
    outcome = CASE_OUTCOMES.get(case.outcome, case.outcome)
    officers = [link.officer.display_name for link in page.officers]
    facts = [
        ("What", f"{what}; outcome: {outcome.lower()}" if outcome else what),
        ("When", format_date(case.occurred_on, case.date_precision)),
        ("Where", case.place or "not recorded"),
        ("Officers", ", ".join(dict.fromkeys(officers)) or "none on record"),
    ]
    if case.tags:
        facts.append(("Tags", ", ".join(tag.name for tag in case.tags)))
    return Summary(
        facts=facts,
        proceedings=_proceedings(page.sections),
        demands=_demands(page.demand_links),
    )


def officer_summary(page):
    """The summary of an ``OfficerPage``: who, duty status, cases, each proceeding, demands."""
    status = DUTY_STATUSES.get(page.status.status, page.status.status)
    if page.status.since:
        status = f"{status} since {format_date(page.status.since)}"
    facts = [*page.facts, ("Duty status", status)]
    cases = [
        f"{case.title} ({format_date(case.occurred_on, case.date_precision)})"
        for case, _ in page.cases
    ]
    facts.append(("Cases", "; ".join(cases) or "none on record"))
    return Summary(
        facts=facts,
        proceedings=_proceedings(page.sections),
        demands=_demands(page.demand_links),
    )


def demand_summary(page):
    """The summary of a ``DemandPage``: its status and latest change, the indicator, evidence."""
    demand = page.demand
    status = DEMAND_STATUSES.get(demand.demand_status, demand.demand_status)
    if page.history:
        status = f"{status} (last change on record: {format_date(page.history[-1].changed_on)})"
    facts = [("Status", status)]
    if page.petition is not None:
        facts.append(("Petition", page.petition.title))
    if page.indicator is not None:
        figures = [f"{figure.label.lower()}: {figure.value}" for figure in page.indicator.figures]
        facts.append(("Indicator", "; ".join(figures)))
    evidence = [f"{label.lower()}: {len(rows)}" for label, rows in page.evidence]
    facts.append(("Linked records", ", ".join(evidence) or "none published yet"))
    return Summary(facts=facts)


@dataclass
class Overview:
    """The cover of a multi-case report: counts and one row of key facts per case."""

    total: int
    counts: list  # [(label, number)]: by outcome, then cases with each kind of proceeding
    rows: list  # [(CasePage, Summary)], in the report's order


def cases_overview(pages):
    """The cover figures of the case pages ``pages`` (``CasePage`` list, in order)."""
    outcomes = {}
    proceedings = {}
    for page in pages:
        label = CASE_OUTCOMES.get(page.case.outcome, page.case.outcome) or "Not reported"
        outcomes[label] = outcomes.get(label, 0) + 1
        for kind, records in page.sections:
            proceedings.setdefault(kind.plural.lower(), 0)
            proceedings[kind.plural.lower()] += 1 if records else 0
    counts = [(f"Outcome: {label.lower()}", number) for label, number in outcomes.items()]
    counts += [(f"With {plural} on record", number) for plural, number in proceedings.items()]
    return Overview(
        total=len(pages),
        counts=counts,
        rows=[(page, case_summary(page)) for page in pages],
    )
