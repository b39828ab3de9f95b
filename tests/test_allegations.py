"""Allegations: a complaint against three officers with five allegations, shown everywhere."""

import csv
import io
from datetime import date

import pytest

from tests import factories
from tests.pdftext import pdf_text
from tracker.demands.indicators import complaints_accepted


@pytest.fixture(autouse=True)
def cache_dir(app, tmp_path):
    """Each test gets its own empty report cache."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None


def _complaint(db):
    """A published complaint naming three officers, with five allegations."""
    board = factories.make_agency(publish=True, title="Board of Police Commissioners")
    officers = [
        factories.make_officer(publish=True, name=name)
        for name in ("Ann Able", "Ben Baker", "Cy Cole")
    ]
    case = factories.make_case(publish=True, officers=officers, title="The arrest")
    complaint = factories.make_complaint(
        publish=True, case=case, officers=officers, title="The complaint", reference_number="7"
    )
    rows = [
        (officers[0], "excessive_force", "sustained", "suspension", 10, "served"),
        (officers[0], "discourtesy", "not_sustained", "none", None, "unknown"),
        (officers[1], "excessive_force", "exonerated", "none", None, "unknown"),
        (officers[2], "improper_procedure", "sustained", "written_reprimand", None, "served"),
        (officers[2], "harassment", "pending", "none", None, "unknown"),
    ]
    for officer, category, finding, discipline, days, outcome in rows:
        factories.make_allegation(
            complaint,
            publish=True,
            title=f"{category} by {officer.name}",
            officer=officer,
            category=category,
            final_finding=finding,
            final_by=board,
            final_on=date(2021, 3, 1),
            discipline=discipline,
            discipline_days=days,
            discipline_outcome=outcome,
        )
    db.session.commit()
    return case, complaint, officers


def test_a_complaint_with_five_allegations_is_shown_everywhere(client, db):
    case, complaint, officers = _complaint(db)
    page = client.get(f"/cases/{case.id}").text
    assert "Ann Able: Excessive use of force (sustained), Discourtesy (not sustained)" in page
    assert "Suspension, 10 days" in page and "Written reprimand" in page
    assert page.count('class="part" id="record-') == 6  # the complaint and its five allegations
    officer_page = client.get(f"/officers/{officers[2].id}").text
    assert (
        "improper_procedure by Cy Cole" in officer_page and "harassment by Cy Cole" in officer_page
    )
    assert "discourtesy by Ann Able" not in officer_page
    case_pdf = pdf_text(client.get(f"/cases/{case.id}/report.pdf").data)
    assert "Suspension, 10 days" in case_pdf and "Exonerated" in case_pdf
    officer_pdf = pdf_text(client.get(f"/officers/{officers[0].id}/report.pdf").data)
    assert "Sustained" in officer_pdf and "Not sustained" in officer_pdf
    listed = client.get(f"/api/v1/allegations?complaint={complaint.id}").get_json()["data"]
    assert sorted((row["category"], row["final_finding"]) for row in listed) == [
        ("discourtesy", "not_sustained"),
        ("excessive_force", "exonerated"),
        ("excessive_force", "sustained"),
        ("harassment", "pending"),
        ("improper_procedure", "sustained"),
    ]
    assert {row["case_id"] for row in listed} == {case.id}
    by_case = client.get(f"/api/v1/allegations?case={case.id}").get_json()["data"]
    assert len(by_case) == 5
    download = client.get("/data/allegations.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(download)))
    assert len(rows) == 5 and {row["officer_id"] for row in rows} == {
        str(officer.id) for officer in officers
    }
    api_complaint = client.get(f"/api/v1/complaints/{complaint.id}").get_json()["data"]
    assert api_complaint["findings"] == [
        "exonerated",
        "not_sustained",
        "pending",
        "sustained",
    ]
    dictionary = client.get("/data").text
    assert "Refused to take a complaint" in dictionary and "no_cooperation" in dictionary


def test_demand_one_breaks_refusals_down_by_channel(db):
    department = factories.make_agency(publish=True, agency_kind="police_department")
    for channel in ("phone", "phone", "online", None):
        factories.make_complaint(
            publish=True, filed_with=department, acceptance="refused", channel=channel
        )
    db.session.commit()
    refused = complaints_accepted().figure("refused")
    assert refused.count == 4
    assert refused.breakdown == [("By phone", 2), ("Online", 1), ("Not recorded", 1)]


def test_an_editor_adds_a_category_and_bad_input_is_kept(client, auth, users, db):
    from tracker.models import AllegationCategory

    auth.login_as(users["editor"])
    added = client.post(
        "/manage/allegation-categories",
        data={"slug": "false_report", "label": "False report", "definition": "A report untrue."},
    )
    assert added.status_code == 302
    again = client.post(
        "/manage/allegation-categories",
        data={"slug": "false_report", "label": "Another", "definition": "Kept text"},
    )
    assert again.status_code == 400 and "already a category" in again.text
    assert "Kept text" in again.text
    bad = client.post(
        "/manage/allegation-categories", data={"slug": "Bad Slug", "label": "", "definition": ""}
    )
    assert bad.status_code == 400 and "Bad Slug" in bad.text
    assert db.session.query(AllegationCategory).filter_by(slug="false_report").count() == 1
    assert "A report untrue." in client.get("/data").text


def test_the_allegation_form_saves_an_unidentified_officer(client, auth, users, db):
    from tracker.models import Allegation

    complaint = factories.make_complaint(reference_number="KC-9")
    factories.make_allegation(complaint)  # the categories are on file
    db.session.commit()
    auth.login_as(users["volunteer"])
    response = client.post(
        "/manage/allegation/new",
        data={
            "title": "Refused at the desk",
            "complaint": f"#{complaint.id}",
            "category": "refused_complaint",
            "recommended_finding": "pending",
            "final_finding": "no_cooperation",
            "discipline": "none",
            "discipline_outcome": "unknown",
            "discipline_days": "-3",
        },
    )
    assert "Enter 0 to 36,500 days." in response.text
    assert "Refused at the desk" in response.text
    response = client.post(
        "/manage/allegation/new",
        data={
            "title": "Refused at the desk",
            "complaint": f"#{complaint.id}",
            "category": "refused_complaint",
            "recommended_finding": "pending",
            "final_finding": "no_cooperation",
            "discipline": "none",
            "discipline_outcome": "unknown",
        },
    )
    assert response.status_code == 302
    saved = db.session.query(Allegation).filter_by(title="Refused at the desk").one()
    assert saved.officer is None and saved.final_finding == "no_cooperation"
    assert saved.case_id is None and saved.complaint == complaint
