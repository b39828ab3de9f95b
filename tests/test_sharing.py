"""Sharing: link-preview tags, robots.txt, the sitemap, the favicon and the preview cards.

Every public page carries Open Graph and Twitter card tags that repeat its own title and
description, its canonical address and a preview image; workspace pages carry none. The
sitemap lists every published page and nothing else, split into parts past
``SITEMAP_PART_SIZE``; robots.txt keeps every workspace route out. Preview cards draw only a
published record's public facts. Nothing private reaches any of them (``tests/privacy.py``).
"""

import io
from xml.etree import ElementTree

import pytest
import tinyhtml5
from PIL import Image

from tests import factories
from tests.conftest import make_user
from tests.privacy import plant_private_markers
from tests.public_pages import example_paths
from tests.querycount import count_queries
from tracker.security.headers import WORKSPACE_BLUEPRINTS
from tracker.sharing import preview
from tracker.sharing.sitemap import list_pages, page_kinds

XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGE_KINDS = [kind.name for kind in page_kinds()]
SHARE_TAGS = (
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:type",
    "twitter:card",
    "twitter:title",
    "twitter:image",
)


def _meta(html):
    """``({property or name: content}, canonical href or None, <title> text)`` of a page."""
    tree = tinyhtml5.parse(html)
    tags = {}
    for element in tree.iter(f"{XHTML}meta"):
        key = element.get("property") or element.get("name")
        if key:
            tags[key] = element.get("content")
    canonical = next(
        (link.get("href") for link in tree.iter(f"{XHTML}link") if link.get("rel") == "canonical"),
        None,
    )
    title = "".join(next(tree.iter(f"{XHTML}title")).itertext())
    return tags, canonical, title


def _locs(client, path):
    """The ``<loc>`` addresses of a sitemap (or sitemap index) at ``path``."""
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.data)  # noqa: S314 (our own sitemap)
    return root.tag, [loc.text for loc in root.iter(f"{SITEMAP}loc")]


@pytest.fixture
def planted(app):
    """Records with a marker in every private field (``tests/privacy.py``)."""
    return plant_private_markers()


def _html_paths(world):
    """Every example path of the public site that answers an HTML page."""
    skip = ("/feed.xml", "/data/", "/api/", ".pdf", ".png", ".ico", ".txt", ".xml", "/document")
    return [
        path
        for paths in example_paths(world).values()
        for path in paths
        if not any(part in path for part in skip)
    ]


def test_every_public_page_has_sharing_tags_from_its_own_title(client, planted):
    """Title and description repeat the page's own; the address is the page's canonical one."""
    for path in _html_paths(planted):
        response = client.get(path)
        assert response.status_code == 200, path
        if response.mimetype != "text/html":  # an answer for scripts (the officer box's names)
            continue
        tags, canonical, title = _meta(response.get_data(as_text=True))
        missing = [name for name in SHARE_TAGS if not tags.get(name)]
        assert not missing, (path, missing)
        assert title.startswith(tags["og:title"]), path
        assert tags["og:description"] == tags["description"][: len(tags["og:description"])]
        if canonical:  # a list's filters are left out: no visitor's words in the tags
            assert tags["og:url"] == canonical.split("?")[0], path
        assert "?" not in tags["og:url"], path
        if not path.startswith("/search"):  # a search echoes the visitor's own words
            assert planted.marker not in str(tags), path


def test_a_case_shares_its_canonical_address_and_its_card(client, planted):
    """The case's tags name its slugged address and its preview card, which answers a PNG."""
    case = planted.case
    tags, canonical, _title = _meta(client.get(f"/cases/{case.id}").get_data(as_text=True))
    assert tags["og:url"] == canonical == f"http://localhost/cases/{case.id}-{case.slug}"
    assert tags["og:type"] == "article"
    assert tags["og:image"] == f"http://localhost/preview/cases/{case.id}.png"
    image = client.get(tags["og:image"])
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert Image.open(io.BytesIO(image.data)).size == preview.SIZE


def test_workspace_pages_have_no_sharing_tags(client, users, auth):
    """The sign-in page and the workspace are never previewed."""
    assert "og:title" not in client.get("/login").get_data(as_text=True)
    auth.login_as(users["editor"])
    response = client.get("/manage/")
    assert response.status_code == 200
    assert "og:title" not in response.get_data(as_text=True)


def test_robots_keeps_every_workspace_route_out_and_names_the_sitemap(app, client):
    """Each workspace, sign-in and account route lies under a disallowed prefix."""
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")]
    assert "/manage" in disallowed and "/login" in disallowed
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    for rule in app.url_map.iter_rules():
        private = rule.endpoint.split(".")[0] in WORKSPACE_BLUEPRINTS
        covered = any(rule.rule.startswith(prefix) for prefix in disallowed)
        assert covered == private, rule.rule


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_the_sitemap_lists_published_pages_only(client, db, kind):
    """A published record's page is listed (with its slug); a draft's is not."""
    published = factories.make_record(kind, publish=True)
    draft = factories.make_record(kind)
    db.session.commit()
    tag, locs = _locs(client, "/sitemap.xml")
    assert tag == f"{SITEMAP}urlset"
    with client.application.test_request_context():
        from flask import url_for

        from tracker.kinds import kind_named, public_url

        shown = public_url(published, _external=True)
        assert shown in locs
        # Where the draft would show once published (a demand's number may name the same page).
        place = kind_named(kind).public_place(draft)
        hidden = url_for(place.endpoint, _external=True, **place.values)
        assert hidden == shown or hidden not in locs
        assert {url_for(endpoint, _external=True) for endpoint in list_pages()} <= set(locs)


