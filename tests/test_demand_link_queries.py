"""A page runs the same statements whether or not its records bear on a demand.

The demands come with their links in one query (``Kind.load_options``): before, a page whose
rows had demand links ran one query more than one whose rows had none, so the count followed the
data (issue 12 item 2).
"""

import pytest

from tests import factories
from tests.querycount import page_queries
from tracker.extensions import db
from tracker.models import DemandLink

MAKERS = {
    "cases": lambda: factories.make_case(publish=True),
    "complaints": lambda: factories.make_complaint(publish=True),
    "legal-actions": lambda: factories.make_legal_action(publish=True),
}


@pytest.mark.parametrize("collection", sorted(MAKERS))
def test_api_list_with_demand_links_runs_no_more_queries(app, client, collection):
    """An API list page counts the same queries before and after its row gets a demand link."""
    app.config["PAGE_CACHE_ENABLED"] = False
    petition = factories.make_petition(publish=True, demands=2)
    record = MAKERS[collection]()
    db.session.commit()
    path = f"/api/v1/{collection}"
    without = page_queries(client, path, warm=True)
    record.demand_links.append(DemandLink(demand=petition.demands[0], note="bears on it"))
    db.session.commit()
    assert client.get(path).json["data"][0]["demand_numbers"] == [petition.demands[0].number]
    assert page_queries(client, path, warm=True) == without


def test_case_page_with_demand_links_runs_no_more_queries(app, client):
    """A case page and the case list count the same queries with and without demand links."""
    app.config["PAGE_CACHE_ENABLED"] = False
    petition = factories.make_petition(publish=True, demands=2)
    case = factories.make_case(publish=True)
    db.session.commit()
    paths = [f"/cases/{case.id}", "/cases"]
    without = [page_queries(client, path, warm=True) for path in paths]
    case.demand_links.append(DemandLink(demand=petition.demands[1]))
    db.session.commit()
    assert [page_queries(client, path, warm=True) for path in paths] == without
