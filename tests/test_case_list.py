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


def test_badges_read_only_what_may_earn_one(app, client):
    from datetime import date

    from tracker.cases.badges import case_badges
    from tracker.records.visibility import public_view

    officer = factories.make_officer(publish=True)
    case = factories.make_case(publish=True, officers=[officer])
    review = factories.make_investigation(publish=True, case=case, opened_on=date(2020, 1, 1))
    for day in range(1, 21):  # an officer's long record of duty events: none earns a badge
        factories.make_duty_event(
            officer, publish=True, occurred_on=date(2019, 1, day), investigations=[review]
        )
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2020, 2, 1),
        investigations=[review],
    )
    db.session.commit()
    case_id = case.id
    with public_view(), count_queries() as seen:
        badges = case_badges([case_id])
    # Every kind's badges in one query; the suspensions earn nothing, the reinstatement does.
    assert seen.count == 1
    assert badges[case_id] == ["No external investigation", "Premature reinstatement"]
    row = _row(client.get("/cases").get_data(as_text=True), case.title)
    assert "Premature reinstatement" in row


def test_only_published_records_earn_badges(app, client):
    case = factories.make_case(publish=True, title="A case with drafts behind it")
    factories.make_complaint(case=case, acceptance="refused")  # a draft
    draft = factories.make_complaint(case=case, acceptance="accepted")
    factories.make_allegation(draft, publish=True, final_finding="sustained")  # of a draft
    factories.make_investigation(case=case, scope="external")  # a draft
    factories.make_legal_action(case=case)  # a draft
    db.session.commit()
    row = _row(client.get("/cases").get_data(as_text=True), case.title)
    assert "No external investigation" in row
    for text in ("Complaint refused", "Allegation sustained", "External investigation"):
        assert text not in row
    assert "Civil suit" not in row and "Legal action" not in row


def test_a_case_list_page_runs_three_queries(app, client):
    build()
    db.session.commit()
    client.get("/cases")  # the filter choices and the total, kept per data stamp
    db.session.expire_all()
    with count_queries() as seen:
        assert client.get("/cases?sort=title").status_code == 200
        assert client.get("/cases?sort=title").status_code == 200
    # The data stamp, the page's rows and their badges, each as plain values.
    assert seen.count == 2 * 3


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
