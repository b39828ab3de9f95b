"""Settings: environments, the secret key, database URLs and SQLite connection settings."""

import pytest
from sqlalchemy import text

from config import environment_overrides, normalise_database_url
from tracker import create_app
from tracker.extensions import db


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"TRACKER_ENV": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_starts_with_a_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    app = create_app({"TRACKER_ENV": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_development_creates_a_secret_key_once(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr("tracker.INSTANCE_DIR", tmp_path)
    settings = {"TRACKER_ENV": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    first = create_app(settings).config["SECRET_KEY"]
    second = create_app(settings).config["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_unknown_environment_is_a_clear_error():
    with pytest.raises(RuntimeError, match="TRACKER_ENV"):
        create_app({"TRACKER_ENV": "staging"})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_urls_get_the_psycopg_driver(url, expected):
    assert normalise_database_url(url) == expected


def test_environment_overrides_are_read_at_call_time():
    overrides = environment_overrides(
        {"DATABASE_URL": "postgres://x/y", "SECRET_KEY": "k", "REDIS_URL": "redis://r:6379/0"}
    )
    assert overrides == {
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://x/y",
        "SECRET_KEY": "k",
        "REDIS_URL": "redis://r:6379/0",
        "RATELIMIT_STORAGE_URI": "redis://r:6379/0",
    }
    assert environment_overrides({"LOGIN_RATE_LIMIT": "5 per minute"}) == {
        "LOGIN_RATE_LIMIT": "5 per minute"
    }


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    app = create_app(
        {"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 't.db'}"}
    )
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_wsgi_module_exposes_the_app(monkeypatch, tmp_path):
    import importlib

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'wsgi.db'}")
    monkeypatch.setenv("SECRET_KEY", "wsgi-test-key")
    wsgi = importlib.import_module("wsgi")
    assert wsgi.app.name == "tracker"


@pytest.mark.parametrize(
    ("value", "expected"), [("0", False), ("false", False), ("1", True), ("On", True)]
)
def test_the_page_cache_can_be_turned_off_from_the_environment(value, expected):
    overrides = environment_overrides(
        {"PAGE_CACHE_ENABLED": value, "PAGE_CACHE_STAMP_SECONDS": "0"}
    )
    assert overrides == {"PAGE_CACHE_ENABLED": expected, "PAGE_CACHE_STAMP_SECONDS": 0}


def test_a_setting_that_is_not_a_yes_or_no_is_a_clear_error():
    with pytest.raises(RuntimeError, match="PAGE_CACHE_ENABLED='maybe' must be 1 or 0"):
        environment_overrides({"PAGE_CACHE_ENABLED": "maybe"})
