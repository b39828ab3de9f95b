"""Cost that does not grow with the data: demand figures by SQL, pages of bounded size.

Every test doubles the data and compares: the same number of SQL queries and pages that do
not grow. The reinstatement verdict in SQL is checked against the Python rule it restates
(``tracker.duty.rules.reinstated_while_open``) over every combination of dates and statuses.
"""

import itertools
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.querycount import count_queries, page_queries
from tracker.demands import indicators, services
from tracker.duty.rules import reinstated_while_open
from tracker.extensions import db
from tracker.models import (
    Case,
    CaseOfficer,
    CasePerson,
    Citation,
    DemandLink,
    DocketEntry,
    DutyEvent,
    Record,
    RequestEvent,
    TimelineEvent,
)

INDICATORS = [
    "complaints_accepted",
    "external_investigations",
    "officers_named",
    "premature_reinstatement",
    "related_actions",
]
DAY = date(2020, 7, 1)
DATES = [None, date(2020, 6, 1), DAY, date(2020, 8, 1)]  # missing, before, same day, after


def _petition():
    """A published petition whose five demands have the five indicators."""
    petition = factories.make_petition(publish=True, demands=len(INDICATORS))
    db.session.flush()
    for demand, indicator in zip(petition.demands, INDICATORS, strict=True):
        demand.indicator = indicator
    return petition


def _add(petition, size):
    """``size`` more records behind every figure of every demand."""
    department = factories.make_agency(publish=True)
    officer = factories.make_officer(publish=True)
    for number in range(size):
        acceptance = ("refused", "no_response", "accepted", "pending")[number % 4]
        factories.make_complaint(publish=True, filed_with=department, acceptance=acceptance)
        case = factories.make_case(
            publish=True, case_kind="shooting", outcome="fatal", officers=[officer]
        )
        if number % 2:
            factories.make_investigation(publish=True, case=case, scope="external")
        investigation = factories.make_investigation(
            publish=True, opened_on=DATES[number % 4], closed_on=DATES[(number + 1) % 4]
        )
        factories.make_duty_event(
            officer,
            publish=True,
            duty_kind="reinstated",
            occurred_on=DAY,
            investigations=[investigation],
        )
        action = factories.make_legal_action(publish=True)
        action.demand_links.append(DemandLink(demand=petition.demands[4]))
        investigation.demand_links.append(DemandLink(demand=petition.demands[4]))
    db.session.commit()


def _measure(client, paths):
    """``{path: (queries, bytes)}`` of each public page."""
    seen = {}
    for path in paths:
        db.session.expire_all()
        with count_queries() as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        seen[path] = (queries.count, len(response.data))
    return seen


PATHS = ["/", "/demands"] + [f"/demands/{number}" for number in range(1, 6)]


def test_demand_pages_cost_the_same_when_the_data_doubles(app, client, monkeypatch):
    monkeypatch.setattr(indicators, "PAGE_SIZE", 3)  # every figure fills more than one page
    monkeypatch.setattr(services, "EVIDENCE_PER_KIND", 3)  # and so does every linked kind
    petition = _petition()
    _add(petition, 24)
    before = _measure(client, PATHS)
    _add(petition, 24)
    after = _measure(client, PATHS)
    for path in PATHS:
        assert after[path][0] == before[path][0], path  # the same queries
        # Every figure is past one page already: only its count's digits can change.
        assert after[path][1] <= before[path][1] * 1.02 + 200, path


