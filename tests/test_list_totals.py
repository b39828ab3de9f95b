"""List totals kept per change of the data (tracker/kinds/keyset.py ``kept_total``)."""

from sqlalchemy import select

from tests import factories
from tracker.extensions import db
from tracker.kinds.keyset import kept_total
from tracker.models import Case
from tracker.records.visibility import public_view
from tracker.records.workflow import unpublish


def _total(client, path="/api/v1/cases"):
    """The total the API list reports."""
    return client.get(path).get_json()["meta"]["total"]


def test_a_kept_total_follows_publish_and_unpublish(app, client):
    first = factories.make_case(publish=True)
    db.session.commit()
    assert _total(client) == 1
    second = factories.make_case(publish=True)
    db.session.commit()
    assert _total(client) == 2
    unpublish(db.session.get(Case, first.id))
    db.session.commit()
    assert _total(client) == 1
    assert client.get("/cases").status_code == 200
    assert second.id


def test_a_signed_in_total_is_never_the_public_one(app):
    factories.make_case(publish=True)
    factories.make_case()  # a draft
    db.session.commit()
    statement = select(Case)
    assert kept_total(statement) == 2  # outside the boundary: drafts count
    with public_view():
        assert kept_total(statement) == 1
    assert kept_total(statement) == 2
