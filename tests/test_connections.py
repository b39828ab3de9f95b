"""What a PostgreSQL connection costs beyond its statements (tracker/connections.py).

Public sessions read in autocommit (no BEGIN, no ROLLBACK) and go back to a transaction at the
first write; a pooled connection is pinged only when the server left something on its socket
or it sat idle long enough; a connection the server ended is replaced, not handed out.
"""

import time

import pytest
from sqlalchemy import create_engine, event, select, text

from tests.factories import make_case
from tracker.extensions import db
from tracker.models import Case
from tracker.records.visibility import public_view

pytestmark = pytest.mark.postgresql_only  # SQLite connections are left alone


def _watch_modes(engine):
    """Record (autocommit?, statement) for each statement the engine runs; returns the list."""
    seen = []

    def before(conn, cursor, statement, parameters, context, executemany):
        """Note whether the statement runs outside a transaction."""
        seen.append((conn.connection.driver_connection.autocommit, statement.split()[0]))

    event.listen(engine, "before_cursor_execute", before)
    return seen


def test_public_pages_read_without_a_transaction(app, client):
    """Every statement of a public page runs in autocommit; the connection goes back out of it."""
    case = make_case(publish=True)
    db.session.commit()
    case_id = case.id
    db.session.remove()
    seen = _watch_modes(db.engine)
    assert client.get(f"/cases/{case_id}").status_code == 200
    assert client.get("/api/v1/complaints").status_code == 200
    assert seen and all(autocommit for autocommit, _ in seen)
    with db.engine.connect() as connection:  # the pooled connection is back in a transaction
        assert connection.connection.driver_connection.autocommit is False


def test_the_workspace_keeps_its_transactions(app, client, auth, users):
    """Signed-in pages outside the public blueprints run in a transaction as before."""
    auth.login("volunteer@example.org")
    seen = _watch_modes(db.engine)
    assert client.get("/manage/").status_code == 200
    assert seen and not any(autocommit for autocommit, _ in seen)


def test_a_write_in_a_public_session_gets_a_transaction(app):
    """After a read in autocommit, a flush starts a transaction: a rollback undoes it."""
    seen = _watch_modes(db.engine)
    with public_view():
        db.session.scalars(select(Case)).all()
        db.session.add(Case(title="Never kept", case_kind="use_of_force", status="published"))
        db.session.flush()
        assert db.session.connection().connection.driver_connection.autocommit is False
        db.session.rollback()
    assert seen[0] == (True, "SELECT")
    assert (False, "INSERT") in seen
    assert db.session.scalars(select(Case).where(Case.title == "Never kept")).first() is None


def test_a_committed_write_in_a_public_session_is_kept(app):
    """The multi-case report's way: a public session adds a row and commits it."""
    with public_view():
        db.session.scalars(select(Case)).all()
        db.session.add(Case(title="Kept", case_kind="use_of_force", status="published"))
        db.session.commit()
    db.session.remove()
    assert db.session.scalars(select(Case).where(Case.title == "Kept")).first() is not None


def test_no_ping_on_a_warm_checkout(app, client, monkeypatch):
    """A connection just back in the pool is handed out again without a round trip."""
    client.get("/api/v1/complaints")
    pings = []
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda conn: pings.append(conn) or True)
    for _ in range(3):
        client.get("/api/v1/complaints")
    assert pings == []


def test_a_connection_the_server_ended_is_replaced(app, client):
    """After the server ends every pooled connection, the next page still works."""
    assert client.get("/api/v1/complaints").status_code == 200
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with admin.connect() as connection:
        ended = connection.execute(text(f"SELECT count(pg_terminate_backend(pid)) {others}"))
        assert ended.scalar() >= 1
        for _ in range(100):  # until the server has really ended them
            if not connection.execute(text(f"SELECT count(*) {others}")).scalar():
                break
            time.sleep(0.02)
    admin.dispose()
    for _ in range(2):
        assert client.get("/api/v1/complaints").status_code == 200


def test_frequent_statements_are_prepared_once_per_connection(app, client):
    """Past POSTGRESQL_PREPARE_THRESHOLD runs a page's statements are prepared on the server."""
    threshold = app.config["POSTGRESQL_PREPARE_THRESHOLD"]
    for _ in range(threshold + 2):
        assert client.get("/api/v1/complaints").status_code == 200
    with db.engine.connect() as connection:  # the one pooled connection the pages used
        assert connection.connection.driver_connection.prepare_threshold == threshold
        prepared = connection.execute(text("SELECT count(*) FROM pg_prepared_statements"))
        assert prepared.scalar() >= 1


def test_a_threshold_of_zero_prepares_nothing(database_url):
    """POSTGRESQL_PREPARE_THRESHOLD=0: every statement is planned each time, as before."""
    from tracker import create_app

    other = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "POSTGRESQL_PREPARE_THRESHOLD": 0,
        }
    )
    with other.app_context():
        client = other.test_client()
        for _ in range(8):
            assert client.get("/api/v1/complaints").status_code == 200
        with db.engine.connect() as connection:
            assert connection.connection.driver_connection.prepare_threshold is None
            prepared = connection.execute(text("SELECT count(*) FROM pg_prepared_statements"))
            assert prepared.scalar() == 0
        db.session.remove()
        db.engine.dispose()
