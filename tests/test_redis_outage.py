"""Redis away: sign-in and PDF reports keep working, and go back to Redis when it returns.

Issue 9, point 2. ``REDIS_URL`` points at a closed port for the outage; the recovery test
starts a Redis server of its own on a free port, stops it and starts it again.
"""

import logging
import shutil
import socket
import subprocess
import time
import uuid

import pytest

from tests import factories
from tests.conftest import PASSWORD, unavailable
from tracker import create_app
from tracker.extensions import db
from tracker.extensions import limiter as _limiter
from tracker.reports.cache import RedisCache

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _limited_app(database_url, redis, **extra):
    """An app with rate limits on, its counters and report cache in the Redis at ``redis``."""
    return create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": True,
            "LOGIN_RATE_LIMIT": "3 per 15 minutes",
            "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "RATELIMIT_STORAGE_URI": redis,
            "REDIS_URL": redis,
            **extra,
        }
    )


@pytest.fixture
def limiter():
    """The shared limiter, back on its own storage after the test.

    It is one object for every app this process builds, and remembers that its storage was
    dead.
    """
    yield _limiter
    _limiter._storage_dead = False


@pytest.fixture
def logs(caplog, monkeypatch):
    """The log records of this test, the app's and the limiter's included.

    Migrating a test database runs Alembic's logging setup, which disables every logger that
    exists by then (a server process never migrates); hear them again.
    """
    for name in ("flask-limiter", "tracker"):
        monkeypatch.setattr(logging.getLogger(name), "disabled", False)
    caplog.set_level(logging.INFO)
    return caplog


def _messages(logs, logger, words):
    """How many records of ``logger`` contain ``words``."""
    return sum(1 for r in logs.records if r.name == logger and words in r.getMessage().lower())


def _sign_in(client, email, password, address="127.0.0.1"):
    """Post the sign-in form from ``address``; return the status code."""
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    ).status_code


def test_sign_in_and_reports_work_with_redis_down(app, users, database_url, limiter, logs):
    down = _limited_app(database_url, CLOSED)
    with down.app_context():
        case = factories.make_case(publish=True, title="A published case")
        db.session.commit()
        case_id = case.id
        client = down.test_client()
        assert _sign_in(client, "volunteer@example.org", PASSWORD) == 302
        client.post("/logout")
        # The limits still hold, counted in this process: three failures, then 429.
        for _ in range(3):
            assert _sign_in(client, "volunteer@example.org", "wrong") == 200
        assert _sign_in(client, "volunteer@example.org", "wrong") == 429
        assert _sign_in(client, "editor@example.org", PASSWORD, "10.0.0.9") == 302

        for url in (f"/cases/{case_id}/report.pdf", "/cases/report.pdf", "/cases/report.pdf"):
            response = down.test_client().get(url)
            assert response.status_code == 200, url
            assert response.mimetype == "application/pdf"
        db.session.remove()
    # Logged once each, not per request.
    assert _messages(logs, "flask-limiter", "falling back to in-memory") == 1
    assert _messages(logs, "tracker", "redis is unreachable") == 1


def test_reports_skip_the_cache_while_redis_is_down(app, client, db, renders, logs):
    app.config["REDIS_URL"] = CLOSED
    case = factories.make_case(publish=True, title="Rendered every time")
    db.session.commit()
    for _ in range(3):
        response = client.get(f"/cases/{case.id}/report.pdf")
        assert response.status_code == 200
        assert response.data.startswith(b"%PDF")
    assert len(renders) == 3  # no cache: each request renders, none fails
    assert _messages(logs, "tracker", "redis is unreachable") == 1


class OwnRedis:
    """A Redis server this test starts and stops on a free port (it keeps no data)."""

    def __init__(self, binary, folder):
        """Pick a free port; nothing runs yet."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.binary, self.folder, self.process = binary, folder, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        """A redis-py client of this server."""
        import redis

        return redis.Redis.from_url(self.url)

    def start(self):
        """Start the server and wait until it answers."""
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except Exception:
                time.sleep(0.05)
        raise RuntimeError("the test's Redis did not start")

    def stop(self):
        """Stop the server (its data goes with it)."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, started."""
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("redis-server")
    server = OwnRedis(binary, tmp_path)
    server.start()
    yield server
    server.stop()


def test_limits_and_report_cache_go_back_to_redis_when_it_returns(
    app, users, database_url, limiter, own_redis, renders, logs, monkeypatch
):
    monkeypatch.setattr(RedisCache, "RETRY_SECONDS", 0)  # ask Redis again at once
    flaky = _limited_app(database_url, own_redis.url, LOGIN_RATE_LIMIT="50 per 15 minutes")
    with flaky.app_context():
        case = factories.make_case(publish=True, title="Cached in Redis")
        db.session.commit()
        report = f"/cases/{case.id}/report.pdf"
        client = flaky.test_client()

        def counters():
            return [key for key in own_redis.client().keys("*") if b"report:" not in key]

        def cached(response):
            key = response.headers["ETag"].strip('"')
            return own_redis.client().get(f"report:{key}") == response.data

        assert _sign_in(client, "volunteer@example.org", "wrong") == 200
        assert counters(), "the failed sign-in is counted in Redis"
        assert cached(client.get(report))

        own_redis.stop()
        assert _sign_in(client, "volunteer@example.org", "wrong") == 200
        assert client.get(report).status_code == 200
        assert _sign_in(client, "volunteer@example.org", PASSWORD) == 302
        client.post("/logout")

        own_redis.start()  # empty: it kept nothing
        # The limiter asks its storage again after a growing pause (1, 2, 4 ... seconds); do
        # not wait for it.
        limiter._Limiter__last_check_backend = 0
        assert _sign_in(client, "volunteer@example.org", "wrong") == 200
        assert counters(), "counting in Redis again"
        assert cached(client.get(report)), "caching in Redis again"
        db.session.remove()
    assert len(renders) == 3  # first, during the outage, and again into the empty Redis
    assert _messages(logs, "flask-limiter", "falling back to in-memory") == 1
    assert _messages(logs, "flask-limiter", "recovered") == 1
    assert _messages(logs, "tracker", "redis is unreachable") == 1
    assert _messages(logs, "tracker", "redis answers again") == 1
