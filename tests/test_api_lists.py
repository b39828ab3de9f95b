"""The API's lists at any size: what a row lists is read in a fixed number of queries.

A source's ``record_ids`` are read as ids in one query for the whole page (only published
records, and a part only while its parent is published), however many records cite it.
"""

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.models import Citation


def _sources_page(client):
    """``({source id: record_ids}, queries)`` of the first page of the sources API."""
    db.session.expire_all()
    with count_queries() as seen:
        answer = client.get("/api/v1/sources?per_page=100").get_json()
    return {row["id"]: row["record_ids"] for row in answer["data"]}, seen.count


def test_a_source_lists_the_published_records_citing_it(app, client):
    source = factories.make_source()
    shown = factories.make_case(publish=True)
    draft = factories.make_case()
    hidden = factories.make_complaint(case=shown)  # a draft: its allegation is hidden too
    part = factories.make_allegation(hidden, publish=True)
    for record in (shown, draft, part):
        record.citations.append(Citation(source=source))
    db.session.commit()
    listed, _queries = _sources_page(client)
    assert listed[source.id] == [shown.id]
    detail = client.get(f"/api/v1/sources/{source.id}").get_json()["data"]
    assert detail["record_ids"] == [shown.id]
    hidden.status = "published"
    db.session.commit()
    assert _sources_page(client)[0][source.id] == sorted([shown.id, part.id])


def test_the_sources_list_costs_the_same_for_one_citation_or_many(app, client):
    source = factories.make_source()
    factories.make_case(publish=True).citations.append(Citation(source=source))
    db.session.commit()
    _listed, one = _sources_page(client)
    other = factories.make_source()
    for _ in range(30):
        factories.make_case(publish=True).citations.append(Citation(source=source))
        factories.make_case(publish=True).citations.append(Citation(source=other))
    db.session.commit()
    listed, many = _sources_page(client)
    assert len(listed[source.id]) == 31 and len(listed[other.id]) == 30
    assert many == one