def test_figures_count_everything_and_list_one_page(app, client, monkeypatch):
    monkeypatch.setattr(indicators, "PAGE_SIZE", 5)
    petition = _petition()
    _add(petition, 4 * 7)  # 7 complaints of each answer
    refused = indicators.complaints_accepted().figure("refused")
    assert refused.value == 7
    assert len(refused.records) == 5
    first = client.get("/demands/1").get_data(as_text=True)
    assert "Refused (7)" in first and "Page 1 of 2" in first
    second = client.get("/demands/1?figure=refused&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second
    listed = indicators.complaints_accepted({"refused": 2}).figure("refused").records
    assert len(listed) == 2
    assert all(record.title in second for record in listed)
    # A page past the end shows the last page; nonsense shows the first.
    assert "Page 2 of 2" in client.get("/demands/1?figure=refused&page=99").get_data(True)
    assert "Page 1 of 2" in client.get("/demands/1?figure=refused&page=x").get_data(True)


def test_scoreboard_counts_without_loading_records(app, client):
    petition = _petition()
    _add(petition, 4)
    for demand in petition.demands:
        indicator = indicators.counts_only(demand)
        assert indicator.total > 0
        assert all(figure.records == [] for figure in indicator.figures)


def _combinations():
    """Every (opened, closed, status) of one investigation, plus pairs of them."""
    statuses = ["open", "closed", "suspended", "declined"]
    single = [
        (opened, closed, status)
        for opened, closed, status in itertools.product(DATES, DATES, statuses)
        if opened is None or closed is None or closed >= opened  # as the database allows
    ]
    pairs = [(single[i], single[(i * 7 + 3) % len(single)]) for i in range(0, len(single), 3)]
    return [[one] for one in single] + pairs


def test_reinstatement_verdict_in_sql_matches_the_duty_rule(app):
    officer = factories.make_officer(publish=True)
    events = []
    for occurred_on in (DAY, None):
        for combination in _combinations():
            related = [
                factories.make_investigation(
                    publish=True, opened_on=opened, closed_on=closed, investigation_status=status
                )
                for opened, closed, status in combination
            ]
            events.append(
                factories.make_duty_event(
                    officer,
                    publish=True,
                    duty_kind="reinstated",
                    occurred_on=occurred_on,
                    investigations=related,
                )
            )
    events.append(factories.make_duty_event(officer, publish=True, duty_kind="reinstated"))
    db.session.commit()

    _entity, statement, verdict, _order, _options = indicators.MEASURES[
        "premature_reinstatement"
    ].build()
    in_sql = dict(  # noqa: C416
        db.session.execute(
            statement.with_only_columns(DutyEvent.id, verdict, maintain_column_froms=True)
        ).all()
    )
    for event in events:
        assert in_sql[event.id] == reinstated_while_open(event), (
            event.occurred_on,
            [(i.opened_on, i.closed_on, i.investigation_status) for i in event.investigations],
        )
    counts = {figure.key: figure.value for figure in indicators.premature_reinstatement().figures}
    assert sum(counts.values()) == len(events)


def test_officers_named_counts_an_unpublished_officer_as_not_named_in_public(app):
    from tracker.records.visibility import public_view

    draft = factories.make_officer()
    named = factories.make_officer(publish=True)
    factories.make_case(publish=True, outcome="fatal", officers=[draft])
    factories.make_case(publish=True, outcome="fatal", officers=[named])
    factories.make_case(publish=True, outcome="fatal")
    db.session.commit()
    with public_view():
        figures = {figure.key: figure.value for figure in indicators.officers_named().figures}
    assert figures == {"not_named": 2, "named": 1}


def _walk(client, url):
    """Every title of an API list, following its ``next`` links; and how many pages."""
    titles, pages = [], 0
    while url:
        body = client.get(url).get_json()
        titles += [row["title"] for row in body["data"]]
        url, pages = body["links"]["next"], pages + 1
        assert url is None or "after=" in url
    return titles, pages


def test_keyset_pages_match_offset_pages_in_every_order(app, client):
    for number in range(11):
        factories.make_case(
            publish=True,
            title=f"Keyset {number % 4}",  # ties in the title order
            occurred_on=None if number % 3 == 0 else date(2020, 1 + number % 2, 1),  # and dates
        )
    factories.make_case(title="Keyset draft")
    db.session.commit()
    for sort in ("newest", "oldest", "title", "updated"):
        offset = client.get(f"/api/v1/cases?per_page=100&sort={sort}").get_json()["data"]
        keyset, pages = _walk(client, f"/api/v1/cases?per_page=3&sort={sort}")
        assert keyset == [row["title"] for row in offset], sort
        assert pages == 4 and "Keyset draft" not in keyset


def test_a_deep_case_list_page_costs_what_the_second_does(app, client):
    app.config["PER_PAGE"] = 2
    for number in range(12):
        factories.make_case(publish=True, title=f"Deep {number:02}")
    db.session.commit()
    seen, url, counts = [], "/cases?sort=title", []
    while url:
        db.session.expire_all()
        with count_queries() as queries:
            page = client.get(url).get_data(as_text=True)
        counts.append(queries.count)
        seen += [f"Deep {n:02}" for n in range(12) if f">Deep {n:02}<" in page]
        marker = 'rel="next" href="'
        url = page.split(marker)[1].split('"')[0].replace("&amp;", "&") if marker in page else None
    assert seen == [f"Deep {n:02}" for n in range(12)]
    assert len(set(counts[1:])) == 1  # every page after the first: the same queries
    # A draft's id as the cursor reveals nothing: the list starts from the top.
    draft = factories.make_case(title="Hidden")
    db.session.commit()
    assert ">Deep 00<" in client.get(f"/cases?sort=title&after={draft.id}").get_data(True)


def _officer_list_queries(client, cases, seed):
    """Warm queries of /officers' first, middle and last page and a Next link's; its pages."""

    from tracker.worldgen.plan import WorldPlan
    from tracker.worldgen.writer import write_world

    write_world(db.session, WorldPlan(cases), seed)  # it brings the planner statistics up to date
    db.session.commit()
    first = client.get("/officers").get_data(as_text=True)
    pages = int(re.search(r"Page 1 of (\d+)", first).group(1))
    following = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    paths = ["/officers", f"/officers?page={pages // 2}", f"/officers?page={pages}", following]
    return [page_queries(client, path, warm=True) for path in paths], pages


def test_the_officer_list_costs_the_same_queries_in_a_small_and_a_big_world(app, client):
    """Its order spans two tables (no index serves it): every page comes from the kept order."""
    app.config["PAGE_CACHE_ENABLED"] = False
    app.config["PER_PAGE"] = 5
    small, small_pages = _officer_list_queries(client, 100, seed=31)
    big, big_pages = _officer_list_queries(client, 400, seed=32)
    assert big_pages > 3 * small_pages > 3
    assert small == big, (small, big)


def test_the_officer_filter_is_a_lookup_not_a_menu(app, client):
    def case_list_bytes():
        """The size of the filter form of /cases."""
        page = client.get("/cases").get_data(as_text=True)
        return len(page[page.index("<form") : page.index("</form>")])

    first = factories.make_officer(publish=True, name="Lookup Alpha")
    factories.make_case(publish=True, title="With Alpha", officers=[first])
    factories.make_case(publish=True, title="Without")
    draft = factories.make_officer(name="Lookup Draft")
    factories.make_case(publish=True, title="With a draft", officers=[draft])
    db.session.commit()
    before = case_list_bytes()
    for number in range(40):
        factories.make_case(
            publish=True, officers=[factories.make_officer(publish=True, name=f"Many {number}")]
        )
    db.session.commit()
    assert case_list_bytes() == before  # 40 more officers: not one more byte of form
    names = client.get("/cases/officer-names?q=look").get_json()
    assert names == [first.title]  # a draft officer's name is never suggested
    assert client.get("/cases/officer-names?q=%25").get_json() == []  # no wildcards
    page = client.get(f"/cases?officer_name={first.title}").get_data(as_text=True)
    assert "With Alpha" in page and "Without" not in page
    assert "With a draft" not in client.get(f"/cases?officer_name={draft.title}").get_data(True)


def test_an_officer_on_many_cases_gets_a_page_of_them_and_the_count(app, client, monkeypatch):
    from tracker.pages import officer as officer_pages

    monkeypatch.setattr(officer_pages, "CASES_PER_PAGE", 4)
    officer = factories.make_officer(publish=True, name="Busy Officer")
    for number in range(9):
        factories.make_case(
            publish=True,
            title=f"Busy {number}",
            occurred_on=None if number == 0 else date(2020, 1, number),
            officers=[officer],
        )
    db.session.commit()

    def measure(path):
        """(queries, page text) of ``path``, asked a second time (the figures are kept)."""
        client.get(path)
        db.session.expire_all()
        with count_queries() as queries:
            page = client.get(path).get_data(as_text=True)
        return queries.count, page

    queries, first = measure(f"/officers/{officer.id}")
    assert "Cases (9)" in first and "Page 1 of 3" in first
    assert ">Busy 8<" in first and ">Busy 5<" in first and ">Busy 4<" not in first
    later, last = measure(f"/officers/{officer.id}?cases_page=3")
    assert ">Busy 0<" in last and ">Busy 1<" not in last  # undated last
    assert later == queries
    for number in range(9, 20):
        factories.make_case(publish=True, title=f"Busy {number}", officers=[officer])
    db.session.commit()
    assert measure(f"/officers/{officer.id}")[0] == queries


def test_planner_statistics_are_refreshed_cheaply(app, database_url):
    from sqlalchemy import text

    factories.make_case(publish=True)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["db-analyze"])
    assert result.exit_code == 0 and "Planner statistics refreshed" in result.output
    if database_url.startswith("sqlite"):
        # ANALYZE wrote statistics (sampled: PRAGMA analysis_limit keeps it cheap at any size).
        assert db.session.scalar(text("SELECT count(*) FROM sqlite_stat1")) > 0
    # The periodic refresh runs on the request that reaches the count, and never fails one.
    app.config["PLANNER_REFRESH_EVERY"] = 2
    client = app.test_client()
    assert all(client.get("/cases").status_code == 200 for _ in range(3))


