"""The page cache's front door (tracker/pagecache/front.py): a hit answered before Flask, with
the same headers as the Flask hook's hit, 304 and HEAD; never for a session or remember-me
cookie, never a stale page, and anything it cannot answer goes on to Flask."""

import pytest
from flask import request_started

from tests import factories
from tests.conftest import PASSWORD
from tests.querycount import count_queries
from tests.servers import servers_sharing_redis
from tracker import create_app
from tracker.extensions import db as _db
from tracker.pagecache.front import PageCacheFront
from tracker.pagecache.store import page_store
from tracker.records import editing
from tracker.records.workflow import publish, unpublish

PATHS = ("/", "/cases", "/api/v1/cases", "/calendar.ics", "/officers", "/search?q=street")


@pytest.fixture
def flask_requests(app):
    """The requests Flask itself handled (the front door's hits are not among them)."""
    seen = []

    def started(sender, **extra):
        """Count one request Flask handled."""
        seen.append(1)

    request_started.connect(started, app)
    yield seen
    request_started.disconnect(started, app)


def _case(db, title="Front door case on Main Street"):
    """A published case, committed."""
    case = factories.make_case(publish=True, title=title)
    db.session.commit()
    return case


def _by_flask(app, client, path, **kwargs):
    """The same request answered by the Flask hook: the front door has no trusted stamp."""
    app.extensions.pop("page_cache_stamp", None)
    return client.get(path, **kwargs)


def _header_set(response, *leave_out):
    """The response's headers as a set of (lower-case name, value), less ``leave_out``."""
    return {(name.lower(), value) for name, value in response.headers if name not in leave_out}


def test_the_front_door_wraps_the_app():
    app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert isinstance(app.wsgi_app, PageCacheFront)


def test_inside_proxy_fix_so_the_key_has_the_scheme_flask_sees():
    app = create_app(
        {"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://", "TRUSTED_PROXIES": 1}
    )
    assert isinstance(app.wsgi_app.app, PageCacheFront)


@pytest.mark.parametrize("path", PATHS)
def test_a_hit_is_answered_before_flask_with_the_same_headers_and_no_query(
    cached, client, db, flask_requests, path
):
    _case(db)
    factories.make_petition(publish=True, demands=1)
    db.session.commit()
    miss = client.get(path)
    assert miss.status_code == 200 and miss.headers["X-Page-Cache"] == "miss"
    flask_hit = _by_flask(cached, client, path)
    assert flask_hit.headers["X-Page-Cache"] == "hit"
    handled = len(flask_requests)
    with count_queries() as seen:
        front_hit = client.get(path)
    assert len(flask_requests) == handled  # Flask never saw it
    assert seen.count == 0
    assert front_hit.headers["X-Page-Cache"] == "hit" and front_hit.data == miss.data
    assert _header_set(front_hit) == _header_set(flask_hit)
    assert "Strict-Transport-Security" in front_hit.headers
    assert _header_set(front_hit) == _header_set(miss, "Date") - {("x-page-cache", "miss")} | {
        ("x-page-cache", "hit")
    }


@pytest.mark.parametrize("path", PATHS)
def test_if_none_match_gets_304_with_the_same_headers(cached, client, db, flask_requests, path):
    _case(db)
    etag = client.get(path).headers["ETag"]
    flask_304 = _by_flask(cached, client, path, headers={"If-None-Match": etag})
    handled = len(flask_requests)
    front_304 = client.get(path, headers={"If-None-Match": etag})
    assert len(flask_requests) == handled
    assert front_304.status_code == flask_304.status_code == 304 and front_304.data == b""
    assert _header_set(front_304) == _header_set(flask_304)
    other = client.get(path, headers={"If-None-Match": '"another"'})
    assert other.status_code == 200 and other.headers["X-Page-Cache"] == "hit"


def test_head_gets_the_hits_headers_and_no_body(cached, client, db, flask_requests):
    _case(db)
    client.get("/cases")
    get = client.get("/cases")
    handled = len(flask_requests)
    head = client.head("/cases")
    assert len(flask_requests) == handled
    assert head.status_code == 200 and head.data == b""
    assert _header_set(head) == _header_set(get)
    assert head.headers["Content-Length"] == str(len(get.data))


@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_a_session_or_remember_cookie_is_never_answered_from_the_cache(
    cached, client, db, flask_requests, cookie
):
    _case(db)
    client.get("/cases")
    assert client.get("/cases").headers["X-Page-Cache"] == "hit"
    client.set_cookie(cookie, "someone")
    handled = len(flask_requests)
    response = client.get("/cases")
    assert len(flask_requests) == handled + 1  # Flask answered it
    assert "X-Page-Cache" not in response.headers


