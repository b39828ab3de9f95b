"""Search relevance: 20 fixed queries over a fixed world, each with the record that must rank
first and the part of the page its link must lead to (both databases)."""

import pytest

from tests import search_world
from tracker.extensions import db
from tracker.search.query import search


@pytest.fixture
def world(app):
    """The fixed world, committed (so the index is written)."""
    records = search_world.build()
    db.session.commit()
    return records


def _expected_anchor(anchor, record, world):
    """The URL fragment a hit must carry ("" for none)."""
    if anchor is None:
        return ""
    if anchor.startswith("person-"):
        return f"#person-{world[anchor.removeprefix('person-')].id}"
    if anchor == "record":
        return f"#record-{record.id}"
    return f"#{anchor}-"  # a timeline entry: its id is the database's


def test_twenty_queries_rank_the_right_record_first(app, world):
    assert len(search_world.QUERIES) == 20
    failures = []
    with app.test_request_context():
        for query, key, anchor in search_world.QUERIES:
            hits = search(query).hits
            expected = world[key]
            if not hits or hits[0].record_id != expected.id:
                failures.append((query, key, [hit.title for hit in hits[:3]]))
                continue
            url, fragment = hits[0].url, _expected_anchor(anchor, expected, world)
            if url is None or (fragment and fragment not in url) or (not fragment and "#" in url):
                failures.append((query, key, url))
    assert failures == []
