"""The case list's filter choices are kept per data stamp: worked out once, fresh after a change."""

from datetime import date

from tests import factories
from tests.querycount import page_queries
from tracker.extensions import db
from tracker.models import Tag


def test_filter_choices_are_kept_until_the_data_changes(app, client):
    """A second case list skips the choices' queries; a newly published tag and year show."""
    app.config["PAGE_CACHE_ENABLED"] = False
    factories.make_petition(publish=True, demands=2)
    factories.make_case(publish=True, occurred_on=date(2019, 5, 1))
    db.session.commit()
    first = page_queries(client, "/cases")
    again = page_queries(client, "/cases")
    assert again <= first - 3  # years, demands and tags come from the kept answer
    case = factories.make_case(publish=True, occurred_on=date(2021, 3, 1))
    case.tags.append(Tag(name="Taser", slug="taser"))
    db.session.commit()
    page = client.get("/cases").get_data(as_text=True)
    assert 'value="taser"' in page and 'value="2021"' in page and 'value="2019"' in page


def test_filter_choices_leave_out_drafts(app, client):
    """A draft case's tag and year are never offered to the public, kept or not."""
    app.config["PAGE_CACHE_ENABLED"] = False
    factories.make_case(publish=True, occurred_on=date(2019, 5, 1))
    draft = factories.make_case(occurred_on=date(2015, 3, 1))
    draft.tags.append(Tag(name="Hidden tag", slug="hidden-tag"))
    db.session.commit()
    for _ in range(2):
        page = client.get("/cases").get_data(as_text=True)
        assert "hidden-tag" not in page and 'value="2015"' not in page