def test_another_cookie_does_not_keep_a_reader_from_the_cache(cached, client, db):
    _case(db)
    client.get("/cases")
    client.set_cookie("theme", "dark")
    assert client.get("/cases").headers["X-Page-Cache"] == "hit"


def test_a_signed_in_users_page_never_comes_from_the_front_door(cached, app, client, users, db):
    _case(db)
    client.get("/cases")
    editor = app.test_client()
    editor.post("/login", data={"email": users["editor"].email, "password": PASSWORD})
    page = editor.get("/cases")
    assert "X-Page-Cache" not in page.headers and "Sign out" in page.get_data(as_text=True)


def test_publish_unpublish_and_edit_are_never_answered_stale(cached, client, db):
    case = _case(db, title="First title")
    path = f"/cases/{case.id}"
    client.get(path)
    assert client.get(path).headers["X-Page-Cache"] == "hit"
    editing.save(case, {"title": "Second title"})
    db.session.commit()
    assert "Second title" in client.get(path).get_data(as_text=True)
    assert client.get(path).headers["X-Page-Cache"] == "hit"
    unpublish(case)
    db.session.commit()
    assert client.get(path).status_code == 404
    assert "Second title" not in client.get("/cases").get_data(as_text=True)
    publish(case)
    db.session.commit()
    assert "Second title" in client.get("/cases").get_data(as_text=True)


def test_not_answered_while_the_cache_is_off(cached, client, db, flask_requests):
    _case(db)
    client.get("/cases")
    cached.config["PAGE_CACHE_ENABLED"] = False
    handled = len(flask_requests)
    assert "X-Page-Cache" not in client.get("/cases").headers
    assert len(flask_requests) == handled + 1


def test_post_is_never_answered_from_the_cache(cached, client, db, flask_requests):
    _case(db)
    client.get("/cases")
    handled = len(flask_requests)
    response = client.post("/cases")
    assert response.status_code != 200 and len(flask_requests) == handled + 1


def test_a_host_flask_refuses_is_refused_on_a_hit_too(cached, client, db):
    _case(db)
    cached.config["TRUSTED_HOSTS"] = ["localhost"]
    client.get("/cases")
    assert client.get("/cases").headers["X-Page-Cache"] == "hit"
    assert client.get("/cases", headers={"Host": "evil.example"}).status_code == 400


def test_a_value_that_cannot_be_read_goes_on_to_flask(cached, client, db, monkeypatch):
    _case(db)
    client.get("/cases")
    store = page_store(cached)
    monkeypatch.setattr(store, "get", lambda key: b"not json\n<html>")
    response = client.get("/cases")
    assert response.status_code == 200 and "Front door case" in response.get_data(as_text=True)


def test_redis_away_never_takes_the_site_down(cached, client, db):
    _case(db)
    cached.config["PAGE_CACHE_REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    cached.extensions.pop("page_cache", None)
    for _ in range(3):
        response = client.get("/cases")
        assert response.status_code == 200 and "Front door case" in response.get_data(as_text=True)


def test_with_redis_a_second_servers_front_door_answers(cached, database_url, db, redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    _case(db)
    servers = servers_sharing_redis(database_url, redis_url)
    answers = []
    for server in servers:
        with server.app_context():
            client = server.test_client()
            answers += [client.get("/cases"), client.get("/cases")]
            _db.session.remove()
    assert [answer.headers["X-Page-Cache"] for answer in answers] == ["miss", "hit", "hit", "hit"]
    assert len({answer.data for answer in answers}) == 1


def test_the_in_process_cache_keeps_to_its_byte_bound():
    from tracker.pagecache.store import MemoryStore

    store = MemoryStore(size=100, max_bytes=1000)
    for number in range(10):
        store.set(f"page {number}", b"x" * 300)
    assert store.bytes <= 1000 and len(store.entries) == 3
    assert store.get("page 9") is not None and store.get("page 0") is None
    store.set("page 9", b"y" * 100)  # replaced: its old size is no longer counted
    assert store.bytes == 700
    store.set("too big", b"z" * 1001)  # larger than the whole bound: not kept
    assert store.get("too big") is None and store.bytes == 700


def test_with_redis_a_hit_found_in_the_process_asks_redis_nothing(cached, client, db, redis_url):
    cached.config["REDIS_URL"] = redis_url
    cached.extensions.pop("page_cache", None)
    _case(db)
    client.get("/cases")
    store = page_store(cached)
    asked = []
    far_get = store.far.get
    store.far.get = lambda key: asked.append(key) or far_get(key)
    assert client.get("/cases").headers["X-Page-Cache"] == "hit"
    assert asked == []
    store.near.entries.clear()  # another worker's page: found in Redis, then kept here
    assert client.get("/cases").headers["X-Page-Cache"] == "hit"
    assert client.get("/cases").headers["X-Page-Cache"] == "hit"
    assert len(asked) == 1
