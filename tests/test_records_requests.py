"""A records request's whole life: typed in the workspace, shown on its page, its case and the API.

Sent on Monday 1 June 2020, so due by law on Thursday 4 June (RSMo 610.023.3); a delay notice on
3 June promises the records for 1 July; part of them are released on 30 June (on time); the
refusal of the rest is appealed on 15 July. The deadline rule itself is tested in
tests/test_deadlines.py.
"""

from datetime import date

from werkzeug.datastructures import MultiDict

from tests import factories
from tests.manage_helpers import form_values
from tests.pdftext import pdf_text
from tracker.deadlines.store import due_items, overdue_statement
from tracker.extensions import db
from tracker.models import DemandLink, RecordsRequest, RequestEvent
from tracker.records.workflow import publish


def _post_form(client, path, fields):
    """Submit the form on ``path`` as a browser would, with ``fields`` typed in."""
    values = MultiDict(form_values(client.get(path).text))
    for name, value in fields.items():
        values.setlist(name, [value])
    return client.post(path, data=values)


def _life(client, auth, users):
    """The request typed in two sittings by an editor, then published."""
    agency = factories.make_agency(publish=True, name="Kansas City Police Department")
    case = factories.make_case(publish=True, title="Stop on Prospect Avenue")
    letter = factories.make_document_source(title="Delay letter")
    released = factories.make_source(title="Released probable cause statement")
    db.session.commit()
    auth.login_as(users["editor"])
    response = _post_form(
        client,
        f"/manage/records-request/new?case={case.id}",
        {
            "title": "Probable cause statements, June 2020 arrests",
            "custodian": f"#{agency.id}",
            "asked": "Every probable cause statement for arrests made on 29-31 May 2020.",
            "sent_by": "email",
            "sent_on": "2020-06-01",
            "case": f"#{case.id}",
            "events-0-event_kind": "delayed",
            "events-0-occurred_on": "2020-06-03",
            "events-0-available_on": "2020-07-01",
            "events-0-note": "Staff are reviewing the statements for redactions.",
            "events-0-source": f"#{letter.id}",
        },
    )
    assert response.status_code == 302, response.text
    request = db.session.scalars(db.select(RecordsRequest)).one()
    assert (request.due_on, request.request_status) == (date(2020, 7, 1), "delayed")
    path = f"/manage/records-request/{request.id}/edit"
    response = _post_form(
        client,
        path,
        {
            "events-1-event_kind": "partly_released",
            "events-1-occurred_on": "2020-06-30",
            "events-1-source": f"#{released.id}",
            "events-2-event_kind": "appealed",
            "events-2-occurred_on": "2020-07-15",
            "events-2-note": "Appealed the withholding of the rest.",
        },
    )
    assert response.status_code == 302, response.text
    db.session.expire_all()
    request = db.session.get(RecordsRequest, request.id)
    publish(request)
    db.session.commit()
    return request, case


def test_a_requests_whole_life_shows_on_its_page_its_case_and_the_api(client, auth, users):
    request, case = _life(client, auth, users)
    assert [step.event_kind for step in request.events] == [
        "delayed",
        "partly_released",
        "appealed",
    ]
    assert request.request_status == "appealed"
    assert (request.due_on, request.answered_on, request.answered_late) == (
        date(2020, 7, 1),
        date(2020, 6, 30),
        False,
    )
    # The documents of its steps are its sources.
    assert {c.source.title for c in request.citations} == {
        "Delay letter",
        "Released probable cause statement",
    }
    auth.logout()

    page = client.get(f"/requests/{request.id}").text
    for expected in (
        "Probable cause statements, June 2020 arrests",
        "Kansas City Police Department",
        "Missouri Sunshine Law (RSMo chapter 610)",
        "1 June 2020 by email",
        "4 June 2020",  # due by law
        "Delay explained: records available 1 July 2020",
        "Records partly released",
        "Released probable cause statement",
        "Appealed",
        "30 June 2020 (on time)",
        "Stop on Prospect Avenue",
    ):
        assert expected in page, expected

    case_page = client.get(f"/cases/{case.id}").text
    assert "Records requests" in case_page
    assert f'href="/requests/{request.id}-' in case_page
    assert "Delay explained: records available 1 July 2020" in case_page
    assert "Appealed" in case_page

    data = client.get(f"/api/v1/records-requests/{request.id}").get_json()["data"]
    assert data["request_status"] == "appealed"
    assert data["due_on"] == "2020-07-01" and data["statutory_due_on"] == "2020-06-04"
    assert data["answered_on"] == "2020-06-30" and data["answered_late"] is False
    assert data["days_overdue"] == 0 and data["case_id"] == case.id
    assert data["history"] == [
        "2020-06-03: Delay explained (available 2020-07-01)",
        "2020-06-30: Records partly released",
        "2020-07-15: Appealed",
    ]
    listed = client.get(f"/api/v1/records-requests?case={case.id}&request_status=appealed")
    assert [row["id"] for row in listed.get_json()["data"]] == [request.id]


