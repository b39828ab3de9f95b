"""Failed sign-ins are limited per address and per account (Redis-backed when configured).

The per-address limit counts every failed sign-in from one client address (behind proxies,
``TRUSTED_PROXIES`` makes that the visitor's address, not the proxy's).

The per-account limit counts failed sign-ins to one account from clients that have never
signed in to it. A successful sign-in leaves a "known device" cookie on the client: a list of
keyed hashes (HMAC with the secret key) of the accounts signed in from it, signed and dated.
Failures from a known device are not counted against the account, and the account's limit
does not stop it. So a stranger who tries wrong passwords for a known email can lock that
account out of new devices only (for the limit's window), never out of the devices its owner
already uses; guessing from one address stays bounded by the per-address limit.
"""

import hashlib
import hmac
import time
from datetime import timedelta

from flask import current_app, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from tracker.extensions import limiter

DEFAULT_LIMIT = "10 per 15 minutes"
KNOWN_DEVICE_COOKIE = "known_device"
KNOWN_DEVICE_FOR = timedelta(days=180)
KNOWN_ACCOUNTS_PER_DEVICE = 5


def login_limit():
    """The allowance of failed sign-ins (``LOGIN_RATE_LIMIT`` in the config)."""
    return current_app.config.get("LOGIN_RATE_LIMIT", DEFAULT_LIMIT)


def failed_sign_in(response):
    """A sign-in POST that shows the form again (200) has failed; a redirect has not."""
    return request.method == "POST" and response.status_code == 200


def submitted_email():
    """The email field of this request, as the limits compare it."""
    # The limiter runs before the view, so it reads the raw field; the form validates it later.
    return (request.form.get("email") or "").strip().lower()[:254]


def account_key():
    """Count failures per account, whatever address they come from."""
    return "account:" + submitted_email()


def _account_tag(email):
    """A keyed hash naming the account of ``email`` without revealing it."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"known-device:" + email.encode(), hashlib.sha256).hexdigest()[:32]


def _serializer():
    """Signs and dates the known-device cookie."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def _known_tags():
    """The account tags of this client's known-device cookie (none if absent, forged or old)."""
    value = request.cookies.get(KNOWN_DEVICE_COOKIE)
    if not value:
        return []
    try:
        tags = _serializer().loads(value, max_age=int(KNOWN_DEVICE_FOR.total_seconds()))
    except BadSignature:
        return []
    return [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []


def is_known_device():
    """True when this client has signed in before to the account it is signing in to."""
    email = submitted_email()
    return bool(email) and _account_tag(email) in _known_tags()


def remember_device(response, email):
    """Mark this client as one that signed in to ``email`` (kept for 180 days)."""
    tag = _account_tag(email.strip().lower())
    tags = [tag] + [other for other in _known_tags() if other != tag]
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        _serializer().dumps(tags[:KNOWN_ACCOUNTS_PER_DEVICE]),
        max_age=int(KNOWN_DEVICE_FOR.total_seconds()),
        path=url_for("auth.login"),  # only the sign-in page needs it
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
    return response


per_address = limiter.limit(login_limit, methods=["POST"], deduct_when=failed_sign_in)
per_account = limiter.limit(
    login_limit,
    key_func=account_key,
    methods=["POST"],
    deduct_when=failed_sign_in,
    exempt_when=is_known_device,
)


def too_many_attempts(error):
    """The 429 page: how long to wait, in minutes."""
    current = limiter.current_limit
    seconds = max(current.reset_at - time.time(), 60) if current is not None else 15 * 60
    minutes = max(1, round(seconds / 60))
    page = render_template("auth/too_many.html", minutes=minutes)
    return page, 429, {"Retry-After": str(int(seconds))}