def test_the_sitemap_lists_every_public_page_and_nothing_private(client, planted):
    """Every case, officer, demand and source page the site links is listed; no draft."""
    _tag, locs = _locs(client, "/sitemap.xml")
    paths = {loc.removeprefix("http://localhost") for loc in locs}
    assert {"/", "/cases", "/officers", "/demands", "/data"} <= paths
    case, officer = planted.case, planted.officer
    assert f"/cases/{case.id}-{case.slug}" in paths
    assert f"/officers/{officer.id}-{officer.slug}" in paths
    assert f"/sources/{planted.document_source.id}" in paths
    assert f"/sources/{planted.draft_source.id}" not in paths
    draft = f"/cases/{planted.draft_case.id}"
    assert not any(path == draft or path.startswith(f"{draft}-") for path in paths)
    assert planted.marker not in client.get("/sitemap.xml").get_data(as_text=True)
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_a_large_sitemap_is_an_index_of_parts(app, client, db):
    """Past SITEMAP_PART_SIZE addresses, /sitemap.xml indexes parts holding them all."""
    for _ in range(4):
        factories.make_case(publish=True)
    db.session.commit()
    _tag, everything = _locs(client, "/sitemap.xml")
    app.config["SITEMAP_PART_SIZE"] = 5
    tag, parts = _locs(client, "/sitemap.xml")
    assert tag == f"{SITEMAP}sitemapindex"
    assert len(parts) == -(-len(everything) // 5) > 1
    joined = []
    for part in parts:
        part_tag, locs = _locs(client, part.removeprefix("http://localhost"))
        assert part_tag == f"{SITEMAP}urlset" and len(locs) <= 5
        joined.extend(locs)
    assert joined == everything
    assert client.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_the_sitemap_costs_the_same_queries_however_many_records(client, db):
    """One query per kind with a page and one for the sources: the count does not grow."""
    factories.make_case(publish=True)
    db.session.commit()
    with count_queries() as few:
        client.get("/sitemap.xml")
    for _ in range(10):
        factories.make_case(publish=True, officers=[factories.make_officer(publish=True)])
    db.session.commit()
    with count_queries() as many:
        client.get("/sitemap.xml")
    assert many.count == few.count <= len(PAGE_KINDS) + 2


def test_the_favicon_answers(client):
    """Browsers ask every site for /favicon.ico: no 404, and pages name it."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert Image.open(io.BytesIO(response.data)).format == "ICO"
    assert 'rel="icon" href="/favicon.ico"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_a_preview_card_is_a_png_with_an_etag_for_published_records_only(client, db, kind):
    """A published record's card; 304 for the same ETag; 404 for a draft."""
    record = factories.make_record(kind, publish=True)
    draft = factories.make_record(kind)
    db.session.commit()
    path = f"/preview/{factories_path(kind)}/{record.id}.png"
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.data)).size == preview.SIZE
    assert response.headers["Content-Security-Policy"]
    again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert client.get(f"/preview/{factories_path(kind)}/{draft.id}.png").status_code == 404


def factories_path(kind):
    """The URL path of ``kind``'s collection (``cases``)."""
    from tracker.kinds import kind_named

    return kind_named(kind).path


def test_only_kinds_with_a_page_have_cards(client, planted):
    """A complaint lives on its case's page: it has no card of its own; nor has an unknown kind."""
    assert client.get(f"/preview/complaints/{planted.complaint.id}.png").status_code == 404
    assert client.get(f"/preview/nothing/{planted.case.id}.png").status_code == 404


def test_a_card_changes_when_its_record_does(client, db):
    """The ETag follows the record's version, so an edit is fetched again."""
    case = factories.make_case(publish=True)
    db.session.commit()
    first = client.get(f"/preview/cases/{case.id}.png").headers["ETag"]
    case.outcome = "fatal"
    db.session.commit()
    assert client.get(f"/preview/cases/{case.id}.png").headers["ETag"] != first


def test_no_card_draws_anything_private(client, planted, monkeypatch):
    """What every card draws (title, facts) holds no private marker."""
    drawn = []
    real = preview.render

    def recording(heading, title, facts, site_name):
        drawn.append(repr((heading, title, facts)))
        return real(heading, title, facts, site_name)

    monkeypatch.setattr(preview, "render", recording)
    paths = example_paths(planted)["sharing.preview_image"] + ["/preview/site.png"]
    paths += [f"/preview/demands/{planted.demand.id}.png"]
    for path in paths:
        assert client.get(path).status_code == 200, path
    assert len(drawn) == len(paths)
    assert not [text for text in drawn if planted.marker in text]
    for draft in (planted.draft_case,):
        assert client.get(f"/preview/cases/{draft.id}.png").status_code == 404


def test_the_case_card_draws_its_public_key_facts(app, db):
    """A case's card shows its kind, outcome and date as the page says them."""
    from datetime import date

    from tracker.kinds import kind_named

    case = factories.make_case(
        publish=True, case_kind="shooting", outcome="fatal", occurred_on=date(2020, 6, 3)
    )
    db.session.commit()
    facts = dict(preview.key_facts(kind_named("case"), case))
    assert "Shooting" in facts.values() and "Fatal" in facts.values()
    assert "3 June 2020" in facts.values()
    assert "Date precision" not in facts


def test_signed_in_public_pages_still_share_the_public_view(client, db, auth):
    """A volunteer reading a public page gets the same tags as anyone."""
    case = factories.make_case(publish=True)
    db.session.commit()
    anonymous = _meta(client.get(f"/cases/{case.id}").get_data(as_text=True))[0]
    auth.login_as(make_user("volunteer", email="reader@example.org"))
    signed_in = _meta(client.get(f"/cases/{case.id}").get_data(as_text=True))[0]
    assert signed_in == anonymous
