"""Reconciliation with The Washington Post's Fatal Force database, on its real files.

The tests read the Post's files from ``../shared/data/fatal-force`` (the ``FATAL_FORCE_DIR``
default); without them a test skips here and fails under CI.
"""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import unavailable
from tests.manage_helpers import newest, text
from tracker.extensions import db
from tracker.fatalforce import source
from tracker.fatalforce.service import reconcile
from tracker.models import (
    Case,
    Citation,
    ExternalId,
    FatalForceDecision,
    FatalForceRun,
    Person,
    Revision,
)

KCPD = 201  # Kansas City, Missouri Police Department in the Post's agencies file
SANDERS_ROW = 5663


@pytest.fixture
def post_files(app):
    """The Post's two files must be where the setting says."""
    folder = Path(app.config["FATAL_FORCE_DIR"])
    if not all((folder / name).is_file() for name in (source.DATA_FILE, source.AGENCIES_FILE)):
        unavailable(f"The Post's Fatal Force files in {folder}")
    return folder


def _count(model):
    """How many rows ``model`` has."""
    return db.session.scalar(select(func.count()).select_from(model))


def _result(report, row_id):
    """The result of the Post's row ``row_id``."""
    return next(result for result in report.results if result.row.id == row_id)


def _sanders():
    """The demo's Donnie Sanders case."""
    return db.session.scalars(select(Case).filter_by(title="Death of Donnie Sanders")).one()


def test_the_posts_files_load_with_the_departments_35_rows(post_files):
    reading = source.rows_of(KCPD)
    assert reading.rows_read == 9518
    assert len(reading.rows) == 35
    assert reading.data_through == date(2024, 4, 4)
    sanders = next(row for row in reading.rows if row.id == SANDERS_ROW)
    assert (sanders.date, sanders.name, sanders.place) == (
        date(2020, 3, 12),
        "Donnie Sanders",
        "Kansas City, MO",
    )
    assert sanders.races == "Black" and sanders.age == 47
    # Rows shared with other agencies count for each ("1200;201;2080").
    assert any(len(row.agency_ids) > 1 for row in reading.rows)
    kcpd, kck = source.agency(KCPD), source.agency(2169)
    assert kcpd.label == "Kansas City Police Department (MO)" and kcpd.oricodes == ("MOKPD00",)
    assert kck.state == "KS"


def test_demo_sanders_case_is_matched_to_row_5663(demo, post_files):
    report = reconcile(KCPD)
    result = _result(report, SANDERS_ROW)
    assert result.status == "proposed"
    assert [match.case for match in result.matches] == [_sanders()]
    assert result.matches[0].evidence == ["same name", "no date on record"]
    figures = report.figures
    assert figures == {"matched": 0, "proposed": 1, "missing": 34, "unlisted": 1, "rows": 35}
    # Ryan Stokes (2013, before the Post's data) is a tracker case the Post does not list.
    assert [case.title for case in report.unlisted] == ["Death of Ryan Stokes"]
    run = db.session.get(FatalForceRun, KCPD)
    assert (run.rows, run.matched, run.confirmed, run.missing) == (35, 1, 0, 34)


def test_confirmed_match_stays_and_a_rerun_changes_nothing(client, auth, users, demo, post_files):
    auth.login_as(users["editor"])
    case = _sanders()
    page = text(client.get("/manage/fatal-force?agency=201"))
    assert "Donnie Sanders" in page and "same name, no date on record" in page
    response = client.post(
        "/manage/fatal-force/decide",
        data={"agency": KCPD, "row": SANDERS_ROW, "case": case.id, "decision": "confirmed"},
    )
    assert response.status_code == 302
    assert [(item.scheme, item.value) for item in case.external_ids] == [("fatal_force", "5663")]
    counts = (_count(FatalForceDecision), _count(ExternalId), _count(Revision), _count(Case))
    version = case.version
    for _ in range(2):
        report = reconcile(KCPD)
        assert _result(report, SANDERS_ROW).status == "matched"
        assert text(client.get("/manage/fatal-force")).count("carries the row") == 1
    assert (
        _count(FatalForceDecision),
        _count(ExternalId),
        _count(Revision),
        _count(Case),
    ) == counts
    assert db.session.get(Case, case.id).version == version
    # Demand 3 says, from the confirmed matches, how many of the Post's rows are logged.
    demand = text(client.get("/demands/3"))
    assert "1 of the 35 fatal police shootings by the Kansas City Police Department (MO)" in demand
    assert "data through 4 April 2024" in demand


