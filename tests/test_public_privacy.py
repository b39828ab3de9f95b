"""Privacy proven: no private field and no unpublished record reaches any public output.

``plant_private_markers`` writes one marker into every private field and every draft, record in
review and unpublished record; every public page, search (for the marker itself and for words
that sit next to it), the feed, page metadata and the search index are checked for it.
"""

import pytest

from tests.privacy import plant_private_markers
from tracker.extensions import db
from tracker.models import SearchDocument


@pytest.fixture
def planted(app):
    """Records with a marker in every private field."""
    return plant_private_markers()


def _public_paths(world):
    """Every public page, list, filter, search and feed for the planted world."""
    case, officer, hidden = world.case, world.officer, world.hidden_officer
    paths = [
        "/",
        "/cases",
        "/cases?sort=title",
        "/cases?sort=updated",
        f"/cases?officer={officer.id}",
        "/cases?demand=1",
        "/cases?investigation=internal&investigation_status=open",
        f"/cases/{case.id}",
        f"/cases/{case.id}-{case.slug}",
        "/officers",
        f"/officers/{officer.id}",
        f"/officers/{hidden.id}",
        "/demands",
        "/feed.xml",
        f"/search?q={world.marker}",
        f"/search?q={world.marker.lower()}",
        "/search?q=complainant",
        "/search?q=private",
        "/search?q=medical",
        "/search?q=notes",
        "/search?q=draft",
        "/search?q=case",
        "/search?q=officer",
    ]
    paths += [f"/demands/{number}" for number in range(1, 7)]
    # The public page of every source the published records cite (uploaded documents too).
    for record in (case, officer, hidden, world.complaint):
        paths += [f"/sources/{citation.source_id}" for citation in record.citations]
    return paths


def _without_query_echo(page, query):
    """The search page minus the places that repeat what the visitor typed."""
    for echo in (f"Search: {query}", f'value="{query}"', f"“{query}”"):
        page = page.replace(echo, "")
    return page


def test_no_public_page_search_or_feed_shows_a_private_marker(client, planted):
    for path in _public_paths(planted):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        if path.startswith("/search?q="):
            page = _without_query_echo(page, path.split("=", 1)[1])
        assert planted.marker not in page, path
        assert planted.marker not in str(response.headers), path


def test_unpublished_records_are_not_found(client, planted):
    response = client.get(f"/cases/{planted.draft_case.id}")
    assert response.status_code == 404
    assert planted.marker not in response.get_data(as_text=True)


def test_unreviewed_and_draft_only_documents_are_not_found(client, planted):
    assert planted.draft_source.document_reviewed  # reviewed, yet only a draft cites it
    for path in (
        f"/sources/{planted.draft_source.id}",
        f"/sources/{planted.draft_source.id}/document",
        f"/sources/{planted.document_source.id}/document",  # cited by a published case
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert planted.marker not in response.get_data(as_text=True), path
    page = client.get(f"/sources/{planted.document_source.id}").get_data(as_text=True)
    assert "Uploaded police report" in page
    assert "once an editor has checked it for private data" in page


def test_the_search_index_holds_no_marker(planted):
    for document in db.session.query(SearchDocument).all():
        assert planted.marker not in f"{document.title} {document.body}"


def test_search_for_the_marker_finds_nothing(client, planted):
    page = client.get(f"/search?q={planted.marker}").get_data(as_text=True)
    assert "0 published records match" in page
