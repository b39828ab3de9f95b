"""Indexes for every filter and sort: the main queries of each public page, EXPLAINed.

Runs on PostgreSQL only (SQLite's planner has no switch like this). Every SQL statement a
public page runs is EXPLAINed with ``enable_seqscan`` off: the planner then reads a large table
whole only when no index can serve the query, which on a 100,000-case database means a page
that costs more as the data grows. Whole-table counts (the home page's charts and headline
numbers, a list's total) are listed below with the reason they may scan.
"""

import json

import pytest
from sqlalchemy import text

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.kinds import api_collections
from tracker.models import DemandLink

LARGE = {
    "records",
    "cases",
    "complaints",
    "investigations",
    "duty_events",
    "citations",
    "search_documents",
    "case_officers",
}


def _world():
    """A little of everything, so every page has rows to plan over."""
    petition = factories.make_petition(publish=True, demands=5)
    db.session.flush()
    for demand, indicator in zip(
        petition.demands,
        [
            "complaints_accepted",
            "external_investigations",
            "officers_named",
            "premature_reinstatement",
            "related_actions",
        ],
        strict=True,
    ):
        demand.indicator = indicator
    officer = factories.make_officer(publish=True, name="Plan Officer")
    case = factories.make_case(publish=True, officers=[officer], outcome="fatal")
    agency = factories.make_agency(publish=True)
    factories.make_complaint(publish=True, case=case, filed_with=agency)
    investigation = factories.make_investigation(publish=True, case=case, scope="external")
    factories.make_duty_event(
        officer, publish=True, duty_kind="reinstated", investigations=[investigation]
    )
    case.demand_links.append(DemandLink(demand=petition.demands[4]))
    db.session.commit()
    return case, officer


def _statements(client, path):
    """``[(sql, parameters)]`` of every SELECT the page ``path`` runs."""
    with count_queries() as seen:
        assert client.get(path).status_code == 200, path
    reads = ("SELECT", "WITH")
    return [ran for ran in seen.executed if ran[0].lstrip().upper().startswith(reads)]


def _scans(plan):
    """Every (node type, table) in a JSON plan."""
    found = []
    if "Relation Name" in plan:
        found.append((plan["Node Type"], plan["Relation Name"]))
    for child in plan.get("Plans", ()):
        found.extend(_scans(child))
    return found


# Queries that read a whole table on purpose, each with its reason: (page, words in the SQL).
WHOLE_TABLE = [
    "count(*)",  # a list's total and the charts' counts: every row counted (see README)
]


def _allowed(statement):
    """True for a query that counts a whole table by design."""
    return any(words in statement for words in WHOLE_TABLE)


@pytest.mark.postgresql_only  # EXPLAIN's plan shape is PostgreSQL's
def test_public_pages_use_indexes_on_large_tables(app, client, database_url):
    case, officer = _world()
    paths = [
        "/",
        "/cases",
        f"/cases?after={case.id}",
        "/cases?kind=use_of_force&investigation=external",
        f"/cases?officer={officer.id}",
        f"/cases/{case.id}",
        f"/officers/{officer.id}",
        "/demands",
        "/demands/2",
        "/demands/4",
        "/demands/5",
        "/search?q=case",
        "/api/v1/cases",
        f"/api/v1/cases?after={case.id}",
        "/officers",
    ]
    # Every API list's first page and a keyset page (after its first record).
    for collection in api_collections():
        first = f"/api/v1/{collection.path}"
        record = db.session.scalars(collection.published_statement().limit(1)).first()
        paths.append(first)
        if record is not None:
            paths.append(f"{first}?page=2&per_page=1&after={record.id}")
    problems, explained = [], 0
    with db.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.execute(text("SET enable_seqscan = off"))
        for path in paths:
            for statement, parameters in _statements(client, path):
                if _allowed(statement):
                    continue
                rows = connection.exec_driver_sql(
                    "EXPLAIN (FORMAT JSON) " + statement, parameters
                ).scalar()
                explained += 1
                plan = (rows if isinstance(rows, list) else json.loads(rows))[0]["Plan"]
                for node, table in _scans(plan):
                    if node == "Seq Scan" and table in LARGE:
                        problems.append((path, node, table, statement[:400]))
    assert explained > 3 * len(paths)  # every page's queries, not a handful
    assert problems == [], [read for read, _ in problems]


# The tables an officer's figures read: each must be reached from the officer's ids (an index
# condition), never read whole, however many other officers' records there are.
FIGURE_TABLES = {
    "records",
    "allegations",
    "complaints",
    "complaint_officers",
    "case_officers",
}


def _whole_reads(plan, tables):
    """(node type, table) of every scan in ``plan`` that reads one of ``tables`` whole."""
    found = []
    table = plan.get("Relation Name")
    if table in tables:
        condition = plan.get("Index Cond") or plan.get("Recheck Cond")
        if plan["Node Type"] == "Seq Scan" or not condition:
            found.append((plan["Node Type"], table))
    for child in plan.get("Plans", ()):
        found.extend(_whole_reads(child, tables))
    return found


@pytest.mark.postgresql_only  # EXPLAIN's plan shape is PostgreSQL's
def test_an_officers_figures_read_only_that_officers_records(app, db):
    from tracker.duty.figures import figures_for

    agency = factories.make_agency(publish=True)
    officers = [factories.make_officer(publish=True, agency=agency) for _ in range(6)]
    for number in range(30):  # other officers' complaints, allegations and cases to plan over
        pair = [officers[number % 6], officers[(number + 1) % 6]]
        case = factories.make_case(publish=True, officers=pair)
        complaint = factories.make_complaint(publish=True, case=case, officers=pair[:1])
        for officer in pair:
            factories.make_allegation(complaint, publish=True, officer=officer)
        factories.make_complaint(publish=True, refused_by_officer=pair[0], acceptance="refused")
    db.session.commit()
    busiest = officers[0].id
    with count_queries() as counted:
        figures = figures_for([busiest])[busiest]
    seen = counted.executed
    assert figures.allegations == 10 and figures.co_accused_total == 2
    problems = []
    # VACUUM too: rows the earlier tests deleted (a generated world) still fill the tables'
    # pages until vacuumed, and the plans would be made for those pages. The session's
    # transaction ends first: VACUUM waited without end for a page its open result pinned,
    # and a time limit turns any other such wait into a failure instead of a hung run.
    db.session.rollback()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("SET statement_timeout = '120s'"))
        connection.execute(text("VACUUM ANALYZE " + ", ".join(sorted(FIGURE_TABLES))))
        connection.execute(text("RESET statement_timeout"))  # the connection goes back to the pool
    with db.engine.connect() as connection:
        # Nested loops only: each table must then be reached through an index from the rows
        # before it (the officer's ids, then their complaints and cases), never read whole.
        for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            connection.execute(text(f"SET {setting} = off"))
        for statement, parameters in seen:
            rows = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters)
            plan = rows.scalar()
            plan = (plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]
            problems += [(read, statement[:300]) for read in _whole_reads(plan, FIGURE_TABLES)]
    assert len(seen) == 3
    assert problems == [], [read for read, _ in problems]
