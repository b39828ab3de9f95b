"""Fixtures: ``app``, ``db``, ``client``, ``auth``, users of each role, and the databases.

Every test that asks for ``app`` runs once on SQLite and, when ``TEST_DATABASE_URL`` points at a
PostgreSQL server, once more on a database of its own that this run creates and drops. The schema
is built by the migrations (so every run also proves them); after each test every table is
emptied, so tests never see each other's rows.
"""

import contextlib
import os
import threading
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.serving import WSGIRequestHandler, make_server

from tracker import create_app
from tracker.extensions import db as _db
from tracker.models import User

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
PASSWORD = "correct horse battery staple"


# Tests that mean something on PostgreSQL only: ``server_database`` (SQLite serialises writers,
# so the concurrent writes those tests stage cannot happen there) and ``postgresql_only`` (what
# they check is PostgreSQL's, such as the shape of its query plans).
POSTGRESQL_ONLY_MARKERS = ("server_database", "postgresql_only")


def pytest_collection_modifyitems(config, items):
    """Run each database's own tests on it alone (deselected on the other, not skipped).

    ``sqlite_only``: what the test checks is SQLite's (its planner's statistics, say).
    """
    keep, drop = [], []
    for item in items:
        backend = getattr(item, "callspec", None) and item.callspec.params.get("database_url")
        only_postgresql = any(item.get_closest_marker(name) for name in POSTGRESQL_ONLY_MARKERS)
        only_sqlite = item.get_closest_marker("sqlite_only") is not None
        wrong = (backend == "sqlite" and only_postgresql) or (
            backend == "postgresql" and only_sqlite
        )
        (drop if wrong else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _postgres_server_url():
    """The ``TEST_DATABASE_URL`` server, with the psycopg 3 driver."""
    url = make_url(os.environ["TEST_DATABASE_URL"])
    return url.set(drivername="postgresql+psycopg")


@pytest.fixture(scope="session", autouse=True)
def _files_outside_the_checkout(tmp_path_factory):
    """Report caches and job progress files of every app the tests start (servers included)
    go to a temporary folder, not the checkout's ``instance/``: a run leaves nothing behind."""
    folder = tmp_path_factory.mktemp("instance")
    saved = {name: os.environ.get(name) for name in ("REPORT_CACHE_DIR", "JOBS_PROGRESS_DIR")}
    os.environ["REPORT_CACHE_DIR"] = str(folder / "report-cache")
    os.environ["JOBS_PROGRESS_DIR"] = str(folder / "job-progress")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    """A fresh, migrated database for this run on each backend; dropped at the end."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'tracker-test.db'}"
        _migrate(url)
        yield url
        return
    with postgres_database("tracker_test") as url:
        _migrate(url)
        yield url


@contextlib.contextmanager
def postgres_database(prefix):
    """A new, empty database on the ``TEST_DATABASE_URL`` server, dropped when the block ends."""
    server = _postgres_server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate(url):
    """Apply every migration to ``url``."""
    from flask_migrate import upgrade

    app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        _db.engine.dispose()


@pytest.fixture
def app(database_url):
    """The application on the test database, emptied again after the test."""
    app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        yield app
        _db.session.remove()
        _empty_all_tables()
        _db.engine.dispose()


def _empty_all_tables():
    """Delete every row, children first, so the next test starts from nothing."""
    with _db.engine.begin() as conn:
        for table in reversed(_db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def db(app):
    """The database extension, inside the app context."""
    return _db


@pytest.fixture
def client(app):
    """A test client for ``app``."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for ``app``'s ``flask`` commands."""
    return app.test_cli_runner()


def make_user(role, email=None, password=PASSWORD, active=True, name=None):
    """Create and commit a user with ``role``."""
    user = User(
        email=email or f"{role}-{uuid.uuid4().hex[:6]}@example.org",
        role=role,
        name=name or role.title(),
        active=active,
    )
    user.set_password(password)
    _db.session.add(user)
    _db.session.commit()
    return user


@pytest.fixture
def users(app):
    """One active user of each role: ``users["volunteer"]``, ``["editor"]``, ``["admin"]``."""
    return {
        role: make_user(role, email=f"{role}@example.org")
        for role in ("volunteer", "editor", "admin")
    }


class AuthActions:
    """Sign in and out through the real forms."""

    def __init__(self, client):
        """Act through ``client``."""
        self._client = client

    def login(self, email="volunteer@example.org", password=PASSWORD, **extra):
        """Post the sign-in form."""
        return self._client.post("/login", data={"email": email, "password": password, **extra})

    def login_as(self, user):
        """Sign in as ``user`` (made with the shared test password)."""
        return self.login(user.email)

    def logout(self):
        """Post the sign-out form."""
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    """Sign-in helpers for ``client``."""
    return AuthActions(client)


def unavailable(what):
    """Skip a test whose tool or service is missing here; under CI that is a failure instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required under CI")
    pytest.skip(f"{what} is not available")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """One headless Debian Chromium, driven by Playwright, per test module."""
    if not os.path.exists(CHROMIUM):
        unavailable(CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_violations(target):
    """Collect what Chromium reports as Content-Security-Policy violations on a page or context.

    Chromium logs each refusal to the console ("Refused to execute inline script because it
    violates the following Content Security Policy directive ..."); browser tests assert the
    list is empty when they are done.
    """
    found = []

    def check(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            found.append(f"{message.location.get('url')}: {message.text}")

    target.on("console", check)
    return found


class QuietHandler(WSGIRequestHandler):
    """Serve without logging every request."""

    def log(self, type, message, *args):
        """Say nothing."""


@pytest.fixture
def volunteer(auth, users):
    """Signed in as the volunteer."""
    auth.login_as(users["volunteer"])
    return users["volunteer"]


@pytest.fixture
def page(browser):
    """A fresh browser page; no page it visits may break the Content-Security-Policy."""
    context = browser.new_context()
    violations = csp_violations(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def server(app):
    """The app served on a free local port in a thread; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def redis_url():
    """``TEST_REDIS_URL`` (default db 15 on this machine), emptied first, when Redis answers.

    Module-wide, so the two-server test's module-wide servers can share it.
    """
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError:
        unavailable(f"Redis at {url}")
    return url


@pytest.fixture
def cached(app):
    """The page cache on, in this process, with the stamp remembered for a minute."""
    app.config.update(
        PAGE_CACHE_ENABLED=True,
        REDIS_URL=None,
        PAGE_CACHE_REDIS_URL=None,
        PAGE_CACHE_STAMP_SECONDS=60,
        STRICT_TRANSPORT_SECURITY="max-age=63072000; includeSubDomains",  # as in production
    )
    app.extensions.pop("page_cache", None)
    app.extensions.pop("page_cache_stamp", None)
    return app


@pytest.fixture
def demo(app):
    """The demo data, loaded as ``flask seed-demo`` loads it."""
    from tracker.demo.seed import load_demo_data

    load_demo_data(_db.session)
    return _db


@pytest.fixture
def renders(monkeypatch):
    """Count the PDF renders the report routes make (the titles, in order)."""
    from tracker.reports import routes as report_routes

    calls = []
    real = report_routes.render_pdf

    def counting(*args, **kwargs):
        calls.append(kwargs.get("title"))
        return real(*args, **kwargs)

    monkeypatch.setattr(report_routes, "render_pdf", counting)
    return calls
