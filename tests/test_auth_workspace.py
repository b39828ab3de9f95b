"""Sign-in hardening, the failed sign-in limit, passwords, invitations and user admin."""

import uuid
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from tests.conftest import PASSWORD, make_user
from tests.manage_helpers import text
from tracker import create_app
from tracker.auth.invitations import create_invitation, token_hash
from tracker.extensions import db
from tracker.extensions import limiter as _limiter
from tracker.models import Invitation, User
from tracker.models.base import utcnow


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https:evil.example"])
def test_next_to_another_site_is_ignored(client, users, target):
    response = client.post(
        "/login", data={"email": "volunteer@example.org", "password": PASSWORD, "next": target}
    )
    assert response.headers["Location"] == "/manage/"  # a volunteer lands on the workspace


def test_next_local_path_is_followed_and_session_renewed(client, users):
    with client.session_transaction() as session:
        session["planted"] = "fixation"
    response = client.post(
        "/login",
        data={"email": "volunteer@example.org", "password": PASSWORD, "next": "/manage/"},
    )
    assert response.headers["Location"] == "/manage/"
    with client.session_transaction() as session:
        assert "planted" not in session


def test_remember_me_lasts_at_most_thirty_days(client, users):
    response = client.post(
        "/login",
        data={"email": "volunteer@example.org", "password": PASSWORD, "remember": "y"},
    )
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember"))
    assert "HttpOnly" in cookie
    expires = next(part for part in cookie.split("; ") if part.startswith("Expires="))
    lasts = parsedate_to_datetime(expires.split("=", 1)[1]) - datetime.now(UTC)
    assert timedelta(days=29) < lasts <= timedelta(days=30)


def test_one_message_for_wrong_email_password_or_disabled(client, users):
    make_user("volunteer", email="gone@example.org", active=False)
    answers = set()
    for email, password in [
        ("nobody@example.org", PASSWORD),
        ("volunteer@example.org", "wrong password here"),
        ("gone@example.org", PASSWORD),
    ]:
        page = text(client.post("/login", data={"email": email, "password": password}))
        answers.add("That email and password do not match an active account." in page)
    assert answers == {True}


def _limited_app(database_url, **extra):
    """An app with rate limits on (the test config turns them off)."""
    return create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": True,
            "LOGIN_RATE_LIMIT": "3 per 15 minutes",
            "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            **extra,
        }
    )


def _exercise_limit(limited):
    """Three failures per account are allowed; the fourth gets the 429 page."""
    client = limited.test_client()
    for _ in range(3):
        response = client.post("/login", data={"email": "volunteer@example.org", "password": "x"})
        assert response.status_code == 200
    response = client.post("/login", data={"email": "volunteer@example.org", "password": "x"})
    assert response.status_code == 429
    page = text(response)
    assert "Try again in 15 minutes" in page or "Try again in 14 minutes" in page
    assert int(response.headers["Retry-After"]) > 0
    # The same address is also blocked for another account; another address is not blocked
    # for a fresh account.
    other = client.post("/login", data={"email": "editor@example.org", "password": "x"})
    assert other.status_code == 429
    elsewhere = limited.test_client()
    ok = elsewhere.post(
        "/login",
        data={"email": "editor@example.org", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert ok.status_code == 302
    locked = elsewhere.post(
        "/login",
        data={"email": "volunteer@example.org", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.10"},
    )
    assert locked.status_code == 429  # per-account limit, whatever the address


def test_failed_sign_ins_are_limited_in_memory(app, users, database_url):
    limited = _limited_app(database_url)
    with limited.app_context():
        _exercise_limit(limited)
        _limiter.reset()


def test_failed_sign_ins_are_limited_in_redis(app, users, database_url, redis_url):
    limited = _limited_app(database_url, RATELIMIT_STORAGE_URI=redis_url)
    with limited.app_context():
        _exercise_limit(limited)
        _limiter.reset()


def test_successful_sign_in_is_not_counted(app, users, database_url):
    limited = _limited_app(database_url)
    with limited.app_context():
        client = limited.test_client()
        for _ in range(5):
            response = client.post(
                "/login", data={"email": "volunteer@example.org", "password": PASSWORD}
            )
            assert response.status_code == 302
            client.post("/logout")
        _limiter.reset()


def test_post_without_csrf_token_is_refused(users, database_url):
    strict = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
        }
    )
    with strict.app_context():
        client = strict.test_client()
        response = client.post(
            "/login", data={"email": "volunteer@example.org", "password": PASSWORD}
        )
        assert response.status_code == 400
        assert client.post("/logout").status_code == 400
        assert client.post("/manage/agency/new", data={"name": "x"}).status_code == 400
        db.session.remove()


def test_change_own_password(client, auth, users):
    auth.login_as(users["volunteer"])
    page = text(
        client.post(
            "/account/password",
            data={"current": "wrong", "password": "short", "confirm": "different"},
        )
    )
    assert "Use at least 12 characters." in page
    page = text(
        client.post(
            "/account/password",
            data={
                "current": "wrong",
                "password": "a new long password",
                "confirm": "a new long password",
            },
        )
    )
    assert "That is not your current password." in page
    response = client.post(
        "/account/password",
        data={
            "current": PASSWORD,
            "password": "a new long password",
            "confirm": "a new long password",
        },
    )
    assert response.status_code == 302
    db.session.refresh(users["volunteer"])
    assert users["volunteer"].check_password("a new long password")


def test_a_new_password_signs_out_the_other_sessions(app, users):
    from tests.manage_helpers import separate_sessions

    separate_sessions(app)
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        device.post("/login", data={"email": users["editor"].email, "password": PASSWORD})
        assert device.get("/manage/").status_code == 200
    response = laptop.post(
        "/account/password",
        data={"current": PASSWORD, "password": "another long pass", "confirm": "another long pass"},
    )
    assert response.status_code == 302
    assert laptop.get("/manage/").status_code == 200  # the device that changed it stays in
    assert phone.get("/manage/").status_code == 302  # the other one must sign in again


def test_admin_invites_a_user_who_sets_a_password(client, auth, users):
    auth.login_as(users["admin"])
    page = text(
        client.post(
            "/manage/users/invite",
            data={"email": "New.Person@example.org", "name": "New", "role": "volunteer"},
        )
    )
    assert "/invite/" in page
    link = page.split('value="', 1)[1].split("/invite/", 1)[1].split('"', 1)[0]
    invitation = db.session.query(Invitation).one()
    assert invitation.token_hash == token_hash(link)
    assert link not in invitation.token_hash
    assert invitation.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None) > timedelta(
        days=6
    )
    auth.logout()
    page = text(client.post(f"/invite/{link}", data={"password": "short", "confirm": "short"}))
    assert "Use at least 12 characters." in page
    response = client.post(
        f"/invite/{link}",
        data={"password": "a long new password", "confirm": "a long new password"},
    )
    assert response.status_code == 302
    assert client.get(f"/invite/{link}").status_code == 404  # used once
    assert auth.login("new.person@example.org", "a long new password").status_code == 302


