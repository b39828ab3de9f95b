"""Sign-in limits behind proxies, the known-device rule, and equal hashing work.

Issue 9, points 6 (TRUSTED_PROXIES, a stranger cannot lock a known user out) and 7 (email
discovery by timing: counted in hash calls, never timed).
"""

import uuid

import pytest

from config import environment_overrides
from tests.conftest import PASSWORD, make_user
from tests.manage_helpers import text
from tracker import create_app
from tracker.extensions import db
from tracker.extensions import limiter as _limiter
from tracker.models import users as users_module

PROXY = "10.0.0.1"


def _limited_app(database_url, **extra):
    """An app with rate limits on (3 failures per 15 minutes) and its own counters."""
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


@pytest.fixture
def limited(app, users, database_url, request):
    """A rate-limited app (``TRUSTED_PROXIES`` from the test's parameter), in its context."""
    proxies = getattr(request, "param", 0)
    limited = _limited_app(database_url, TRUSTED_PROXIES=proxies)
    with limited.app_context():
        yield limited
        _limiter.reset()
        db.session.remove()


def _post(client, email, password, address, forwarded=None, proto=None):
    """Post the sign-in form as a client at ``address`` (through a proxy if ``forwarded``)."""
    headers = {}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    if proto:
        headers["X-Forwarded-Proto"] = proto
    return client.post(
        "/login",
        data={"email": email, "password": password},
        headers=headers,
        environ_base={"REMOTE_ADDR": address},
    ).status_code


@pytest.mark.parametrize("limited", [1], indirect=True)
def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(limited):
    client = limited.test_client()
    for n in range(3):
        # Other accounts each time: only the per-address limit counts these.
        assert _post(client, f"nobody{n}@example.org", "x", PROXY, "203.0.113.5") == 200
    assert _post(client, "nobody9@example.org", "x", PROXY, "203.0.113.5") == 429
    # A visitor cannot escape by naming another address first: the proxy appends the real one.
    spoofed = "198.51.100.99, 203.0.113.5"
    assert _post(client, "nobody8@example.org", "x", PROXY, spoofed) == 429
    # Another visitor through the same proxy is not blocked.
    assert _post(client, "editor@example.org", PASSWORD, PROXY, "198.51.100.7") == 302


@pytest.mark.parametrize("limited", [0], indirect=True)
def test_without_trusted_proxies_forwarded_headers_are_ignored(limited):
    client = limited.test_client()
    for n in range(3):
        assert _post(client, f"nobody{n}@example.org", "x", PROXY, f"203.0.113.{n}") == 200
    # The header is not believed: everyone is the proxy's address, which is now blocked.
    assert _post(client, "editor@example.org", PASSWORD, PROXY, "198.51.100.7") == 429


@pytest.mark.parametrize("limited", [1], indirect=True)
def test_links_built_behind_a_tls_proxy_are_https(limited):
    client = limited.test_client()
    assert _post(client, "admin@example.org", PASSWORD, PROXY, "203.0.113.5", "https") == 302
    page = text(
        client.post(
            "/manage/users/invite",
            data={"email": "new@example.org", "role": "volunteer"},
            headers={"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https"},
            environ_base={"REMOTE_ADDR": PROXY},
        )
    )
    assert 'value="https://localhost/invite/' in page


def test_trusted_proxies_is_read_from_the_environment():
    assert environment_overrides({"TRUSTED_PROXIES": "1"}) == {"TRUSTED_PROXIES": 1}
    for bad in ("one", "-1", "1.5", "99"):
        with pytest.raises(RuntimeError, match="TRUSTED_PROXIES"):
            environment_overrides({"TRUSTED_PROXIES": bad})


def test_a_stranger_cannot_lock_the_owner_out_of_a_device_they_signed_in_from(limited):
    owner = limited.test_client()
    assert _post(owner, "volunteer@example.org", PASSWORD, "10.0.0.2") == 302
    owner.post("/logout")  # the known-device cookie stays; only the session ends

    stranger = limited.test_client()
    for _ in range(3):
        assert _post(stranger, "volunteer@example.org", "guess", "10.0.0.66") == 200
    assert _post(stranger, "volunteer@example.org", "guess", "10.0.0.66") == 429
    # Guessing from new addresses stays stopped for that account...
    assert _post(limited.test_client(), "volunteer@example.org", "guess", "10.0.0.67") == 429
    # ... and a forged or foreign known-device cookie does not help.
    forged = limited.test_client()
    forged.set_cookie("known_device", "forged.value", path="/login")
    assert _post(forged, "volunteer@example.org", PASSWORD, "10.0.0.68") == 429

    # The owner, on the device they signed in from before, is not locked out.
    assert _post(owner, "volunteer@example.org", "a typo", "10.0.0.2") == 200
    assert _post(owner, "volunteer@example.org", PASSWORD, "10.0.0.2") == 302


def test_the_known_device_cookie_is_for_the_sign_in_page_only(limited):
    client = limited.test_client()
    response = client.post("/login", data={"email": "volunteer@example.org", "password": PASSWORD})
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("known_device=")
    )
    assert "Path=/login" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "volunteer" not in cookie  # the account is named by a keyed hash only


def test_a_known_device_is_still_limited_per_address(limited):
    owner = limited.test_client()
    assert _post(owner, "volunteer@example.org", PASSWORD, "10.0.0.2") == 302
    owner.post("/logout")
    for _ in range(3):
        assert _post(owner, "volunteer@example.org", "guess", "10.0.0.2") == 200
    assert _post(owner, "volunteer@example.org", PASSWORD, "10.0.0.2") == 429


@pytest.fixture
def hash_checks(monkeypatch):
    """Every password hash checked, by its method and cost ("scrypt:32768:8:1")."""
    checked = []
    real = users_module.check_password_hash

    def counting(pwhash, password):
        checked.append(pwhash.split("$", 1)[0])
        return real(pwhash, password)

    monkeypatch.setattr(users_module, "check_password_hash", counting)
    return checked


def test_every_failed_sign_in_spends_the_same_hashing_work(client, users, hash_checks):
    make_user("volunteer", email="gone@example.org", active=False)
    invited = make_user("volunteer", email="invited@example.org")
    invited.password_hash = None  # invited, has not set a password yet
    db.session.commit()
    method = users["volunteer"].password_hash.split("$", 1)[0]
    for email in (
        "volunteer@example.org",  # an account, wrong password
        "nobody@example.org",  # no account
        "gone@example.org",  # a disabled account
        "invited@example.org",  # an account without a password
    ):
        hash_checks.clear()
        page = text(client.post("/login", data={"email": email, "password": "wrong password"}))
        assert "do not match an active account" in page
        assert hash_checks == [method], email
