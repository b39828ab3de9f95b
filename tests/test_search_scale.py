"""Search at scale: a capped count, ranking past the cap, a constant number of queries, and a
batched, resumable reindex that builds the same index as a full one (both databases)."""

import pytest

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.search.query import search

CAP = 3


def _cases(count, word="lantern", **fields):
    """``count`` published cases that mention ``word`` once in their narrative."""
    cases = [
        factories.make_case(
            publish=True, title=f"Case {n}", narrative=f"Seen near a {word} by a witness.", **fields
        )
        for n in range(count)
    ]
    db.session.commit()
    return cases


@pytest.fixture
def capped(app):
    """Count at most ``CAP`` matches."""
    app.config["SEARCH_COUNT_CAP"] = CAP
    return app


def test_a_count_past_the_cap_says_more_than_and_skips_the_facets(capped, client):
    _cases(CAP + 3)
    with capped.test_request_context():
        found = search("lantern")
    assert found.capped and found.total == CAP and found.kinds == [] and found.years == []
    page = client.get("/search?q=lantern").get_data(as_text=True)
    assert f"More than {CAP} published records match" in page
    assert "Too many records match to count them all" in page
    assert "Narrow the results" not in page  # no counts by kind and year past the cap


def test_a_count_within_the_cap_is_exact_with_facets(capped, client):
    _cases(CAP)
    with capped.test_request_context():
        found = search("lantern")
    assert not found.capped and found.total == CAP and found.kinds
    page = client.get("/search?q=lantern").get_data(as_text=True)
    assert f"{CAP} published records match" in page and "More than" not in page


def test_a_narrowed_search_past_the_cap_counts_its_own_matches(capped):
    _cases(CAP + 2)
    factories.make_officer(publish=True, name="Lantern Keeper")
    db.session.commit()
    with capped.test_request_context():
        found = search("lantern", kind="officer")
    assert not found.capped and found.total == 1
    assert [hit.title for hit in found.hits] == ["Lantern Keeper"]


def test_results_are_still_ranked_past_the_cap(capped):
    best = factories.make_case(publish=True, title="Lantern case", narrative="A lantern case.")
    db.session.commit()
    _cases(CAP + 4)  # newer, longer, and matched in the narrative only
    with capped.test_request_context():
        found = search("lantern")
    assert found.capped
    assert found.hits[0].record_id == best.id


def test_a_search_runs_the_same_number_of_queries_as_the_data_grows(app):
    def queries():
        with app.test_request_context(), count_queries() as seen:
            search("lantern")
            search("lantern", kind="case")
        return seen.count

    _cases(2)
    small = queries()
    _cases(30)
    assert queries() == small
