"""The calendar: the "upcoming and overdue" page, the .ics feeds, the /requests list.

The app's day is fixed (``TODAY``), so what is due, overdue or next is the same every run.
Monday 1 June 2020 is "today" unless a test says otherwise.
"""

from datetime import date, time

import pytest
from icalendar import Calendar

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.models import DemandLink, DocketEntry, RequestEvent

TODAY = date(2020, 6, 1)


@pytest.fixture
def today(app):
    """Fix the app's today at ``TODAY``."""
    app.config["TODAY"] = TODAY
    return TODAY


def _world(count=1):
    """Published and draft dated records around ``TODAY``; ``count`` of each published one."""
    agency = factories.make_agency(publish=True)
    case = factories.make_case(publish=True, title="Stop on Prospect Avenue")
    petition = factories.make_petition(publish=True, demands=1)
    db.session.flush()
    demand = petition.demands[0]
    made = {"overdue": [], "due": [], "hearing": [], "meeting": []}
    for n in range(count):
        # Sent Monday 18 May 2020: due Thursday 21 May, no answer: overdue on 1 June.
        overdue = factories.make_records_request(
            publish=True,
            title=f"Overdue request {n}",
            custodian=agency,
            case=case,
            sent_on=date(2020, 5, 18),
        )
        overdue.demand_links.append(DemandLink(demand=demand))
        # Sent Friday 29 May: due Wednesday 3 June (the weekend skipped).
        due = factories.make_records_request(
            publish=True,
            title=f"Due request {n}",
            custodian=agency,
            case=case,
            sent_on=date(2020, 5, 29),
        )
        action = factories.make_legal_action(publish=True, case=case, title=f"Appeal {n}")
        action.docket.append(
            DocketEntry(
                entry_kind="hearing",
                entry_on=date(2020, 6, 10),
                entry_time=time(9, 30),
                place="Division 4",
                description="Hearing on the motion",
            )
        )
        action.docket.append(
            DocketEntry(entry_kind="appeal_deadline", entry_on=date(2020, 7, 1), description="Due")
        )
        action.docket.append(
            DocketEntry(entry_kind="ruling", entry_on=date(2020, 6, 2), description="Not a date")
        )
        action.demand_links.append(DemandLink(demand=demand))
        meeting = factories.make_meeting(
            publish=True, title=f"Board meeting {n}", meets_on=date(2020, 6, 9), place="City Hall"
        )
        made["overdue"].append(overdue)
        made["due"].append(due)
        made["hearing"].append(action)
        made["meeting"].append(meeting)
    # Never on the calendar: a draft request, an answered one, a draft meeting, a past meeting.
    factories.make_records_request(title="DRAFTREQUEST", sent_on=date(2020, 5, 18))
    answered = factories.make_records_request(
        publish=True, title="Answered request", sent_on=date(2020, 5, 18)
    )
    answered.events.append(RequestEvent(event_kind="released", occurred_on=date(2020, 5, 20)))
    factories.make_meeting(title="DRAFTMEETING", meets_on=date(2020, 6, 9))
    factories.make_meeting(publish=True, title="Past meeting", meets_on=date(2020, 5, 1))
    db.session.commit()
    return case, demand, made


def test_the_calendar_page_shows_overdue_and_upcoming_published_dates(client, today):
    _world()
    page = client.get("/calendar").text
    overdue, upcoming = page.split('id="upcoming-heading"')
    assert "Overdue request 0" in overdue and "(11 days overdue)" in overdue
    for expected in ("Due request 0", "Hearing", "Division 4", "Appeal deadline", "Board meeting"):
        assert expected in upcoming, expected
    for absent in (
        "DRAFTREQUEST",
        "DRAFTMEETING",
        "Answered request",
        "Past meeting",
        "Not a date",
    ):
        assert absent not in page, absent
    # By day: due 3 June, meeting 9 June, hearing 10 June, appeal deadline 1 July.
    order = [upcoming.index(text) for text in ("Due request 0", "Board meeting 0", "Division 4")]
    assert order == sorted(order)
    assert 'href="/calendar"' in client.get("/").text  # in the site menu


@pytest.mark.parametrize(("path", "more"), [("/calendar", 6), ("/requests", 8)])
def test_the_lists_run_the_same_queries_whatever_the_data(client, today, path, more):
    _world(count=1)
    with count_queries() as few:
        assert client.get(path).status_code == 200
    _world(count=more)
    with count_queries() as many:
        page = client.get(path).text
    assert many.count == few.count <= 6, many.statements
    assert page.count("Overdue request") == 1 + more


def test_the_calendar_pages_a_long_list(client, today):
    _world(count=15)  # 60 dates: two pages of 50
    first, second = client.get("/calendar").text, client.get("/calendar?page=2").text
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert client.get("/calendar?page=99").status_code == 200  # kept within the pages


