"""Public meetings: the page, the list, the PDF, the API, the workspace form and demand 6."""

from datetime import date, time

import pytest
from werkzeug.datastructures import MultiDict

from tests import factories
from tests.manage_helpers import form_values
from tests.pdftext import pdf_text
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.models import AgendaItem, DemandLink, Meeting
from tracker.records.dates import meetings_between


def _meeting(publish=True, demand=None, **fields):
    """A published Board meeting with three agenda items, one with a vote, one on a case."""
    case = factories.make_case(publish=True, title="The Ryan Stokes case")
    fields.setdefault("starts_at", time(9, 30))
    fields.setdefault("place", "1125 Locust Street, Kansas City")
    meeting = factories.make_meeting(publish=publish, **fields)
    meeting.agenda.extend(
        [
            AgendaItem(
                position=1, title="Public comment", discussion="Speakers asked the chief to resign."
            ),
            AgendaItem(
                position=2,
                title="Motion on the chief's contract",
                votes_for=3,
                votes_against=1,
                abstentions=1,
                vote="passed",
            ),
            AgendaItem(position=3, title="Report on the Stokes case", case=case),
        ]
    )
    if demand is not None:
        meeting.demand_links.append(DemandLink(demand=demand, note="Heard the call to resign"))
    db.session.commit()
    return meeting


def test_the_meeting_page_shows_body_date_agenda_votes_and_cases(client):
    meeting = _meeting()
    response = client.get(f"/meetings/{meeting.id}")
    assert response.status_code == 200
    page = response.text
    assert meeting.body.title in page and "09:30" in page and "1125 Locust Street" in page
    for item in meeting.agenda:
        assert f'id="agenda-{item.id}"' in page and item.title.replace("'", "&#39;") in page
    assert "Vote: 3 for, 1 against, 1 abstaining; passed" in page
    assert f"/cases/{meeting.agenda[2].case_id}" in page
    assert "Speakers asked the chief to resign." in page
    assert f"/meetings/{meeting.id}/report.pdf" in page


def test_the_meeting_list_and_an_unpublished_meeting(client):
    shown = _meeting(title="Regular meeting of the Board")
    hidden = _meeting(publish=False, title="Draft meeting")
    listing = client.get("/meetings").text
    assert shown.title in listing and hidden.title not in listing
    assert client.get(f"/meetings/{hidden.id}").status_code == 404


def test_the_api_answers_the_agenda_and_the_cases(client):
    meeting = _meeting()
    row = client.get(f"/api/v1/meetings/{meeting.id}").get_json()["data"]
    assert row["body_name"] == meeting.body.title
    assert row["meets_on"] == "2020-06-09" and row["starts_at"] == "09:30"
    assert (
        row["agenda"][1]
        == "Motion on the chief's contract (vote: 3 for, 1 against, 1 abstaining; passed)"
    )
    assert row["case_ids"] == [meeting.agenda[2].case_id]
    assert row["links"]["cases"][0].endswith(f"/cases/{meeting.agenda[2].case_id}")
    filtered = client.get(f"/api/v1/meetings?body={meeting.body_id}").get_json()["data"]
    assert [item["id"] for item in filtered] == [meeting.id]


def test_meetings_between_reads_published_meetings_in_a_window(app):
    june = _meeting(meets_on=date(2020, 6, 9))
    _meeting(meets_on=date(2020, 7, 14))
    _meeting(publish=False, meets_on=date(2020, 6, 10))
    found = meetings_between(db.session, date(2020, 6, 1), date(2020, 6, 30))
    assert [meeting.id for meeting in found] == [june.id]


def test_the_workspace_form_edits_agenda_rows(client, auth, users):
    meeting = _meeting()
    auth.login_as(users["editor"])
    path = f"/manage/meeting/{meeting.id}/edit"
    values = MultiDict(form_values(client.get(path).text))
    values["agenda-0-title"] = ""  # drop the first item
    values["agenda-1-votes_against"] = "2"
    values["agenda-3-title"] = "Budget"
    values["agenda-3-vote"] = "tabled"
    response = client.post(path, data=values)
    assert response.status_code == 302, response.text
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert [(item.position, item.title, item.votes_against) for item in meeting.agenda] == [
        (1, "Motion on the chief's contract", 2),
        (2, "Report on the Stokes case", None),
        (3, "Budget", None),
    ]


def test_a_negative_vote_count_is_refused_and_kept(client, auth, users):
    meeting = _meeting()
    version = meeting.version
    auth.login_as(users["editor"])
    path = f"/manage/meeting/{meeting.id}/edit"
    values = MultiDict(form_values(client.get(path).text))
    values["agenda-1-votes_for"] = "-4"
    response = client.post(path, data=values)
    assert response.status_code == 200
    assert "Enter 0 to 1,000." in response.text and 'value="-4"' in response.text
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).version == version


def _demand_six():
    """Demand 6 of a published petition (the primary one)."""
    petition = factories.make_petition(publish=True, demands=6)
    db.session.commit()
    return petition.demands[5]


def _demand_page(client):
    """Demand 6's page and how many queries it took."""
    db.session.expire_all()
    with count_queries() as counted:
        response = client.get("/demands/6")
    assert response.status_code == 200
    return response.text, counted.count


def test_demand_six_shows_the_meetings_that_bear_on_it(client):
    demand = _demand_six()
    meeting = _meeting(demand=demand)
    _meeting(publish=False, demand=demand, title="Draft meeting")
    page, _ = _demand_page(client)
    assert "Public meetings (1)" in page
    assert meeting.title in page and meeting.body.title in page
    assert "Draft meeting" not in page


def test_demand_six_costs_the_same_queries_for_one_meeting_or_many(client):
    demand = _demand_six()
    _meeting(demand=demand)
    _, one = _demand_page(client)
    for _ in range(5):
        _meeting(demand=demand)
    page, many = _demand_page(client)
    assert many == one
    assert "Public meetings (6)" in page


# The PDFs that print a meeting: (address of the meeting's PDF, words every one must hold).
PDFS = [
    pytest.param(
        lambda meeting: f"/meetings/{meeting.id}/report.pdf",
        lambda meeting: ("Public comment", "3 for, 1 against, 1 abstaining; passed"),
        id="the meeting PDF",
    ),
    pytest.param(
        lambda meeting: "/demands/6/report.pdf",
        lambda meeting: (meeting.title,),
        id="the demand dossier",
    ),
]


@pytest.mark.parametrize(("address", "words"), PDFS)
def test_the_pdfs_print_the_meeting(client, app, tmp_path, address, words):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    app.config["REDIS_URL"] = None
    meeting = _meeting(demand=_demand_six())
    response = client.get(address(meeting))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    for expected in words(meeting):
        assert expected in text, expected


def test_the_import_takes_a_meeting_announced_ahead_and_refuses_a_bad_time(app):
    from tracker.imports.services import apply_import, plan_import

    body = factories.make_agency(publish=True, name="Board of Police Commissioners")
    db.session.commit()
    header = "title,body,meets_on,starts_at,place,summary\n"
    good = f"Next regular meeting,#{body.id},2099-01-12,09:30,Headquarters,\n"
    plan = plan_import("meeting", header + good, "meetings.csv")
    assert plan.problems == []
    (meeting,) = apply_import(plan)
    assert (meeting.body_id, meeting.meets_on, meeting.starts_at) == (
        body.id,
        date(2099, 1, 12),
        time(9, 30),
    )
    bad = plan_import("meeting", header + f"Later,#{body.id},2099-02-09,half past nine,,\n")
    assert any("HH:MM" in str(problem) for problem in bad.problems)
