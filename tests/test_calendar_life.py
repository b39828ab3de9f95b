"""Done when: a request's whole life shows on its page, its case, its demand, the calendar and
the iCalendar feeds, as the days pass (``TODAY`` moved along with it).

Sent on Monday 1 June 2020: due by law on Thursday 4 June (RSMo 610.023.3). A delay notice on
3 June promises the records for 1 July; part of them are released on 30 June (on time); the
refusal of the rest is appealed on 15 July.
"""

from datetime import date

from icalendar import Calendar

from tests import factories
from tests.pdftext import pdf_text
from tracker.extensions import db
from tracker.models import DemandLink, RecordsRequest, RequestEvent


def _request_world():
    """The request (published, on a case and demand 1) and its case and demand."""
    agency = factories.make_agency(publish=True, name="Kansas City Police Department")
    case = factories.make_case(publish=True, title="Stop on Prospect Avenue")
    petition = factories.make_petition(publish=True, demands=1)
    db.session.flush()
    demand = petition.demands[0]
    request = factories.make_records_request(
        publish=True,
        title="Probable cause statements, June 2020 arrests",
        custodian=agency,
        case=case,
        sent_on=date(2020, 6, 1),
    )
    request.demand_links.append(DemandLink(demand=demand, note="Routine requests refused."))
    db.session.commit()
    return request.id, case.id


def _step(request_id, kind, on, **fields):
    """Add a dated step to the request's history (the flush recomputes its deadline)."""
    request = db.session.get(RecordsRequest, request_id)
    request.events.append(RequestEvent(event_kind=kind, occurred_on=on, **fields))
    db.session.commit()


def _events(client, path):
    """``{uid prefix: VEVENT}`` of the feed at ``path``."""
    response = client.get(path)
    assert response.status_code == 200
    return {
        str(event["uid"]).split("@")[0]: event
        for event in Calendar.from_ical(response.data).walk("VEVENT")
    }


def _everywhere(client, request_id, case_id):
    """The request's page, its case's, demand 1's, the calendar and the three feeds."""
    return {
        "page": client.get(f"/requests/{request_id}").text,
        "case": client.get(f"/cases/{case_id}").text,
        "demand": client.get("/demands/1").text,
        "calendar": client.get("/calendar").text,
        "feed": _events(client, "/calendar.ics"),
        "case_feed": _events(client, f"/cases/{case_id}/calendar.ics"),
        "demand_feed": _events(client, "/demands/1/calendar.ics"),
    }


def _counts(demand_page):
    """The demand page's answer counts, as the reader reads them."""
    section = demand_page.split('id="requests-heading"')[1].split("</ul>")[0]
    return [
        line.split("<strong>")[1].split("</strong>")[0]
        for line in section.splitlines()
        if "<strong>" in line
    ]


def test_a_requests_whole_life_on_its_page_case_demand_calendar_and_feeds(app, client):
    request_id, case_id = _request_world()
    uid = f"request-{request_id}-due"

    # 2 June: sent, nothing back; due Thursday 4 June.
    app.config["TODAY"] = date(2020, 6, 2)
    seen = _everywhere(client, request_id, case_id)
    assert "No answer on record" in seen["page"] and "4 June 2020" in seen["page"]
    assert "Probable cause statements, June 2020 arrests" in seen["calendar"]
    assert 'id="overdue-heading"' not in seen["calendar"]
    for feed in ("feed", "case_feed", "demand_feed"):
        assert seen[feed][uid].decoded("dtstart") == date(2020, 6, 4), feed
    assert _counts(seen["demand"]) == ["0", "0", "0", "1"]  # on time, late, never, not due

    # 3 June: a delay notice promises the records for 1 July: the answer is due then.
    _step(request_id, "delayed", date(2020, 6, 3), available_on=date(2020, 7, 1), note="Review")
    app.config["TODAY"] = date(2020, 6, 10)
    seen = _everywhere(client, request_id, case_id)
    assert "Delay explained: records available 1 July 2020" in seen["page"]
    assert "Delay explained: records available 1 July 2020" in seen["case"]
    assert seen["feed"][uid].decoded("dtstart") == date(2020, 7, 1)
    assert "overdue" not in str(seen["feed"][uid]["summary"])

    # 5 July, had nothing come: four days overdue everywhere, and "never answered" so far.
    app.config["TODAY"] = date(2020, 7, 5)
    seen = _everywhere(client, request_id, case_id)
    assert "<strong>4 days</strong>" in seen["page"]
    overdue = seen["calendar"].split('id="overdue-heading"')[1]
    assert "Probable cause statements" in overdue and "(4 days overdue)" in overdue
    assert "(4 days overdue)" in str(seen["demand_feed"][uid]["summary"])
    assert _counts(seen["demand"]) == ["0", "0", "1", "0"]

    # But part was released on 30 June (on time): nothing more is due.
    _step(request_id, "partly_released", date(2020, 6, 30), note="Some statements")
    seen = _everywhere(client, request_id, case_id)
    assert "30 June 2020 (on time)" in seen["page"] and "Records partly released" in seen["case"]
    assert "Probable cause statements" not in seen["calendar"]
    assert uid not in seen["feed"] and uid not in seen["case_feed"]
    assert _counts(seen["demand"]) == ["1", "0", "0", "0"]

    # 15 July: the refusal of the rest is appealed.
    _step(request_id, "appealed", date(2020, 7, 15), note="Appealed the withholding")
    app.config["TODAY"] = date(2020, 7, 20)
    seen = _everywhere(client, request_id, case_id)
    assert "Appealed" in seen["page"] and "Appealed" in seen["case"]
    assert f'href="/requests/{request_id}-' in seen["demand"]
    assert _counts(seen["demand"]) == ["1", "0", "0", "0"]
    assert uid not in seen["demand_feed"]
    # The Atom feed carries the request (it lists every kind the registry puts in it).
    assert f"/requests/{request_id}-" in client.get("/feed.xml").text


def test_demand_one_counts_on_time_late_and_never(app, client):
    app.config["TODAY"] = date(2020, 8, 1)
    petition = factories.make_petition(publish=True, demands=1)
    db.session.flush()
    demand = petition.demands[0]

    def linked(title, *steps, publish=True):
        """A request sent Monday 1 June, linked to the demand, with ``steps``."""
        request = factories.make_records_request(
            publish=publish, title=title, sent_on=date(2020, 6, 1)
        )
        request.demand_links.append(DemandLink(demand=demand))
        for kind, on in steps:
            request.events.append(RequestEvent(event_kind=kind, occurred_on=on))

    linked("On time", ("released", date(2020, 6, 3)))
    linked("Late", ("denied", date(2020, 6, 20)))
    linked("Never", ("acknowledged", date(2020, 6, 2)))
    linked("Withdrawn", ("withdrawn", date(2020, 6, 2)))
    linked("DRAFTREQUEST", ("denied", date(2020, 6, 20)), publish=False)
    db.session.commit()
    page = client.get("/demands/1").text
    assert _counts(page) == ["1", "1", "1", "1"]
    assert "Records requests (4)" in page and "DRAFTREQUEST" not in page
    assert 'href="/demands/1/calendar.ics"' in page
    # The demand's PDF dossier says the same.
    text = " ".join(pdf_text(client.get("/demands/1/report.pdf").data).split())
    assert "1 answered on time, 1 answered late, 1 never answered" in text
