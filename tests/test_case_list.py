"""The case list tells: badges for what makes a case newsworthy (a constant number of queries),
a search box that combines with the filters, filters in a disclosure, filters in words."""

from tests import factories
from tests.querycount import count_queries
from tests.search_world import build
from tracker.extensions import db
from tracker.kinds.case_filters import CaseFilters


def _row(page, title):
    """The case list's row of the case titled ``title``."""
    return page.split(title)[1].split('class="case-item"')[0]


def test_rows_show_badges(app, client):
    world = build()
    db.session.commit()
    page = client.get("/cases").get_data(as_text=True)
    prospect = _row(page, "Traffic stop beating on Prospect Avenue")
    assert "Complaint refused" in prospect and "No external investigation" in prospect
    garage = _row(page, "Shooting in the Plaza parking garage")
    assert "External investigation" in garage and "Civil suit" in garage
    assert "Premature reinstatement" in garage  # reinstated while the review was open
    assert "Complaint" not in _row(page, world["jail"].title)


def test_badges_cost_the_same_queries_for_one_case_or_many(app, client):
    build()
    db.session.commit()
    with count_queries() as few:
        assert client.get("/cases").status_code == 200
    for number in range(6):
        case = factories.make_case(publish=True, title=f"More case {number}")
        factories.make_complaint(publish=True, case=case, acceptance="no_response")
        factories.make_legal_action(publish=True, case=case)
    db.session.commit()
    with count_queries() as many:
        page = client.get("/cases").get_data(as_text=True)
    assert page.count("Complaint unanswered") == 6
    assert many.count == few.count


def test_badges_load_only_what_may_earn_one(app, client):
    from datetime import date

    from tracker.cases.badges import _records_by_case
    from tracker.kinds import kind_named
    from tracker.records.visibility import public_view

    officer = factories.make_officer(publish=True)
    case = factories.make_case(publish=True, officers=[officer])
    review = factories.make_investigation(publish=True, case=case, opened_on=date(2020, 1, 1))
    for day in range(1, 21):  # an officer's long record of duty events: none earns a badge
        factories.make_duty_event(officer, publish=True, occurred_on=date(2019, 1, day))
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2020, 2, 1),
        investigations=[review],
    )
    db.session.commit()
    with public_view():
        loaded = _records_by_case(kind_named("duty_event"), [case.id])
        assert [event.duty_kind for event in loaded[case.id]] == ["reinstated"]
    row = _row(client.get("/cases").get_data(as_text=True), case.title)
    assert "Premature reinstatement" in row


def test_search_box_combines_with_filters(app, client):
    build()
    db.session.commit()
    page = client.get("/cases?q=medical+center").get_data(as_text=True)
    assert "2 published cases match" in page
    page = client.get("/cases?q=medical+center&outcome=fatal").get_data(as_text=True)
    assert "1 published case match" in page and "Plaza parking garage" in page
    assert 'name="q" value="medical center"' in page
    assert "<details" in page and "Filters and order" in page


def test_the_report_of_a_search_keeps_the_same_cases(app, client):
    from tracker.reports.collection import multi_case_report

    build()
    db.session.commit()
    filters = CaseFilters.from_args({"q": "medical center", "outcome": "fatal"})
    report = multi_case_report(filters)
    assert [page.case.title for page in report.cases] == ["Shooting in the Plaza parking garage"]
    assert ("Words", "“medical center”") in report.filters


def test_filters_read_in_words(app):
    officer = factories.make_officer(publish=True, name="Daniel Wordsworth")
    db.session.commit()
    filters = CaseFilters.from_args({"outcome": "fatal", "officer": str(officer.id), "q": "x"})
    words = dict(filters.in_words())
    assert words["Outcome"] == "Fatal" and words["Officer"] == "Daniel Wordsworth"
    assert "outcome" not in words
