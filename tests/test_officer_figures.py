"""Officer figures: allegations by category and finding, discipline, cases and co-accused.

The complaint of the "Done when" (three officers, five allegations) is counted in every
channel: the officer page, its PDF, the API's officer answer and the officer_figures download;
drafts count nowhere; the query count does not grow with the data.
"""

import csv
import io

import pytest

from tests import factories
from tests.pdftext import pdf_text
from tests.test_allegations import _complaint
from tracker.duty.figures import figures_for, officer_figures
from tracker.records.visibility import public_view


@pytest.fixture(autouse=True)
def cache_dir(app, tmp_path):
    """Each test gets its own empty report cache."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None


def _with_drafts(db, case, complaint, officers):
    """Records that must count nowhere: a draft allegation, a draft case, a draft co-accused."""
    factories.make_allegation(
        complaint, officer=officers[0], category="harassment", final_finding="sustained"
    )
    draft_officer = factories.make_officer(name="Dee Draft")
    factories.make_case(officers=[officers[0], officers[1]])
    factories.make_case(publish=True, officers=[officers[0], draft_officer])
    db.session.commit()


def test_the_figures_count_published_records_only(db):
    case, complaint, officers = _complaint(db)
    _with_drafts(db, case, complaint, officers)
    ann, ben, cy = officers
    figures = figures_for([ann.id, ben.id, cy.id])
    mine = figures[ann.id]
    assert mine.allegations == 2
    assert [(c.slug, c.findings) for c in mine.categories] == [
        ("discourtesy", {"not_sustained": 1}),
        ("excessive_force", {"sustained": 1}),
    ]
    assert (mine.sustained, mine.decided, mine.share_sustained) == (1, 2, 0.5)
    assert [(d.kind, d.count, d.days, d.overturned) for d in mine.discipline] == [
        ("suspension", 1, 10, 0)
    ]
    # Two published cases (the draft case does not count), one complaint.
    assert (mine.cases, mine.complaints) == (2, 1)
    # Ben and Cy share the case (and its complaint: one thing, not two); the draft officer
    # of the second case is not listed.
    assert [(officer.display_name, shared) for officer, shared in mine.co_accused] == [
        ("Ben Baker", 1),
        ("Cy Cole", 1),
    ]
    assert mine.co_accused_total == 2
    assert figures[cy.id].share_sustained == 1.0  # pending is not decided
    assert figures[cy.id].by_finding["pending"] == 1
    assert [d.kind for d in figures[cy.id].discipline] == ["written_reprimand"]
    assert figures[ben.id].share_sustained == 0.0
    with public_view():
        assert officer_figures(ann.id).stamp() == mine.stamp()


def test_an_officer_with_nothing_has_empty_figures(db):
    officer = factories.make_officer(publish=True)
    db.session.commit()
    figures = officer_figures(officer.id)
    assert (figures.allegations, figures.cases, figures.complaints) == (0, 0, 0)
    assert figures.share_sustained is None
    assert figures.co_accused == [] and figures.co_accused_total == 0


def test_the_figures_are_on_the_page_the_pdf_the_api_and_the_download(client, db):
    case, complaint, officers = _complaint(db)
    _with_drafts(db, case, complaint, officers)
    ann, ben, cy = officers
    page = client.get(f"/officers/{ann.id}").text
    assert 'id="figures-heading"' in page and page.count('id="figures-heading"') == 1
    assert "2 published allegations" in page and "1 sustained of 2 decided (50%)" in page
    assert '<th scope="row">Excessive use of force</th><td>1</td><td>0</td><td>1</td>' in page
    assert "Suspension: 1 (10 days)" in page
    assert f'href="/officers/{ben.id}' in page and "Dee Draft" not in page
    pdf = pdf_text(client.get(f"/officers/{ann.id}/report.pdf").data)
    assert "In figures" in pdf and "Suspension: 1 (10 days)" in pdf and "Cy Cole (1)" in pdf
    answer = client.get(f"/api/v1/officers/{ann.id}").get_json()["data"]
    figures = answer["figures"]
    assert (figures["allegations"], figures["sustained"], figures["share_sustained"]) == (2, 1, 0.5)
    assert figures["by_finding"]["not_sustained"] == 1 and figures["by_finding"]["pending"] == 0
    assert figures["discipline"] == [
        {"discipline": "suspension", "count": 1, "days": 10, "overturned": 0}
    ]
    assert [row["officer_id"] for row in figures["co_accused"]] == [ben.id, cy.id]
    assert (figures["cases"], figures["complaints"], figures["co_accused_total"]) == (2, 1, 2)
    listed = client.get("/api/v1/officers").get_json()["data"]
    assert all("figures" not in row for row in listed)  # per row it would cost three queries
    document = client.get("/api/v1/openapi.json").get_json()
    assert "figures" in document["components"]["schemas"]["OfficersDetail"]["properties"]
    rows = {
        row["officer_id"]: row
        for row in csv.DictReader(
            io.StringIO(client.get("/data/officer_figures.csv").get_data(as_text=True))
        )
    }
    assert rows[str(cy.id)]["allegations_by_category_and_finding"] == (
        "harassment:pending:1; improper_procedure:sustained:1"
    )
    assert rows[str(ann.id)]["discipline"] == "suspension:1"
    assert rows[str(ann.id)]["co_accused"] == f"{ben.id}:1; {cy.id}:1"
    assert rows[str(ben.id)]["share_sustained"] == "0.0"
    as_json = client.get("/data/officer_figures.json").get_json()
    assert {row["officer_id"] for row in as_json["records"]} == {o.id for o in officers}
    assert "co_accused_total" in client.get("/data").text


def _busiest_officer():
    """The published officer with the most published allegations in the database."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import aliased

    from tracker.models import Allegation, Record

    officer = aliased(Record)
    return (
        db_session()
        .execute(
            select(Allegation.officer_id)
            .join(officer, officer.id == Allegation.officer_id)
            .where(officer.status == "published", Allegation.status == "published")
            .group_by(Allegation.officer_id)
            .order_by(func.count().desc(), Allegation.officer_id)
            .limit(1)
        )
        .scalar_one()
    )


