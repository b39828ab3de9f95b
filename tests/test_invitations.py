"""Invitation links: a new one voids the older ones; a link is used once, even under a race.

Issue 9, point 8. The race is staged with real concurrent requests to a served app, on
PostgreSQL only (``server_database``: SQLite serialises writers, so it cannot race).
"""

import http.client
import threading
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import select, text

from tests.conftest import make_user
from tests.manage_helpers import text as page_text
from tracker.auth.invitations import create_invitation, token_hash
from tracker.extensions import db
from tracker.models import Invitation, User
from tracker.models.base import utcnow

REVISION = "863b190aa79f"  # the migration that adds invitations.revoked_at


def _link_token(page):
    """The invitation token shown on the users page."""
    return page.split("/invite/", 1)[1].split('"', 1)[0]


def test_a_new_sign_in_link_voids_the_older_ones(client, auth, users):
    auth.login_as(users["admin"])
    url = f"/manage/users/{users['volunteer'].id}/reinvite"
    first = _link_token(page_text(client.post(url)))
    second = _link_token(page_text(client.post(url)))
    auth.logout()
    response = client.get(f"/invite/{first}")
    assert response.status_code == 404
    assert "replaced by a newer link" in page_text(response)
    password = "the newest link works"
    response = client.post(f"/invite/{second}", data={"password": password, "confirm": password})
    assert response.status_code == 302
    assert auth.login("volunteer@example.org", password).status_code == 302


def test_create_invitation_revokes_only_that_users_unused_links(app, users):
    volunteer, editor = users["volunteer"], users["editor"]
    used = create_invitation(volunteer, users["admin"])
    db.session.commit()
    db.session.scalars(select(Invitation)).one().used_at = utcnow()
    db.session.commit()
    older = create_invitation(volunteer, users["admin"])
    others = create_invitation(editor, users["admin"])
    db.session.commit()
    newer = create_invitation(volunteer, users["admin"])
    db.session.commit()
    by_token = {
        name: db.session.scalars(
            select(Invitation).where(Invitation.token_hash == token_hash(token))
        ).one()
        for name, token in [("used", used), ("older", older), ("others", others), ("newer", newer)]
    }
    assert by_token["used"].revoked_at is None and by_token["used"].used_at is not None
    assert by_token["older"].revoked_at is not None
    assert by_token["others"].revoked_at is None  # another user's link is untouched
    assert by_token["newer"].revoked_at is None


def _post_form(base, path, fields):
    """POST ``fields`` to ``base + path`` without following redirects; return the status."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.server_database
def test_one_link_used_many_times_at_once_is_accepted_once(app, users, server):
    user = make_user("volunteer", email="racer@example.org")
    token = create_invitation(user, users["admin"])
    db.session.commit()
    attempts = 8
    start = threading.Barrier(attempts)
    statuses = [None] * attempts

    def use_link(n):
        password = f"racing password number {n}"
        start.wait()
        statuses[n] = _post_form(
            server, f"/invite/{token}", {"password": password, "confirm": password}
        )

    threads = [threading.Thread(target=use_link, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [302] + [404] * (attempts - 1), statuses
    winner = statuses.index(302)
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.check_password(f"racing password number {winner}")
    invitation = db.session.scalars(select(Invitation).where(Invitation.user_id == user.id)).one()
    assert invitation.used_at is not None


def test_the_migration_keeps_only_each_users_newest_unused_link(app, users):
    from flask_migrate import downgrade, upgrade

    from tests.test_migrations import _script_directory

    # The ids first: once downgraded, the users table lacks columns the model has since gained.
    volunteer, editor = users["volunteer"].id, users["editor"].id
    db.session.close()
    downgrade(revision=_script_directory().get_revision(REVISION).down_revision)
    with db.engine.begin() as connection:
        for token, user_id, used in [
            ("a", volunteer, None),
            ("b", volunteer, None),
            ("c", volunteer, utcnow()),
            ("d", editor, None),
        ]:
            connection.execute(
                text(
                    "INSERT INTO invitations (user_id, token_hash, created_at, expires_at, "
                    "used_at) VALUES (:user_id, :hash, CURRENT_TIMESTAMP, "
                    "CURRENT_TIMESTAMP, :used)"
                ),
                {"user_id": user_id, "hash": token_hash(token), "used": used},
            )
    upgrade()
    revoked = {
        invitation.token_hash: invitation.revoked_at is not None
        for invitation in db.session.scalars(select(Invitation))
    }
    assert revoked == {
        token_hash("a"): True,
        token_hash("b"): False,
        token_hash("c"): False,
        token_hash("d"): False,
    }
