"""Failed sign-ins are limited per address and per account (Redis-backed when configured)."""

import time

from flask import current_app, render_template, request

from tracker.extensions import limiter

DEFAULT_LIMIT = "10 per 15 minutes"


def login_limit():
    """The allowance of failed sign-ins (``LOGIN_RATE_LIMIT`` in the config)."""
    return current_app.config.get("LOGIN_RATE_LIMIT", DEFAULT_LIMIT)


def failed_sign_in(response):
    """A sign-in POST that shows the form again (200) has failed; a redirect has not."""
    return request.method == "POST" and response.status_code == 200


def account_key():
    """Count failures per account, whatever address they come from."""
    # The limiter runs before the view, so it reads the raw field; the form validates it later.
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


per_address = limiter.limit(login_limit, methods=["POST"], deduct_when=failed_sign_in)
per_account = limiter.limit(
    login_limit, key_func=account_key, methods=["POST"], deduct_when=failed_sign_in
)


def too_many_attempts(error):
    """The 429 page: how long to wait, in minutes."""
    current = limiter.current_limit
    seconds = max(current.reset_at - time.time(), 60) if current is not None else 15 * 60
    minutes = max(1, round(seconds / 60))
    page = render_template("auth/too_many.html", minutes=minutes)
    return page, 429, {"Retry-After": str(int(seconds))}
