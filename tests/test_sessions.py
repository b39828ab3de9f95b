"""Signing out ends the session everywhere; CSRF tokens expire (issue 9, point 1)."""

import re

import pytest
from itsdangerous import TimestampSigner

from tests.conftest import PASSWORD
from tests.manage_helpers import separate_sessions, text
from tracker import create_app
from tracker.extensions import db

EIGHT_HOURS = 8 * 3600


def _cookie(client, name):
    """The value of the client's cookie ``name`` (it must be set)."""
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    return cookie.value


def _with_cookie(app, name, value):
    """A new client carrying only the cookie ``name``."""
    client = app.test_client()
    client.set_cookie(name, value)
    return client


def test_sign_out_with_keep_me_signed_in_ends_session_and_remember_cookie(app, users):
    separate_sessions(app)
    client = app.test_client()
    response = client.post(
        "/login", data={"email": users["editor"].email, "password": PASSWORD, "remember": "y"}
    )
    assert response.status_code == 302
    session_cookie = _cookie(client, "session")
    remember_cookie = _cookie(client, "remember_token")
    assert client.get("/manage/").status_code == 200

    response = client.post("/logout")
    assert response.status_code == 302
    deleted = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert deleted and ("Max-Age=0" in deleted[0] or "1970" in deleted[0])
    assert client.get_cookie("remember_token") is None
    assert client.get("/manage/").status_code == 302  # signed out on this device

    # Copies taken before the sign-out (a stolen cookie, a second tab's jar) stop working too.
    assert _with_cookie(app, "session", session_cookie).get("/manage/").status_code == 302
    assert _with_cookie(app, "remember_token", remember_cookie).get("/manage/").status_code == 302

    # Signing in again works, with a new session.
    response = client.post("/login", data={"email": users["editor"].email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200


def test_sign_out_ends_the_sessions_of_the_account_on_every_device(app, users):
    separate_sessions(app)
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        device.post("/login", data={"email": users["volunteer"].email, "password": PASSWORD})
        assert device.get("/manage/").status_code == 200
    other_account = app.test_client()
    other_account.post("/login", data={"email": users["editor"].email, "password": PASSWORD})

    page = text(laptop.post("/logout", follow_redirects=True))
    assert "signed out" in page
    assert phone.get("/manage/").status_code == 302
    assert other_account.get("/manage/").status_code == 200  # only that account's sessions end


def test_signing_out_twice_or_without_an_account_is_harmless(app, client, users):
    assert client.post("/logout").status_code == 302
    client.post("/login", data={"email": users["volunteer"].email, "password": PASSWORD})
    assert client.post("/logout").status_code == 302
    assert client.post("/logout").status_code == 302


def _csrf_app(database_url):
    """An app that checks CSRF tokens (the test config turns them off)."""
    return create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
        }
    )


def _token(page):
    """The CSRF token of the first form on ``page``."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_the_csrf_time_limit_is_hours_not_forever():
    from config import Config

    assert Config.WTF_CSRF_TIME_LIMIT == EIGHT_HOURS


def test_a_form_open_for_longer_than_the_csrf_limit_is_refused_with_advice(
    users, database_url, monkeypatch
):
    strict = _csrf_app(database_url)
    with strict.app_context():
        client = strict.test_client()
        loaded_at = TimestampSigner("k").get_timestamp()
        token = _token(text(client.get("/login")))
        form = {"email": users["volunteer"].email, "password": PASSWORD, "csrf_token": token}

        monkeypatch.setattr(
            TimestampSigner, "get_timestamp", lambda self: loaded_at + EIGHT_HOURS + 60
        )
        response = client.post("/login", data=form)
        assert response.status_code == 400
        page = text(response)
        assert "open for more than 8 hours" in page
        assert "reload the page" in page

        monkeypatch.setattr(
            TimestampSigner, "get_timestamp", lambda self: loaded_at + EIGHT_HOURS - 60
        )
        assert client.post("/login", data=form).status_code == 302
        db.session.remove()


@pytest.mark.parametrize("path", ["/logout", "/manage/users/invite"])
def test_a_post_without_token_gets_the_advice_page(users, database_url, path):
    strict = _csrf_app(database_url)
    with strict.app_context():
        response = strict.test_client().post(path)
        assert response.status_code == 400
        assert "reload the page" in text(response)
        db.session.remove()
