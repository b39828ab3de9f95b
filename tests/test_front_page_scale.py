"""The front page at scale: its counts are made once per change of the data, never stale."""

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db


def _front_page(client):
    """(HTML, SQL statements) of one request of the front page."""
    with count_queries() as seen:
        response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True), seen.count


def _cases(count, outcome="injured"):
    """``count`` published cases."""
    for _ in range(count):
        factories.make_case(publish=True, outcome=outcome)
    db.session.commit()


def test_the_front_page_counts_once_per_change_and_the_same_whatever_the_data(app, client):
    _cases(2)
    first, counted = _front_page(client)
    assert "<strong>2</strong> published cases" in first
    _html, warm = _front_page(client)
    assert warm < counted  # the counts were kept: no GROUP BY over every record
    _cases(30, outcome="fatal")
    html, recounted = _front_page(client)
    assert recounted == counted  # a change of the data: counted again, the same queries
    assert "<strong>32</strong> published cases" in html  # never the old counts
    assert _front_page(client)[1] == warm


def test_unpublishing_a_case_changes_the_front_page_counts(app, client):
    _cases(3)
    assert "<strong>3</strong> published cases" in _front_page(client)[0]
    case = factories.make_case(publish=True)
    db.session.commit()
    assert "<strong>4</strong> published cases" in _front_page(client)[0]
    case.status = "unpublished"  # a revision like any edit: the data stamp moves
    db.session.commit()
    assert "<strong>3</strong> published cases" in _front_page(client)[0]