def _parse(response):
    """The calendar ``response`` holds, parsed back with ``icalendar``."""
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def test_the_ics_feed_parses_back_with_stable_uids_and_all_day_due_dates(client, today):
    case, _demand, made = _world()
    response = client.get("/calendar.ics")
    calendar = _parse(response)
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    request = made["overdue"][0]
    due = events[f"request-{request.id}-due@kc-police-tracker"]
    assert due.decoded("dtstart") == date(2020, 5, 21)  # an all-day event: a date
    assert due.decoded("dtend") == date(2020, 5, 22)
    assert "11 days overdue" in str(due["summary"])
    assert str(due["url"]).endswith(f"/requests/{request.id}-{request.slug}")
    assert "dtstamp" in due
    hearing = next(e for e in events.values() if str(e["summary"]).startswith("Hearing"))
    start = hearing.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 30, "America/Chicago")
    assert str(hearing["location"]) == "Division 4"
    assert f"/cases/{case.id}" in str(hearing["url"])
    assert calendar.walk("VTIMEZONE"), "a timed event's zone is in the file"
    assert len(events) == 5  # two requests, a hearing, an appeal deadline, a meeting
    # The same data gives the same file: a subscribed calendar sees no change.
    assert client.get("/calendar.ics").data == response.data


def test_a_case_and_a_demand_have_their_own_feeds(client, today):
    case, demand, made = _world()
    other = factories.make_records_request(publish=True, title="Another case's request")
    draft_case = factories.make_case(title="Draft case")
    db.session.commit()
    case_events = _parse(client.get(f"/cases/{case.id}/calendar.ics")).walk("VEVENT")
    summaries = [str(event["summary"]) for event in case_events]
    assert len(summaries) == 4 and not any(other.title in text for text in summaries)
    demand_events = _parse(client.get(f"/demands/{demand.number}/calendar.ics")).walk("VEVENT")
    assert sorted(str(event["uid"]).split("-")[0] for event in demand_events) == [
        "docket",
        "docket",
        "request",
    ]
    assert client.get(f"/cases/{draft_case.id}/calendar.ics").status_code == 404
    assert client.get("/demands/9/calendar.ics").status_code == 404
    assert f'href="/cases/{case.id}/calendar.ics"' in client.get(f"/cases/{case.id}").text


def test_the_page_cache_keys_the_calendar_on_the_day(app, client, today):
    _world()
    app.config["PAGE_CACHE_ENABLED"] = True
    first = client.get("/calendar")
    assert first.headers["X-Page-Cache"] == "miss"
    assert client.get("/calendar").headers["X-Page-Cache"] == "hit"
    feed = client.get("/calendar.ics")
    assert feed.headers["X-Page-Cache"] == "miss"
    assert client.get("/calendar.ics").headers["X-Page-Cache"] == "hit"
    app.config["TODAY"] = date(2020, 6, 5)  # a new day: the request due on the 3rd is overdue
    later = client.get("/calendar")
    assert later.headers["X-Page-Cache"] == "miss"
    assert "(2 days overdue)" in later.text and "(2 days overdue)" not in first.text


def test_the_requests_list_filters_by_status_and_custodian(client, today):
    _world()
    other_agency = factories.make_agency(publish=True, name="Board of Police Commissioners")
    factories.make_records_request(publish=True, title="Asked of the board", custodian=other_agency)
    db.session.commit()
    page = client.get("/requests").text
    assert "Overdue request 0" in page and "Asked of the board" in page
    assert "DRAFTREQUEST" not in page
    assert ">Board of Police Commissioners</option>" in page
    by_custodian = client.get(f"/requests?custodian={other_agency.id}").text
    assert "Asked of the board" in by_custodian and "Overdue request 0" not in by_custodian
    released = client.get("/requests?status=released").text
    assert "Answered request" in released and "Overdue request 0" not in released
    bad = client.get("/requests?status=nonsense&custodian=x")
    assert bad.status_code == 200
    assert "not one the tracker knows" in bad.text and "not on record" in bad.text
    assert "Overdue request 0" in bad.text
    assert 'href="/requests"' in client.get("/").text


def test_the_sitemap_lists_the_calendar_and_the_requests(client):
    sitemap = client.get("/sitemap-1.xml").text
    assert "/calendar</loc>" in sitemap and "/requests</loc>" in sitemap


def test_the_workspace_shows_my_requests_due_this_week_or_overdue(app, client, auth, users):
    app.config["TODAY"] = date(2020, 6, 3)  # a Wednesday: the week runs to Sunday 7 June
    me, other = users["volunteer"], users["editor"]

    def mine(title, sent_on, user=me, **fields):
        """A request ``user`` added, sent on ``sent_on``."""
        request = factories.make_records_request(title=title, sent_on=sent_on, **fields)
        request.created_by_id = user.id
        return request

    mine("MINE overdue", date(2020, 5, 18))  # due 21 May
    mine("MINE due Friday", date(2020, 6, 2))  # due Friday 5 June
    mine("MINE due next week", date(2020, 6, 5))  # due Wednesday 10 June
    mine("THEIRS overdue", date(2020, 5, 18), user=other)
    answered = mine("MINE answered", date(2020, 5, 18))
    answered.events.append(RequestEvent(event_kind="released", occurred_on=date(2020, 5, 19)))
    db.session.commit()
    auth.login_as(me)
    page = client.get("/manage/").text
    section = page.split('id="due-heading"')[1].split("</section>")[0]
    assert "MINE overdue" in section and "13 days overdue" in section
    assert "MINE due Friday" in section and "due 5 June 2020" in section
    for absent in ("MINE due next week", "THEIRS overdue", "MINE answered"):
        assert absent not in section, absent
