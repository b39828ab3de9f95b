"""PDF reports: content, public fields only, the sandbox, the cache and conditional requests."""

from datetime import date

import pytest

from tests import factories
from tests.pdftext import pdf_info, pdf_text
from tests.querycount import count_queries
from tracker.models import CasePerson, DemandLink, TimelineEvent
from tracker.pages.case import case_page
from tracker.records.visibility import public_view
from tracker.reports.render import SandboxedFetcher, render_pdf


@pytest.fixture(autouse=True)
def cache_dir(app, tmp_path):
    """Each test gets its own empty report cache on disk."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None
    return tmp_path / "report-cache"


def _full_case(db):
    """A published case with an officer, a person, a complaint, investigation and more."""
    petition = factories.make_petition(publish=True, demands=2)
    db.session.flush()
    agency = factories.make_agency(publish=True, name="Example Police Department")
    officer = factories.make_officer(publish=True, name="Pat Example", agency=agency, rank="Sgt.")
    person = factories.make_person(
        publish=True, name="Secret Name", public_label="A resident", age=34
    )
    case = factories.make_case(
        publish=True,
        title="Stop on Main Street",
        officers=[officer],
        narrative="The family *says* the stop lasted an hour.",
    )
    case.people.append(CasePerson(person=person, role="subject"))
    case.timeline.append(TimelineEvent(occurred_on=date(2020, 5, 2), description="Stop reported"))
    case.demand_links.append(DemandLink(demand=petition.demands[0], note="An example."))
    investigation = factories.make_investigation(
        publish=True, case=case, agency=agency, opened_on=date(2020, 5, 3), officers=[officer]
    )
    factories.make_complaint(publish=True, case=case, filed_with=agency, officers=[officer])
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2020, 6, 1),
        investigations=[investigation],
    )
    factories.make_legal_action(
        publish=True, case=case, docket_number="2020-CV-1", officers=[officer]
    )
    db.session.commit()
    return case, officer


def test_case_report_shows_the_case_with_numbered_sources(client, db):
    case, officer = _full_case(db)
    response = client.get(f"/cases/{case.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for expected in (
        "Stop on Main Street",
        "Record version",
        "As of",
        "Sgt. Pat Example",
        "A resident",
        "Stop reported",
        "Complaints",
        "Investigations",
        "Reinstated while a related investigation was open",
        "2020-CV-1",
        "Demand 1",
        "https://news.example.org/report-",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert "Secret Name" not in text
    info = pdf_info(response.data)
    assert info["Title"] == "Stop on Main Street"
    assert info["Author"] == "KC Police Accountability Tracker"


def test_unpublished_or_missing_records_have_no_report(client, db):
    draft = factories.make_case(title="Draft")
    db.session.commit()
    assert client.get(f"/cases/{draft.id}/report.pdf").status_code == 404
    assert client.get("/cases/999999/report.pdf").status_code == 404
    assert client.get("/officers/999999/report.pdf").status_code == 404
    assert client.get("/demands/99/report.pdf").status_code == 404
    assert client.post("/cases/1/report.pdf").status_code == 405


def test_officer_and_demand_reports(client, db):
    case, officer = _full_case(db)
    response = client.get(f"/officers/{officer.id}/report.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "OFFICER REPORT" in text and "Sgt. Pat Example" in text
    assert "Officer: Sgt." not in text
    assert "Stop on Main Street" in text
    assert "On duty since 1 June 2020" in text
    response = client.get("/demands/1/report.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Text of demand 1" in text and "Stop on Main Street" in text


def test_demand_report_prints_linked_complaints_and_reinstatements_by_their_partials(client, db):
    # A complaint linked to a demand used to take the dossier down (its printer asked the
    # demand page for the complainant); each kind's partial now prints it.
    demand = factories.make_demand(publish=True)
    complainant = factories.make_person(publish=True, name="Named Nora", name_is_public=True)
    complaint = factories.make_complaint(
        publish=True, title="Linked complaint", complainant=complainant, complainant_is_public=True
    )
    officer = factories.make_officer(publish=True, name="Linked Officer")
    open_investigation = factories.make_investigation(publish=True, opened_on=date(2020, 5, 1))
    event = factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2021, 1, 1),
        investigations=[open_investigation],
    )
    for record in (complaint, event):
        record.demand_links.append(DemandLink(demand=demand, note="Bears on it."))
    db.session.commit()
    response = client.get(f"/demands/{demand.number}/report.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    assert "Linked complaint" in text and "Complainant Named Nora" in text
    assert "Officer Linked Officer" in text
    assert "Reinstated while a related investigation was open (computed from the dates)" in text


def test_demo_demand_dossier_has_indicator_chart(client, demo):
    response = client.get("/demands/3/report.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Indicator" in text and "Death of Donnie Sanders" in text


def test_multi_case_report_follows_the_filters_with_contents(client, db):
    factories.make_case(publish=True, title="Fatal case", outcome="fatal")
    factories.make_case(publish=True, title="Injury case", outcome="injured")
    db.session.commit()
    text = pdf_text(client.get("/cases/report.pdf?outcome=fatal").data)
    assert "Contents" in text and "Fatal case" in text and "Injury case" not in text
    text = pdf_text(client.get("/cases/report.pdf").data)
    assert "Fatal case" in text and "Injury case" in text


def test_repeat_comes_from_the_cache_with_etag_and_304(client, db, renders, cache_dir):
    case, _ = _full_case(db)
    first = client.get(f"/cases/{case.id}/report.pdf")
    etag = first.headers["ETag"]
    second = client.get(f"/cases/{case.id}/report.pdf")
    assert second.data == first.data and second.headers["ETag"] == etag
    assert len(renders) == 1
    assert list(cache_dir.glob("*.pdf"))
    conditional = client.get(f"/cases/{case.id}/report.pdf", headers={"If-None-Match": etag})
    assert conditional.status_code == 304 and not conditional.data
    assert len(renders) == 1


def test_an_edit_to_any_shown_record_makes_a_new_report(client, db, renders):
    case, officer = _full_case(db)
    etag = client.get(f"/cases/{case.id}/report.pdf").headers["ETag"]
    officer.rank = "Lt."
    db.session.commit()
    response = client.get(f"/cases/{case.id}/report.pdf", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
    assert "Lt. Pat Example" in pdf_text(response.data)
    assert len(renders) == 2


def test_an_edit_to_a_cited_source_makes_a_new_report(client, db, renders):
    case, _ = _full_case(db)
    etag = client.get(f"/cases/{case.id}/report.pdf").headers["ETag"]
    case.citations[0].source.title = "A corrected source title"
    db.session.commit()
    response = client.get(f"/cases/{case.id}/report.pdf")
    assert response.headers["ETag"] != etag
    assert "A corrected source title" in pdf_text(response.data)


def test_renaming_an_agency_shown_beside_an_officer_makes_a_new_report(client, db):
    case, officer = _full_case(db)
    etag = client.get(f"/cases/{case.id}/report.pdf").headers["ETag"]
    officer.agency.name = "Renamed Police Department"
    db.session.commit()
    response = client.get(f"/cases/{case.id}/report.pdf")
    assert response.headers["ETag"] != etag
    assert "Renamed Police Department" in pdf_text(response.data)


def test_an_unrelated_edit_reuses_the_rendered_report(client, db, renders):
    case, _ = _full_case(db)
    other = factories.make_case(publish=True, title="Another case")
    db.session.commit()
    etag = client.get(f"/cases/{case.id}/report.pdf").headers["ETag"]
    other.place = "Somewhere else"
    db.session.commit()
    assert client.get(f"/cases/{case.id}/report.pdf").headers["ETag"] == etag
    assert len(renders) == 1


def test_redis_cache_when_redis_url_is_set(app, client, db, renders, redis_url):
    import redis

    url = redis_url
    app.config["REDIS_URL"] = url
    case, _ = _full_case(db)
    first = client.get(f"/cases/{case.id}/report.pdf")
    second = client.get(f"/cases/{case.id}/report.pdf")
    assert first.data == second.data and len(renders) == 1
    key = first.headers["ETag"].strip('"')
    assert redis.Redis.from_url(url).get(f"report:{key}") == first.data
    redis.Redis.from_url(url).delete(f"report:{key}")


HOSTILE = [
    "file:///etc/passwd",
    "http://169.254.169.254/latest/meta-data/",
    "https://tracker-pixel.example.com/p.png",
]


def test_sandbox_refuses_files_metadata_and_other_hosts(client, db, monkeypatch):
    import socket

    connections = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    opened = []
    real_open = open

    def watching_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    narrative = "\n\n".join(
        f"[link {n}]({url}) ![image {n}]({url})" for n, url in enumerate(HOSTILE)
    )
    case = factories.make_case(publish=True, title="Hostile narrative", narrative=narrative)
    db.session.commit()
    monkeypatch.setattr("builtins.open", watching_open)
    response = client.get(f"/cases/{case.id}/report.pdf")
    monkeypatch.setattr("builtins.open", real_open)
    assert response.status_code == 200 and "Hostile narrative" in pdf_text(response.data)
    assert connections == [] and "/etc/passwd" not in opened

    # The same URLs straight into the HTML, past the Markdown sanitizer, are refused too.
    fetcher = SandboxedFetcher(client.application.static_folder)
    images = "".join(f'<img src="{url}">' for url in HOSTILE)
    styles = "".join(f'<link rel="stylesheet" href="{url}">' for url in HOSTILE)
    html = f"<html><head>{styles}<link rel=stylesheet href='/static/css/report.css'></head>"
    html += f"<body><p>Still renders</p>{images}<img src='/static/../../config.py'></body></html>"
    data = render_pdf(html, client.application.static_folder, "T", "A", fetcher=fetcher)
    assert "Still renders" in pdf_text(data)
    assert set(HOSTILE) <= set(fetcher.refused)
    assert "https://tracker.invalid/static/css/report.css" not in fetcher.refused
    assert all("config.py" not in url for url in fetcher.attempts if url not in fetcher.refused)
    assert connections == []


def test_page_model_query_counts_do_not_grow_with_records(app, db):
    from tracker.pages.officer import officer_page

    def queries(load, record_id):
        with count_queries() as counted, public_view():
            load(record_id, changes=False)
        return counted.count

    case, officer = _full_case(db)
    few = (queries(case_page, case.id), queries(officer_page, officer.id))
    for _ in range(5):
        factories.make_complaint(publish=True, case=case, officers=[officer])
        factories.make_investigation(publish=True, case=case, officers=[officer])
        factories.make_legal_action(publish=True, case=case, officers=[officer])
        factories.make_duty_event(officer, publish=True, occurred_on=date(2021, 1, 1))
    db.session.commit()
    many = (queries(case_page, case.id), queries(officer_page, officer.id))
    assert many == few


def test_multi_case_report_queries_do_not_grow_with_cases(app, db):
    from tracker.kinds.case_filters import CaseFilters
    from tracker.reports.collection import multi_case_report

    def queries():
        with count_queries() as counted, public_view():
            report = multi_case_report(CaseFilters())
        return counted.count, len(report.cases)

    _full_case(db)
    few, one = queries()
    for number in range(6):
        officer = factories.make_officer(publish=True)
        case = factories.make_case(publish=True, title=f"Batch {number}", officers=[officer])
        factories.make_complaint(publish=True, case=case, officers=[officer])
        factories.make_investigation(publish=True, case=case)
        factories.make_duty_event(officer, publish=True, occurred_on=date(2021, 1, 1))
    db.session.commit()
    many, seven = queries()
    assert (one, seven) == (1, 7)
    assert many == few


def test_demand_page_links_to_its_report(client, db):
    factories.make_petition(publish=True, demands=1)
    db.session.commit()
    page = client.get("/demands/1").get_data(as_text=True)
    assert 'href="/demands/1/report.pdf"' in page


def test_data_stamp_moves_when_an_older_transaction_commits(app, db):
    from tracker.models import Revision
    from tracker.records.stamp import data_stamp

    factories.make_case(publish=True)
    factories.make_case(publish=True)
    db.session.commit()
    revisions = db.session.scalars(db.select(Revision).order_by(Revision.id)).all()
    early = revisions[0]
    saved = {"id": early.id, "record_id": early.record_id, "version": early.version}
    # Pretend the first revision's transaction has not committed yet...
    db.session.delete(early)
    db.session.commit()
    before = data_stamp()
    # ...and now commits, after the later ones: the highest id stays the same.
    db.session.add(Revision(action="edit", changes={}, **saved))
    db.session.commit()
    assert data_stamp()[0] == before[0]
    assert data_stamp() != before


def test_multi_case_reports_are_rate_limited(database_url, db, tmp_path):
    from tracker import create_app

    limited = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": True,
            "CASES_REPORT_RATE_LIMIT": "2 per minute",
            "REPORT_CACHE_DIR": str(tmp_path / "limited"),
        }
    )
    client = limited.test_client()
    assert client.get("/cases/report.pdf").status_code == 200
    assert client.get("/cases/report.pdf").status_code == 200
    assert client.get("/cases/report.pdf").status_code == 429