def test_a_rejected_proposal_is_not_proposed_again(client, auth, users, demo, post_files):
    auth.login_as(users["editor"])
    case = _sanders()
    client.post(
        "/manage/fatal-force/decide",
        data={"agency": KCPD, "row": SANDERS_ROW, "case": case.id, "decision": "rejected"},
    )
    result = _result(reconcile(KCPD), SANDERS_ROW)
    assert result.status == "missing" and [match.case for match in result.rejected] == [case]
    assert case.external_ids == []


def test_a_draft_case_starts_from_a_missing_row(client, auth, users, demo, post_files):
    auth.login_as(users["editor"])
    response = client.post("/manage/fatal-force/start", data={"agency": KCPD, "row": 634})
    assert response.status_code == 302
    case = newest(Case)
    assert (case.status, case.occurred_on, case.place) == (
        "draft",
        date(2015, 7, 9),
        "Kansas City, MO",
    )
    assert (case.case_kind, case.outcome, case.title) == (
        "shooting",
        "fatal",
        "Fatal police shooting of Javon Hawkins",
    )
    assert [(item.scheme, item.value) for item in case.external_ids] == [("fatal_force", "634")]
    person = newest(Person)
    assert [(part.person, part.role) for part in case.people] == [(person, "subject")]
    assert (person.name, person.name_is_public, person.age, person.race, person.gender) == (
        "Javon Hawkins",
        True,
        21,
        "Black",
        "Male",
    )
    citation = db.session.scalars(select(Citation).filter_by(record_id=case.id)).one()
    assert citation.locator == "row id 634"
    assert citation.source.url == source.DATASET_URL
    assert _result(reconcile(KCPD), 634).status == "matched"
    # Once is enough: a second click starts nothing.
    cases = _count(Case)
    client.post("/manage/fatal-force/start", data={"agency": KCPD, "row": 634})
    assert _count(Case) == cases


def test_volunteers_do_not_see_the_page(client, auth, users, post_files):
    auth.login_as(users["volunteer"])
    assert client.get("/manage/fatal-force").status_code == 403
    assert (
        client.post("/manage/fatal-force/start", data={"agency": KCPD, "row": 634}).status_code
        == 403
    )


def test_the_command_prints_the_report(runner, demo, post_files):
    result = runner.invoke(args=["fatal-force", "reconcile", "--agency", "201", "--rows"])
    assert result.exit_code == 0, result.output
    assert "35 of the Post's 9,518 rows (data through 2024-04-04)" in result.output
    assert "5663 2020-03-12 Donnie Sanders: proposed" in result.output
    assert "missing from the tracker 34" in result.output


def test_missing_files_are_said_not_crashed(app, client, auth, users, runner, tmp_path):
    app.config["FATAL_FORCE_DIR"] = str(tmp_path)
    auth.login_as(users["editor"])
    page = client.get("/manage/fatal-force")
    assert page.status_code == 200 and "is missing" in text(page)
    result = runner.invoke(args=["fatal-force", "reconcile", "--agency", "201"])
    assert result.exit_code == 1 and "is missing" in result.output
    response = client.post("/manage/fatal-force/start", data={"agency": KCPD, "row": 634})
    assert response.status_code == 302 and _count(Case) == 0


def test_a_reconciliation_costs_a_few_statements_however_many_matches(app, demo, post_files):
    from tests.factories import make_case
    from tests.querycount import count_queries

    with count_queries() as before:
        reconcile(KCPD)
    for number in range(30):  # cases on the Post's dates: proposals, each with evidence
        make_case(title=f"Case {number}", occurred_on=date(2020, 3, 12), outcome="fatal")
    db.session.commit()
    with count_queries() as after:
        report = reconcile(KCPD)
    assert len(_result(report, SANDERS_ROW).matches) == 31
    assert after.count == before.count <= 12
