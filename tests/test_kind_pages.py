"""A kind that declares pages of its own (``own_pages=OwnPages(...)``) gets them from that alone.

For each such kind: its list and record pages (with the slug form) on a blueprint of the
declared name, its PDF when it declares a report, the visibility boundary on that blueprint
(a draft is a 404 because the page model runs behind it, not because it checks the status),
its list page and records in the sitemap and its list in the site menu.
"""

from xml.etree import ElementTree

import pytest
from flask import url_for

from tests import factories
from tracker.extensions import db
from tracker.kind_pages import own_page_kinds, site_menu
from tracker.records.visibility import public_blueprints
from tracker.sharing.sitemap import list_pages

KINDS = own_page_kinds()
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_meetings_and_records_requests_declare_their_own_pages():
    assert {kind.name for kind in KINDS} >= {"meeting", "records_request"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_kind_with_its_own_pages_gets_its_routes(app, kind):
    pages = kind.own_pages
    rules = {}
    for rule in app.url_map.iter_rules():
        rules.setdefault(rule.endpoint, set()).add(rule.rule)
    assert rules[f"{pages.blueprint}.index"] == {pages.path}
    assert rules[f"{pages.blueprint}.detail"] == {
        f"{pages.path}/<int:record_id>",
        f"{pages.path}/<int:record_id>-<slug>",
    }
    pdf = {f"{pages.path}/<int:record_id>/report.pdf"} if pages.report_template else None
    assert rules.get(f"reports.{kind.name}_report") == pdf
    # Its record links and its report link follow from the declaration.
    assert kind.page.endpoint == f"{pages.blueprint}.detail"
    assert (kind.report is not None) == bool(pages.report_template)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_kind_with_its_own_pages_serves_only_published_records(app, client, kind):
    published = factories.make_record(kind.name, publish=True, title="Shown to the public")
    draft = factories.make_record(kind.name, title="Kept in the workspace")
    db.session.commit()
    path = kind.own_pages.path
    listed = client.get(path)
    assert listed.status_code == 200
    assert b"Shown to the public" in listed.data and b"Kept in the workspace" not in listed.data
    for url in (f"{path}/{published.id}", f"{path}/{published.id}-{published.slug}"):
        response = client.get(url)
        assert response.status_code == 200 and b"Shown to the public" in response.data
    # The page models do not ask for the status: the boundary keeps the draft out.
    assert kind.own_pages.blueprint in public_blueprints()
    assert client.get(f"{path}/{draft.id}").status_code == 404
    assert client.get(f"{path}/{draft.id}-{draft.slug}").status_code == 404
    if kind.own_pages.report_template:
        pdf = client.get(f"{path}/{published.id}/report.pdf")
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
        assert f'filename="{kind.name}-{published.id}.pdf"' in pdf.headers["Content-Disposition"]
        assert client.get(f"{path}/{draft.id}/report.pdf").status_code == 404


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_kind_with_its_own_pages_is_in_the_sitemap_and_the_menu(app, client, kind):
    published = factories.make_record(kind.name, publish=True)
    draft = factories.make_record(kind.name)
    db.session.commit()
    root = ElementTree.fromstring(client.get("/sitemap.xml").data)  # noqa: S314 (our own)
    locs = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    endpoint = kind.own_pages.list_endpoint
    with app.test_request_context():
        assert endpoint in list_pages()
        assert url_for(endpoint, _external=True) in locs
        assert kind.public_url(published, _external=True) in locs
        hidden = url_for(f"{kind.own_pages.blueprint}.detail", record_id=draft.id, _external=True)
        assert not any(loc == hidden or loc.startswith(f"{hidden}-") for loc in locs)
        menu = dict(site_menu())
        if kind.own_pages.menu:
            assert menu[endpoint] == kind.own_pages.menu
            home = client.get("/").get_data(as_text=True)
            assert f'href="{url_for(endpoint)}">{kind.own_pages.menu}</a>' in home
        else:
            assert endpoint not in menu
