"""The police accountability records tracker: the application factory.

``create_app`` runs named ``configure_*`` steps in order; nothing here runs at import time, and
migrations are never applied by the factory (``flask db upgrade`` does that).
"""

import importlib
import logging
import secrets
import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event

from config import INSTANCE_DIR, config_for, environment_overrides

BASE_DIR = Path(__file__).resolve().parent.parent


def create_app(config=None):
    """Build the tracker application.

    ``config`` is a mapping of settings applied last; its ``TRACKER_ENV`` key (or the
    environment variable of that name) picks development, testing or production defaults.
    """
    config = dict(config or {})
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(BASE_DIR / "templates"),
        static_folder="static",
    )
    settings = config_for(config.get("TRACKER_ENV"))
    app.config.from_object(settings)
    app.config.update(environment_overrides())
    app.config.update(config)
    configure_secret_key(app)
    configure_logging(app)
    configure_proxies(app)
    configure_extensions(app)
    configure_requests(app)
    configure_features(app)
    configure_template_helpers(app)
    configure_error_handlers(app)
    return app


def configure_secret_key(app):
    """Require a real key in production; in development create one once under ``instance/``."""
    if app.config.get("SECRET_KEY"):
        return
    if app.config["ENV_NAME"] == "production":
        raise RuntimeError(
            "SECRET_KEY is not set. Production refuses to start without a real secret key: "
            "set SECRET_KEY to a long random value (python -c 'import secrets; "
            "print(secrets.token_hex(32))')."
        )
    key_file = Path(app.instance_path) / "secret_key"
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def configure_logging(app):
    """Log at INFO to stderr, where gunicorn and ``make run`` collect it."""
    if not app.debug and not app.testing:
        app.logger.setLevel(logging.INFO)


def configure_proxies(app):
    """Trust the X-Forwarded-For and X-Forwarded-Proto of ``TRUSTED_PROXIES`` proxies.

    Werkzeug's ProxyFix then gives the client's own address and scheme to the rate limits
    and to the links the app builds.
    """
    from config import proxy_count

    count = proxy_count(app.config.get("TRUSTED_PROXIES") or 0)
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0)


def configure_extensions(app):
    """Bind the database, migrations, sign-in, CSRF and rate limits to ``app``."""
    from tracker import models  # noqa: F401  (registers every table on the metadata)
    from tracker.extensions import csrf, db, limiter, login_manager, migrate

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    from tracker.models.search import include_object

    migrate.init_app(
        app,
        db,
        directory=str(BASE_DIR / "migrations"),
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,  # full-text tables the migrations create by hand
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to open the volunteers' workspace."
    login_manager.login_message_category = "info"

    from tracker.models import User
    from tracker.replica import TrackerSession

    @login_manager.user_loader
    def load_user(session_id):
        """The active user whose "id:version" this is, or None (a stale version signs out)."""
        user_id, _, version = session_id.partition(":")
        if not (user_id.isdigit() and version.isdigit()):
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.is_active or user.session_version != int(version):
            return None
        return user

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", tune_sqlite_connection)
    from tracker.connections import watch_connections, watch_sessions

    watch_sessions(TrackerSession)
    with app.app_context():
        for engine in db.engines.values():  # the primary, and a read replica if any
            watch_connections(
                engine,
                app.config["DATABASE_PING_IDLE_SECONDS"],
                app.config.get("POSTGRESQL_PREPARE_THRESHOLD"),
            )
    workers = app.config.get("POSTGRESQL_PARALLEL_WORKERS")
    if workers is not None:
        with app.app_context():
            for engine in db.engines.values():  # the primary, and a read replica if any
                if engine.dialect.name == "postgresql":
                    event.listen(engine, "connect", _parallel_workers(int(workers)))


def tune_sqlite_connection(dbapi_connection, connection_record):
    """Turn on WAL, foreign keys and a busy timeout on every SQLite connection."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _parallel_workers(workers):
    """A ``connect`` hook: PostgreSQL's parallel workers per query on this connection.

    The app's queries read a few index entries each; starting parallel workers costs more than
    it saves (the filtered case list: 55-75 ms with two workers on a busy two-core server, 2-10
    ms without; the rows were the same 25).
    """

    def connect(dbapi_connection, connection_record):
        """Set it for the connection's whole life, outside any transaction."""
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True  # a SET in a rolled-back transaction is undone
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET max_parallel_workers_per_gather = {workers:d}")
        dbapi_connection.autocommit = autocommit

    return connect


def configure_requests(app):
    """Bound URL ids to what the database holds and refuse NUL characters (before routes)."""
    from tracker.request_guards import register_request_hygiene

    register_request_hygiene(app)


# Each feature wires its own blueprint, hooks and commands in its ``init_app``; the order is
# the order of URL matching and of the hooks.
FEATURES = (
    "tracker.security",
    "tracker.records",
    "tracker.deadlines",
    "tracker.search",
    "tracker.public",
    "tracker.demands",
    "tracker.auth",
    "tracker.cases",
    "tracker.officers",
    "tracker.kind_pages",  # the public pages of each kind that declares its own (meetings)
    "tracker.calendar",
    "tracker.sources",
    "tracker.sharing",
    "tracker.manage",
    "tracker.reports",
    "tracker.data",
    "tracker.api",
    "tracker.imports",
    "tracker.fatalforce",
    "tracker.demo",
    "tracker.worldgen",
    "tracker.backup",
    "tracker.jobs",
    "tracker.planner",
    # Last: its before_request is put first of all (a cache hit is answered before the rate
    # limiter and the public view's session), and its after_request runs first, before the
    # security headers are added.
    "tracker.pagecache",
)


def configure_features(app):
    """Let each feature register itself on ``app``."""
    for name in FEATURES:
        importlib.import_module(name).init_app(app)


def configure_template_helpers(app):
    """Expose filters and globals the templates share."""
    from tracker.templating import register_template_helpers

    register_template_helpers(app)


def configure_error_handlers(app):
    """Serve the helpful 404, 403, 429 and 500 pages."""
    from tracker.errors import register_error_handlers

    register_error_handlers(app)
