"""The busiest officer's page: as many SQL queries with many records as with few.

An officer named in hundreds of cases, complaints, allegations, investigations, duty events,
assignments, legal actions and refusals, with co-accused, gets the same page shape as one named
in a few: counts by kind with the latest records, a page of cases, the figures in three
aggregate queries kept per data stamp. Counted here: SQL statements and bytes, never time.
"""

from datetime import date

from sqlalchemy import select

from tests import factories
from tests.querycount import count_queries
from tracker.duty.figures import officer_figures
from tracker.extensions import db
from tracker.models import Complaint
from tracker.pages import officer as officer_pages
from tracker.pages import officer_sections
from tracker.pages.common import section_kinds


def _add(officer, partner, agency, size):
    """``size`` more records of every kind naming ``officer`` (and ``partner``, co-accused)."""
    for number in range(size):
        day = date(2020, 1 + number % 12, 1 + number % 28)
        case = factories.make_case(publish=True, occurred_on=day, officers=[officer, partner])
        complaint = factories.make_complaint(
            publish=True, case=case, filed_with=agency, filed_on=day, officers=[officer]
        )
        factories.make_allegation(
            complaint, publish=True, officer=officer, final_finding="sustained"
        )
        factories.make_allegation(complaint, publish=True, officer=partner)
        factories.make_complaint(
            publish=True,
            filed_with=agency,
            acceptance="refused",
            refused_by_officer=officer,
            refused_on=day,
        )
        investigation = factories.make_investigation(
            publish=True, case=case, agency=agency, opened_on=day, officers=[officer]
        )
        factories.make_duty_event(
            officer,
            publish=True,
            duty_kind="reinstated",
            occurred_on=day,
            investigations=[investigation],
        )
        factories.make_assignment(officer, publish=True, agency=agency, started_on=day)
        factories.make_legal_action(publish=True, case=case, court=agency, officers=[officer])
    db.session.commit()


def _page(client, officer):
    """(queries, bytes, text) of the officer's page."""
    db.session.expire_all()
    with count_queries() as seen:
        response = client.get(f"/officers/{officer.id}")
    assert response.status_code == 200
    return seen.count, len(response.data), response.get_data(as_text=True)


def test_the_busiest_officers_page_runs_no_more_queries_with_many_records(app, client, monkeypatch):
    # Small pages, so a few records already fill them: the big world has more than a page of
    # every kind, the small one less than one.
    monkeypatch.setattr(officer_pages, "CASES_PER_PAGE", 3)
    monkeypatch.setattr(officer_sections, "LATEST", 3)
    agency = factories.make_agency(publish=True)
    officer = factories.make_officer(publish=True, agency=agency, name="Busy Officer")
    partner = factories.make_officer(publish=True, agency=agency, name="Co Accused")
    _add(officer, partner, agency, 1)
    few, few_bytes, page = _page(client, officer)
    assert "Co Accused" in page and "1 published allegation" in page
    _add(officer, partner, agency, 12)
    many, many_bytes, page = _page(client, officer)
    assert "Cases (13)" in page and "Complaints (13)" in page
    assert "13 published allegations" in page  # the figures were worked out again
    assert many <= few
    # A page of each kind, whatever the total: the bytes stay within a few more dates' worth.
    assert many_bytes < few_bytes * 4


def test_an_officers_figures_are_kept_until_the_data_changes(app, client):
    agency = factories.make_agency(publish=True)
    officer = factories.make_officer(publish=True, agency=agency, name="Kept Officer")
    partner = factories.make_officer(publish=True, agency=agency, name="Kept Partner")
    _add(officer, partner, agency, 2)
    first, _, page = _page(client, officer)
    assert "2 published allegations" in page
    again, _, _ = _page(client, officer)
    # The figures' three queries, the case count, the section counts, the page's case ids,
    # each section's ids, the page's citations, its demand links, its change list and the ids
    # of the complaints the officer refused ran once for this data stamp; so did loading the
    # page's cases, its duty events (and their investigations) and the records of each
    # section listed as plain entries (with what their links read).
    entries = sum(
        1 + len(kind.section.officer_load)
        for kind in section_kinds("officers")
        if officer_sections._as_entries(kind)
    )
    assert again == first - 5 - 1 - len(section_kinds("officers")) - 1 - 3 - 1 - 2 - entries
    _add(officer, partner, agency, 1)  # a publish moves the data stamp
    _, _, page = _page(client, officer)
    assert "3 published allegations" in page
    # The PDF's model and the API read the same kept figures as the page.
    with app.test_request_context():
        kept = officer_figures(officer.id)
    assert (kept.allegations, kept.cases, kept.complaints) == (3, 3, 3)
    answer = client.get(f"/api/v1/officers/{officer.id}").get_json()
    assert answer["data"]["figures"]["allegations"] == 3


def test_the_page_lists_kept_entries_and_follows_the_data(app, client):
    """A second view reads the officer and the data stamp only (its entries are kept plain
    values); taking a record off the site moves the stamp and drops it from every list."""
    from tracker.records.workflow import unpublish

    agency = factories.make_agency(publish=True)
    officer = factories.make_officer(publish=True, agency=agency, name="Entry Officer")
    partner = factories.make_officer(publish=True, agency=agency, name="Entry Partner")
    _add(officer, partner, agency, 2)
    _page(client, officer)
    queries, _, page = _page(client, officer)
    # The officer (and the test's own ``officer.id`` after ``expire_all``), the data stamp,
    # the refused complaints and the kinds still loaded as records (assignments with their
    # agencies, legal actions): no statement for the cases, duty events, complaints,
    # allegations or investigations.
    assert queries == 2 + 1 + 1 + 2 + 1
    complaint = db.session.scalars(
        select(Complaint).where(Complaint.refused_by_officer_id.is_(None))
    ).first()
    assert complaint.title in page
    unpublish(complaint)
    db.session.commit()
    _, _, page = _page(client, officer)
    assert complaint.title not in page
