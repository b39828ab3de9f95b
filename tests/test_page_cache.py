"""The readers' page cache: hits, ETag/304 and proxy headers; publish, unpublish and edit each
invalidate; signed-in users and private pages are never served from it or stored in it."""

import pytest
from flask import g

from tests import factories
from tests.conftest import PASSWORD
from tests.servers import servers_sharing_redis
from tracker.extensions import db as _db
from tracker.records import editing
from tracker.records.workflow import publish, unpublish


@pytest.fixture
def cached(app):
    """The page cache on (the suite runs without it), in this process's memory."""
    app.config.update(PAGE_CACHE_ENABLED=True, REDIS_URL=None, PAGE_CACHE_REDIS_URL=None)
    app.extensions.pop("page_cache", None)
    return app


def _case(db, **fields):
    """A published case, committed."""
    case = factories.make_case(publish=True, **fields)
    db.session.commit()
    return case


PUBLIC_PATHS = (
    "/",
    "/cases",
    "/officers",
    "/demands",
    "/search?q=street",
    "/data",
    "/api/v1/cases",
)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_a_public_page_is_served_from_the_cache_with_etag_and_proxy_headers(
    cached, client, db, path
):
    _case(db, title="Cached case on Main Street")
    first = client.get(path)
    assert first.status_code == 200 and first.headers["X-Page-Cache"] == "miss"
    second = client.get(path)
    assert second.headers["X-Page-Cache"] == "hit" and second.data == first.data
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in second.headers["Vary"]
    assert "Content-Security-Policy" in second.headers  # the security headers still apply
    revalidated = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 304 and revalidated.data == b""


@pytest.mark.parametrize("path", ["/calendar.ics", "/demands/1/calendar.ics", "CASE"])
def test_a_cached_calendar_keeps_its_file_name(cached, client, db, path):
    case = _case(db, title="Cached case")
    factories.make_petition(publish=True, demands=1)
    db.session.commit()
    path = f"/cases/{case.id}/calendar.ics" if path == "CASE" else path
    first = client.get(path)
    assert first.headers["X-Page-Cache"] == "miss"
    assert first.headers["Content-Disposition"].endswith('.ics"')
    second = client.get(path)
    assert second.headers["X-Page-Cache"] == "hit" and second.data == first.data
    assert second.headers["Content-Disposition"] == first.headers["Content-Disposition"]
    assert second.headers["Content-Type"] == first.headers["Content-Type"]


def test_publishing_a_record_invalidates(cached, client, db):
    _case(db, title="First case")
    assert "First case" in client.get("/cases").get_data(as_text=True)
    draft = factories.make_case(title="Second case, published later")
    db.session.commit()
    assert "Second case" not in client.get("/cases").get_data(as_text=True)
    draft.citations.append(factories.Citation(source=factories.make_source()))
    publish(draft)
    db.session.commit()
    response = client.get("/cases")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Second case, published later" in response.get_data(as_text=True)


def test_unpublishing_a_record_invalidates(cached, client, db):
    case = _case(db, title="Soon withdrawn")
    path = f"/cases/{case.id}"
    assert client.get(path).status_code == 200
    assert client.get(path).headers["X-Page-Cache"] == "hit"
    assert "Soon withdrawn" in client.get("/api/v1/cases").get_data(as_text=True)
    unpublish(case)
    db.session.commit()
    assert client.get(path).status_code == 404
    assert "Soon withdrawn" not in client.get("/cases").get_data(as_text=True)
    assert "Soon withdrawn" not in client.get("/api/v1/cases").get_data(as_text=True)


def test_editing_a_record_invalidates(cached, client, db):
    case = _case(db, title="Old title")
    path = f"/cases/{case.id}"
    assert "Old title" in client.get(path).get_data(as_text=True)
    editing.save(case, {"title": "New title"})
    db.session.commit()
    text = client.get(path).get_data(as_text=True)
    assert "New title" in text and "Old title" not in text


def test_signed_in_users_pages_are_never_cached_nor_served_from_the_cache(
    cached, app, client, users, db
):
    _case(db, title="Seen by everyone")
    client.get("/cases")  # an anonymous reader fills the cache
    editor = app.test_client()
    editor.post("/login", data={"email": users["editor"].email, "password": PASSWORD})
    page = editor.get("/cases")
    assert "X-Page-Cache" not in page.headers and page.headers["Cache-Control"] == "no-store"
    assert "Sign out" in page.get_data(as_text=True)
    # ... and what the editor saw is not what the next anonymous reader gets.
    other = editor.get("/officers")
    assert "X-Page-Cache" not in other.headers
    g.pop("_login_user", None)  # the fixture's app context outlives requests; a server's does not
    anonymous = app.test_client().get("/officers")
    assert anonymous.headers["X-Page-Cache"] == "miss"
    assert "Sign out" not in anonymous.get_data(as_text=True)


def test_a_private_page_is_never_served_from_the_cache(cached, client, db):
    draft = factories.make_case(title="PRIVATEDRAFT case")
    db.session.commit()
    for _ in range(2):
        response = client.get(f"/cases/{draft.id}")
        assert response.status_code == 404 and "X-Page-Cache" not in response.headers
    assert client.get("/manage/").status_code == 302
    assert "PRIVATEDRAFT" not in client.get("/cases").get_data(as_text=True)
    # Published, then withdrawn: the page cached while it was public is not served again.
    draft.citations.append(factories.Citation(source=factories.make_source()))
    publish(draft)
    db.session.commit()
    assert client.get(f"/cases/{draft.id}").status_code == 200
    assert client.get(f"/cases/{draft.id}").headers["X-Page-Cache"] == "hit"
    unpublish(draft)
    db.session.commit()
    assert client.get(f"/cases/{draft.id}").status_code == 404


def test_downloads_and_workspace_are_not_page_cached(cached, client, db):
    _case(db)
    for path in ("/data/cases.csv", "/login"):
        client.get(path)
        assert "X-Page-Cache" not in client.get(path).headers, path


def test_with_redis_every_server_shares_the_cache(cached, database_url, db, redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    _case(db, title="Shared between servers")
    servers = servers_sharing_redis(database_url, redis_url)
    with servers[0].app_context():
        first = servers[0].test_client().get("/cases")
        _db.session.remove()
    with servers[1].app_context():
        second = servers[1].test_client().get("/cases")
        _db.session.remove()
    assert first.headers["X-Page-Cache"] == "miss" and second.headers["X-Page-Cache"] == "hit"
    assert second.data == first.data
    assert redis.Redis.from_url(redis_url).keys("page:*")
