"""Full-text search: kept current on every write, ranked, highlighted, published records only."""

from tests import factories
from tracker.extensions import db
from tracker.models import SearchDocument
from tracker.records.workflow import unpublish
from tracker.search.query import search, tokens


def _titles(query):
    return [hit.title for hit in search(query).hits]


def test_publishing_indexes_and_unpublishing_removes(app):
    draft = factories.make_case(title="Zebracrossing draft", narrative="zebracrossing")
    case = factories.make_case(
        publish=True, title="Published case", narrative="Shot near the zebracrossing at night."
    )
    db.session.commit()
    assert _titles("zebracrossing") == ["Published case"]
    assert db.session.get(SearchDocument, draft.id) is None

    case.narrative = "Now the text speaks of a lighthouse."
    db.session.commit()
    assert _titles("zebracrossing") == []
    assert _titles("lighthouse") == ["Published case"]

    unpublish(case)
    db.session.commit()
    assert _titles("lighthouse") == []


def test_every_kind_is_searchable_and_links_to_its_page(app, client):
    officer = factories.make_officer(publish=True, name="Quasimodo Bellringer")
    case = factories.make_case(publish=True, title="Cathedral case", officers=[officer])
    complaint = factories.make_complaint(
        publish=True, case=case, title="Complaint about the cathedral", description="bells"
    )
    factories.make_duty_event(officer, publish=True, note="Cathedral duty ended")
    db.session.commit()
    hits = {hit.title: hit for hit in search("cathedral").hits}
    assert set(hits) >= {"Cathedral case", "Complaint about the cathedral"}
    with app.test_request_context():
        assert hits["Cathedral case"].url == f"/cases/{case.id}"
        assert hits["Complaint about the cathedral"].url == (
            f"/cases/{case.id}#record-{complaint.id}"
        )
    page = client.get("/search?q=bellringer").get_data(as_text=True)
    assert f'href="/officers/{officer.id}"' in page


def test_title_matches_rank_first_and_prefixes_match(app):
    factories.make_case(publish=True, title="Other", narrative="a windmill mention")
    factories.make_case(publish=True, title="Windmill case", narrative="windmill story")
    db.session.commit()
    assert _titles("windmill")[0] == "Windmill case"
    assert set(_titles("windm")) == {"Other", "Windmill case"}
    assert _titles("windmill nothinglikethis") == []


def test_snippets_highlight_matches_and_escape_html(app, client):
    factories.make_case(
        publish=True, title="Escaping", narrative="<b>bold</b> and a marmalade <script>x</script>"
    )
    db.session.commit()
    page = client.get("/search?q=marmalade").get_data(as_text=True)
    assert "<mark>marmalade</mark>" in page
    # SQLite shows the tags as escaped text; PostgreSQL's ts_headline drops them.
    snippet = page.split('class="snippet">')[1].split("</p>")[0]
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "1 published record match" in page


def test_query_syntax_cannot_break_the_search(app, client):
    factories.make_case(publish=True, title="Quotes", narrative="apostrophe")
    db.session.commit()
    odd = ["foo_bar", "_", "__init__", "ünïcode", "123", "the", "a-b", "(x)", "\\", "%"]
    for query in ['"', "apostrophe\"'", "NEAR(", "a & b | !c", "x:*", "OR AND NOT", "*", "'"] + odd:
        response = client.get("/search", query_string={"q": query})
        assert response.status_code == 200, query
    assert tokens("apostrophe\"' OR") == ["apostrophe", "OR"]
    assert "1 published record" in client.get("/search?q=apostrophe%22").get_data(as_text=True)


def test_private_fields_are_never_indexed(app):
    person = factories.make_person(
        publish=True, name="Secretname Hidden", contact_details="secretphone"
    )
    factories.make_officer(publish=True, name="Visible", private_notes="secretnote")
    db.session.commit()
    assert _titles("secretname") == []
    assert _titles("secretphone") == []
    assert _titles("secretnote") == []
    assert db.session.get(SearchDocument, person.id).title == "Name withheld"


def test_empty_query_and_paging(app, client):
    for number in range(23):
        factories.make_case(publish=True, title=f"Pagination case {number}")
    db.session.commit()
    assert client.get("/search").status_code == 200
    assert search("   ").total == 0
    results = search("pagination", page=2)
    assert results.total == 23 and results.pages == 2 and len(results.hits) == 3
    page = client.get("/search?q=pagination").get_data(as_text=True)
    assert "Page 1 of 2" in page and 'href="/search?q=pagination&amp;page=2"' in page


def test_reindex_command_rebuilds_the_index(app, runner):
    factories.make_case(publish=True, title="Reindexed case")
    factories.make_case(title="Draft not indexed")
    db.session.commit()
    db.session.query(SearchDocument).delete()
    db.session.commit()
    assert _titles("reindexed") == []
    result = runner.invoke(args=["search-reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed" in result.output
    assert _titles("reindexed") == ["Reindexed case"]
    assert _titles("draft") == []


def test_search_can_keep_one_kind(app, client):
    officer = factories.make_officer(publish=True, name="Porcupine Officer")
    factories.make_case(publish=True, title="Porcupine case", officers=[officer])
    db.session.commit()
    assert {hit.kind for hit in search("porcupine").hits} == {"case", "officer"}
    assert [hit.kind for hit in search("porcupine", kind="officer").hits] == ["officer"]
    assert search("porcupine", kind="bogus").total == 2
    page = client.get("/search?q=porcupine&kind=case").get_data(as_text=True)
    assert "1 published record match “porcupine” among case records." in page