def test_expired_invitation_is_refused(client, users):
    user = make_user("volunteer", email="late@example.org")
    token = create_invitation(user, users["admin"])
    db.session.commit()
    invitation = db.session.query(Invitation).one()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.get(f"/invite/{token}")
    assert response.status_code == 404
    assert "expired" in text(response)


def test_duplicate_invitation_email(client, auth, users):
    auth.login_as(users["admin"])
    response = client.post(
        "/manage/users/invite", data={"email": "editor@example.org", "role": "volunteer"}
    )
    assert response.status_code == 200
    assert "There is already an account with this email." in text(response)


def test_roles_disable_and_last_admin(client, auth, users):
    auth.login_as(users["admin"])
    volunteer, admin = users["volunteer"], users["admin"]
    client.post(f"/manage/users/{volunteer.id}/role", data={"role": "editor", "confirmed": "yes"})
    client.post(f"/manage/users/{volunteer.id}/active", data={"confirmed": "yes"})
    db.session.expire_all()
    volunteer = db.session.get(User, volunteer.id)
    assert (volunteer.role, volunteer.active) == ("editor", False)
    client.post(f"/manage/users/{volunteer.id}/active")  # enabling asks nothing
    db.session.expire_all()
    assert db.session.get(User, volunteer.id).active is True

    page = text(
        client.post(
            f"/manage/users/{admin.id}/role",
            data={"role": "editor", "confirmed": "yes"},
            follow_redirects=True,
        )
    )
    assert "No other active admin can sign in" in page
    assert "must stay admin" in page
    page = text(
        client.post(
            f"/manage/users/{admin.id}/active", data={"confirmed": "yes"}, follow_redirects=True
        )
    )
    assert "No other active admin can sign in" in page
    assert "cannot be disabled" in page
    db.session.expire_all()
    admin = db.session.get(User, admin.id)
    assert (admin.role, admin.active) == ("admin", True)


def test_new_sign_in_link_for_an_existing_user(client, auth, users):
    auth.login_as(users["admin"])
    page = text(client.post(f"/manage/users/{users['volunteer'].id}/reinvite"))
    token = page.split("/invite/", 1)[1].split('"', 1)[0]
    auth.logout()
    response = client.post(
        f"/invite/{token}",
        data={"password": "a brand new password", "confirm": "a brand new password"},
    )
    assert response.status_code == 302
    assert auth.login("volunteer@example.org", "a brand new password").status_code == 302
