"""Bounded queries: the same number of SQL queries for 1 or 50 linked records, within budget."""

from datetime import date

import pytest

from tests import factories
from tests.public_pages import (
    CASE_LIST_BUDGET,
    QUERY_BUDGET,
    QUERY_BUDGETS,
    SECTION_PAGE_BUDGET,
)
from tests.querycount import page_queries
from tracker.extensions import db
from tracker.models import CasePerson, Citation, DemandLink, TimelineEvent


def _world(size):
    """A published case and officer with ``size`` of every kind of linked record."""
    petition = factories.make_petition(publish=True, demands=6)
    db.session.flush()
    agency = factories.make_agency(publish=True)
    officers = [factories.make_officer(publish=True, agency=agency) for _ in range(size)]
    case = factories.make_case(publish=True, officers=officers, narrative="Narrative")
    for number in range(size):
        person = factories.make_person(publish=True)
        case.people.append(CasePerson(person=person, role="witness"))
        case.timeline.append(TimelineEvent(occurred_on=date(2020, 1, 1), description="Event"))
        case.citations.append(Citation(source=factories.make_source()))
        complaint = factories.make_complaint(
            publish=True, case=case, filed_with=agency, officers=officers[:1]
        )
        factories.make_allegation(complaint, publish=True, officer=officers[0])
        # The case's first source is cited by every complaint too: its page lists them all.
        complaint.citations.append(Citation(source=case.citations[0].source))
        investigation = factories.make_investigation(
            publish=True, case=case, agency=agency, opened_on=date(2020, 1, 1)
        )
        action = factories.make_legal_action(
            publish=True, case=case, court=agency, officers=officers[:1]
        )
        factories.make_duty_event(
            officers[0],
            publish=True,
            duty_kind="reinstated",
            occurred_on=date(2020, 2, number % 27 + 1),
            investigations=[investigation],
        )
        extra = factories.make_case(publish=True, officers=officers[:1])
        extra.demand_links.append(DemandLink(demand=petition.demands[number % 6]))
        complaint.demand_links.append(DemandLink(demand=petition.demands[0]))
        action.demand_links.append(DemandLink(demand=petition.demands[0]))
    db.session.flush()
    for demand in petition.demands:
        case.demand_links.append(DemandLink(demand=demand, note="note"))
    db.session.commit()
    return case, officers[0]


def _paths(case, officer):
    return [
        "/",
        "/cases",
        f"/cases/{case.id}",
        "/officers",
        f"/officers/{officer.id}",
        "/demands",
        "/demands/1",
        "/demands/4",
        "/search?q=case",
        "/feed.xml",
        f"/sources/{case.citations[0].source_id}",
        "/sitemap.xml",
    ]


def budget_of(path, case, officer):
    """The most queries ``path`` may run: the case and officer pages load one query per kind
    with a section, the case list its badges, the officer page its figures; the rest share one."""
    if path == "/cases":
        return CASE_LIST_BUDGET
    if path == f"/officers/{officer.id}":
        return QUERY_BUDGETS["officers.detail"]
    if path == f"/cases/{case.id}":
        return SECTION_PAGE_BUDGET
    return QUERY_BUDGET


@pytest.mark.parametrize("size", [1, 50])
def test_pages_stay_within_the_query_budget(app, client, size):
    case, officer = _world(size)
    for path in _paths(case, officer):
        assert page_queries(client, path) <= budget_of(path, case, officer), path


def test_query_count_does_not_grow_with_linked_records(app, client, db):
    small_case, small_officer = _world(1)
    small = [page_queries(client, path) for path in _paths(small_case, small_officer)]
    big_case, big_officer = _world(50)
    big = [page_queries(client, path) for path in _paths(big_case, big_officer)]
    # A page's statements are fixed by what it shows, not by how many records it links (the
    # references of a page are one statement, its collections one each): never more at 50.
    assert all(big_count <= small_count for small_count, big_count in zip(small, big, strict=True))