def test_the_case_pdf_and_the_case_file_carry_the_request(client, auth, users):
    request, case = _life(client, auth, users)
    assert "Add a records request" in client.get(f"/manage/cases/{case.id}").text
    assert client.get(f"/manage/records-request/{request.id}").status_code == 200
    # The history's steps are in the revision log, under the request.
    history = client.get(f"/manage/records-request/{request.id}/history").text
    assert "2020-07-15: Appealed" in history
    auth.logout()
    text = " ".join(pdf_text(client.get(f"/cases/{case.id}/report.pdf").data).split())
    assert "Probable cause statements, June 2020 arrests" in text
    assert "Records partly released" in text


def test_the_requester_is_named_only_when_they_chose_to_be(client):
    person = factories.make_person(publish=True, name="Pat Requester", name_is_public=True)
    quiet = factories.make_records_request(publish=True, requester=person)
    named = factories.make_records_request(publish=True, requester=person, requester_is_public=True)
    db.session.commit()
    api = "/api/v1/records-requests"
    assert client.get(f"{api}/{quiet.id}").get_json()["data"]["requester"] is None
    assert "Pat Requester" not in client.get(f"/requests/{quiet.id}").text
    assert client.get(f"{api}/{named.id}").get_json()["data"]["requester"] == "Pat Requester"
    assert "Pat Requester" in client.get(f"/requests/{named.id}").text


def test_overdue_requests_are_found_with_sql_from_the_stored_due_date(app):
    never = factories.make_records_request(publish=True, sent_on=date(2020, 6, 1))
    answered = factories.make_records_request(publish=True, sent_on=date(2020, 6, 1))
    answered.events.append(RequestEvent(occurred_on=date(2020, 6, 2), event_kind="denied"))
    later = factories.make_records_request(publish=True, sent_on=date(2020, 6, 8))
    db.session.commit()
    assert never.due_on == date(2020, 6, 4) and answered.request_status == "denied"
    assert due_items(db.session, date(2020, 6, 10)) == [never]
    assert due_items(db.session, date(2020, 6, 10), until=date(2020, 6, 30)) == [never, later]
    assert db.session.scalars(overdue_statement(date(2020, 6, 4))).all() == []
    # Removing the answer reopens the request: the stored columns follow the history.
    answered.events.clear()
    db.session.commit()
    assert answered.request_status == "sent"
    assert due_items(db.session, date(2020, 6, 10)) == [never, answered]


def test_a_step_without_its_date_is_explained_and_nothing_is_saved(client, auth, users):
    auth.login_as(users["editor"])
    response = _post_form(
        client,
        "/manage/records-request/new",
        {
            "title": "Use-of-force reports",
            "sent_on": "2020-06-01",
            "events-0-event_kind": "denied",
            "events-0-exemption": "RSMo 610.021(1)",
        },
    )
    assert response.status_code == 200
    assert "Give the date of this step." in response.text
    assert 'value="RSMo 610.021(1)"' in response.text  # what was typed is kept
    assert db.session.scalars(db.select(RecordsRequest)).all() == []


def test_a_request_linked_to_a_demand_is_among_its_evidence(client):
    demand = factories.make_demand(publish=True)
    request = factories.make_records_request(publish=True, title="Internal affairs files")
    request.demand_links.append(DemandLink(demand=demand, note="What the demand asks for."))
    db.session.commit()
    page = client.get(f"/demands/{demand.number}")
    assert page.status_code == 200
    assert "Internal affairs files" in page.text
    assert f'href="/requests/{request.id}-' in page.text