def db_session():
    """The app's session."""
    from tracker.extensions import db

    return db.session


def _queries(client, path):
    """Statements the request for ``path`` runs, its (streamed) body read to the end."""
    from tests.querycount import count_queries

    db_session().expire_all()
    with count_queries() as seen:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get_data()
    return seen.count


def _world_counts(client, cases, seed):
    """Queries of the busiest officer's page, API answer and the figures download."""
    from sqlalchemy import text

    from tracker.worldgen.plan import WorldPlan
    from tracker.worldgen.writer import write_world

    write_world(db_session(), WorldPlan(cases), seed)
    # Statistics, as a live database's autovacuum keeps them: without them PostgreSQL guesses
    # one row a table and nests scans of the bulk-written tables.
    db_session().execute(text("ANALYZE"))
    db_session().commit()
    officer_id = _busiest_officer()
    paths = [f"/officers/{officer_id}", f"/api/v1/officers/{officer_id}"]
    paths.append("/data/officer_figures.csv")
    figures = figures_for([officer_id])[officer_id]
    return [_queries(client, path) for path in paths], figures


def test_the_figures_cost_the_same_queries_in_a_small_and_a_bigger_world(app, client, db):
    small, small_figures = _world_counts(client, 30, seed=21)
    big, big_figures = _world_counts(client, 400, seed=22)
    assert big_figures.allegations > small_figures.allegations  # the bigger world is busier
    assert big_figures.co_accused_total > small_figures.co_accused_total
    assert small == big, (small, big)


def _refusals(db):
    """An officer who refused two published complaints (one by phone) and a draft one."""
    from datetime import date

    officer = factories.make_officer(publish=True, name="Rae Refuser")
    for title, channel, day in (
        ("Refused at the desk", "in_person", date(2021, 3, 1)),
        ("Unanswered call", "phone", date(2022, 6, 9)),
    ):
        factories.make_complaint(
            publish=True,
            title=title,
            acceptance="refused" if channel == "in_person" else "no_response",
            channel=channel,
            refused_by_officer=officer,
            refused_on=day,
        )
    factories.make_complaint(
        title="Draft refusal", acceptance="refused", refused_by_officer=officer
    )
    db.session.commit()
    return officer


def test_refusals_count_by_channel_published_only(db):
    officer = _refusals(db)
    figures = officer_figures(officer.id)
    assert figures.refusals == {"in_person": 1, "phone": 1} and figures.refused == 2
    assert figures.refusals_by_channel == [("in_person", 1), ("phone", 1)]
    assert figures.complaints == 0  # refusing a complaint is not being named in it


def test_refusals_are_in_the_api_and_the_download(client, db):
    officer = _refusals(db)
    figures = client.get(f"/api/v1/officers/{officer.id}").get_json()["data"]["figures"]
    assert figures["refused"] == 2
    assert figures["refused_by_channel"] == {"in_person": 1, "phone": 1}
    rows = {
        row["officer_id"]: row
        for row in csv.DictReader(io.StringIO(client.get("/data/officer_figures.csv").text))
    }
    assert rows[str(officer.id)]["refused"] == "2"
    assert rows[str(officer.id)]["refused_by_channel"] == "in_person:1; phone:1"


def test_refused_complaints_are_on_the_officer_page_and_pdf(client, db):
    officer = _refusals(db)
    page = client.get(f"/officers/{officer.id}").text
    assert "Complaints this officer refused or left unanswered" in page
    assert "In person at a station: 1; By phone: 1." in page
    assert page.index("Unanswered call") < page.index("Refused at the desk")  # newest first
    assert "Draft refusal" not in page
    pdf = pdf_text(client.get(f"/officers/{officer.id}/report.pdf").data)
    assert "Complaints this officer refused or left unanswered" in pdf
    assert "Unanswered call" in pdf and "Draft refusal" not in pdf
    other = factories.make_officer(publish=True)
    db.session.commit()
    assert (
        "No published complaint says this officer refused"
        in client.get(f"/officers/{other.id}").text
    )
