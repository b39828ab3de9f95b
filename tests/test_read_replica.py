"""Public pages read from a replica when ``DATABASE_REPLICA_URL`` is set (tracker/replica.py).

The "replica" here is a second database that is deliberately different from the primary: a
published case lives only in it. A public page that shows the case read the replica; the
workspace, which must never read a replica, does not find it.
"""

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from tests.conftest import AuthActions, _migrate, make_user, postgres_database
from tests.factories import make_case
from tracker import create_app
from tracker.extensions import db
from tracker.models import Case
from tracker.records.visibility import public_view
from tracker.replica import READS_FROM_REPLICA, REPLICA_BIND


@pytest.fixture(scope="module")
def replica_url(database_url, tmp_path_factory):
    """A second migrated database on the same backend as the test database; dropped after."""
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path_factory.mktemp('replica') / 'replica.db'}"
        _migrate(url)
        yield url
        return
    with postgres_database("tracker_test_replica") as url:
        _migrate(url)
        yield url


@pytest.fixture
def case_on_replica(replica_url):
    """The id of a published case written to the replica only (emptied again after)."""
    other = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": replica_url})
    with other.app_context():
        case = make_case(publish=True, title="Seen on the replica")
        db.session.commit()
        case_id = case.id
        db.session.remove()
    yield case_id
    with other.app_context():
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def app_with_replica(app, replica_url):
    """The test app, its public pages reading ``replica_url``."""
    # Flask-SQLAlchemy makes its engines in init_app: a second app on the same primary.
    with_replica = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SQLALCHEMY_BINDS": {REPLICA_BIND: replica_url},
        }
    )
    with with_replica.app_context():
        yield with_replica
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def test_public_pages_read_the_replica(app_with_replica, case_on_replica):
    """The case exists only on the replica: its public page, list and API answer show it."""
    client = app_with_replica.test_client()
    page = client.get(f"/cases/{case_on_replica}")
    assert page.status_code == 200
    assert b"Seen on the replica" in page.data
    assert b"Seen on the replica" in client.get("/cases").data
    answer = client.get(f"/api/v1/cases/{case_on_replica}")
    assert answer.status_code == 200
    assert answer.get_json()["data"]["title"] == "Seen on the replica"


def test_the_workspace_never_reads_the_replica(app_with_replica, case_on_replica):
    """An editor's case file reads the primary, where the case does not exist."""
    editor = make_user("editor")
    client = app_with_replica.test_client()
    AuthActions(client).login_as(editor)
    assert client.get("/manage/").status_code == 200  # signed in
    assert client.get(f"/manage/cases/{case_on_replica}").status_code == 404


def test_a_write_sends_the_rest_of_the_session_to_the_primary(app_with_replica):
    """SELECTs go to the replica until the session writes; then it reads its own writes."""
    replica, primary = db.engines[REPLICA_BIND], db.engines[None]
    with public_view():
        session = db.session()
        assert session.info[READS_FROM_REPLICA] is True
        assert session.get_bind(clause=select(Case.id)) is replica
        assert session.get_bind() is primary  # which dialect: no statement, routing stays on
        assert session.get_bind(clause=select(Case.id)) is replica
        assert session.get_bind(clause=text("SELECT 1")) is primary
        assert session.get_bind(clause=select(Case.id)) is primary


def test_without_a_replica_everything_reads_the_primary(app):
    """No DATABASE_REPLICA_URL: the public session reads the one database."""
    with public_view():
        session = db.session()
        assert not session.info.get(READS_FROM_REPLICA)
        assert session.get_bind(clause=select(Case.id)) is db.engines[None]


def test_the_setting_comes_from_the_environment():
    """DATABASE_REPLICA_URL becomes the replica bind, with the PostgreSQL driver."""
    from config import environment_overrides

    overrides = environment_overrides({"DATABASE_REPLICA_URL": "postgresql://reader@replica/db"})
    assert make_url(overrides["SQLALCHEMY_BINDS"][REPLICA_BIND]).drivername == (
        "postgresql+psycopg"
    )