@pytest.mark.sqlite_only  # PostgreSQL plans an empty table as empty without help
def test_an_empty_table_is_planned_as_empty(app):
    from sqlalchemy import text

    from tracker.kinds import kind_named
    from tracker.planner import note_empty_tables, refresh_statistics

    for number in range(30):
        factories.make_case(publish=True, title=f"Case {number}")
    db.session.commit()
    refresh_statistics(db.session.connection())
    db.session.commit()
    # ANALYZE left no statistics for the empty meetings table (SQLite then guesses a million
    # rows); the refresh notes it as one row, as ANALYZE would have, indexes included.
    stats = dict(
        db.session.execute(text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'meetings'")).all()
    )
    assert stats[None] == "1" and set(stats.values()) <= {"1", "1 1", "1 1 1"} and len(stats) > 1
    # The API's list of meetings then reads the meetings first, not every published record.
    statement = kind_named("meeting").published_statement().limit(25)
    compiled = statement.compile(
        dialect=db.session.get_bind().dialect, compile_kwargs={"literal_binds": True}
    )
    plan = db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    assert "meetings" in plan[0][-1] and "records" not in plan[0][-1], plan
    # A new database (no record yet) is about to be filled: nothing is noted there.
    db.session.execute(text("DELETE FROM sqlite_stat1"))
    assert note_empty_tables(db.session.connection()) != []
    db.session.execute(text("DELETE FROM sqlite_stat1"))
    db.session.execute(text("UPDATE records SET status = 'draft'"))
    db.session.execute(text("DELETE FROM records"))
    assert note_empty_tables(db.session.connection()) == []
    db.session.rollback()
    # A table with rows keeps what ANALYZE counted.
    cases = db.session.scalar(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases' LIMIT 1"))
    assert not cases.startswith("1 ")


@pytest.mark.postgresql_only  # SQLite runs every query in the app's own thread
def test_postgresql_runs_the_app_queries_without_parallel_workers(app):
    from sqlalchemy import text

    # Set once per connection, outside any transaction: a rollback does not undo it.
    assert db.session.scalar(text("SHOW max_parallel_workers_per_gather")) == "0"
    db.session.rollback()
    assert db.session.scalar(text("SHOW max_parallel_workers_per_gather")) == "0"


def _warm(client, paths):
    """``{path: queries}`` of a second (warm) request to each page."""
    _measure(client, paths)  # the first request works out what is kept per change of the data
    return {path: queries for path, (queries, _size) in _measure(client, paths).items()}


def test_warm_demand_and_source_pages_ask_no_more_with_every_kind_than_with_none(app, client):
    # The demo data has no complaints, investigations, duty events or allegations: a page whose
    # lists load them would ask more of a world that has them. Warm, it asks nothing for them.
    petition = _petition()
    source = factories.make_source()
    case = factories.make_case(publish=True)
    case.citations.append(Citation(source=source))
    db.session.commit()
    # Demand 5 reads its legal actions' court dates once one is linked: one query, any number.
    paths = [f"/demands/{number}" for number in range(1, 5)] + [f"/sources/{source.id}"]
    empty = _warm(client, paths)
    _add(petition, 6)
    officer = factories.make_officer(publish=True)
    for number in range(6):
        complaint = factories.make_complaint(publish=True, case=case)
        allegation = factories.make_allegation(complaint, publish=True, officer=officer)
        for record in (complaint, allegation, factories.make_investigation(publish=True)):
            record.citations.append(Citation(source=source))
            record.demand_links.append(DemandLink(demand=petition.demands[number % 5]))
    db.session.commit()
    full = _warm(client, paths)
    assert full == empty
    # An allegation's link (its case is its complaint's) is worked out with the page's other
    # links, in one query for every allegation on it, not one for each.
    html = client.get(f"/sources/{source.id}").get_data(as_text=True)
    assert html.count(f'href="/cases/{case.id}') >= 13


def _case_page_queries(client, case_id):
    """The SQL statements of a case page, warm (its kept answers already worked out)."""
    assert client.get(f"/cases/{case_id}").status_code == 200
    db.session.expire_all()
    with count_queries() as queries:
        assert client.get(f"/cases/{case_id}").status_code == 200
    return queries.count


def _full_case():
    """A published case with a record of every kind on its page, each naming all it can."""
    agency = factories.make_agency(publish=True)
    officers = [factories.make_officer(publish=True, agency=agency) for _ in range(2)]
    for officer in officers:
        factories.make_assignment(officer, publish=True)
    case = factories.make_case(publish=True, officers=officers)
    source = factories.make_source()
    person = factories.make_person(publish=True)
    case.people.append(CasePerson(person=person, role="witness"))
    case.timeline.append(TimelineEvent(occurred_on=DAY, description="Event", source=source))
    complaint = factories.make_complaint(
        publish=True,
        case=case,
        filed_with=agency,
        complainant=person,
        acceptance="refused",
        refused_by_agency=agency,
        refused_by_officer=officers[0],
    )
    factories.make_allegation(
        complaint, publish=True, officer=officers[1], recommended_by=agency, final_by=agency
    )
    investigation = factories.make_investigation(publish=True, case=case, agency=agency)
    factories.make_duty_event(officers[0], publish=True, investigations=[investigation])
    action = factories.make_legal_action(publish=True, case=case, court=agency)
    action.docket.append(
        DocketEntry(entry_kind="hearing", entry_on=DAY, description="Hearing", source=source)
    )
    request = factories.make_records_request(
        publish=True, case=case, custodian=agency, requester=person
    )
    request.events.append(RequestEvent(occurred_on=DAY, event_kind="acknowledged", source=source))
    db.session.commit()
    return case


def test_a_case_page_runs_the_same_statements_whatever_the_case_holds(app, client):
    # The page's statements follow its structure (a query per part and per section, one for
    # every person, officer and complaint its records name), not which records it has: a bare
    # case, a generated world's busiest case with an investigation by an agency, and a case
    # with every kind of record naming every agency, person and officer it can.
    from tracker.worldgen.writer import generate_world

    bare = factories.make_case(publish=True)
    db.session.commit()
    generate_world(db.session, 20, seed=3)
    busiest = db.session.execute(
        select(CaseOfficer.case_id)
        .join(Record, Record.id == CaseOfficer.case_id)
        .where(Record.status == "published")
        .group_by(CaseOfficer.case_id)
        .order_by(func.count().desc(), CaseOfficer.case_id)
        .limit(1)
    ).scalar()
    factories.make_investigation(
        publish=True, case=db.session.get(Case, busiest), agency=factories.make_agency(publish=True)
    )
    db.session.commit()
    counts = {
        "bare": _case_page_queries(client, bare.id),
        "busiest": _case_page_queries(client, busiest),
        "full": _case_page_queries(client, _full_case().id),
    }
    assert counts["bare"] == counts["busiest"] == counts["full"], counts


def test_a_case_page_reads_its_allegations_once(app, client):
    # A complaint's allegations on a case page are the case's allegation section
    # (``Section.parts_in_case``): handed out from it, not read a second time.
    case = _full_case()
    assert client.get(f"/cases/{case.id}").status_code == 200
    db.session.expire_all()
    with count_queries() as queries:
        assert client.get(f"/cases/{case.id}").status_code == 200
    reads = [
        sql for sql in queries.statements if re.search(r"\bFROM records JOIN allegations\b", sql)
    ]
    assert len(reads) == 1, reads
