"""The request hooks of the page cache: look up before the view, store after it."""

import hashlib

from flask import Response, current_app, g, request, session

from tracker.deadlines.clock import today
from tracker.pagecache.store import pack, page_store, unpack
from tracker.records.visibility import PUBLIC_BLUEPRINTS

# The public blueprints (the same for every anonymous reader), but not the PDF reports, which
# have their own cache keyed on what they show.
CACHED_BLUEPRINTS = PUBLIC_BLUEPRINTS - {"reports"}
# Served otherwise: streamed or prepared downloads, and documents (revalidated on each request).
NOT_CACHED_ENDPOINTS = frozenset({"data.download_csv", "data.download_json", "sources.document"})
CACHED_TYPES = frozenset(
    {"text/html", "application/json", "application/rss+xml", "text/xml", "text/calendar"}
)
MAX_BODY_BYTES = 2 * 1024 * 1024
# The answer's own headers that a cached copy must carry too: a calendar feed's file name, the
# language of the page. (The caching and security headers are set afresh on every answer.)
KEPT_HEADERS = ("Content-Disposition", "Content-Language")


def _cacheable_request():
    """True for an anonymous reader's GET of a public page or API answer."""
    if not current_app.config.get("PAGE_CACHE_ENABLED") or request.method != "GET":
        return False
    if request.blueprint not in CACHED_BLUEPRINTS or request.endpoint in NOT_CACHED_ENDPOINTS:
        return False
    # Any session (signed in, or a flashed message waiting) or remember-me cookie: the page
    # may be that visitor's own, so it is neither served from nor stored in the cache.
    cookies = request.cookies
    session_cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return session_cookie not in cookies and remember_cookie not in cookies


def page_key():
    """The cache key of this request: its full URL, the data stamp and today's date.

    The date is there because some pages count from today (deadlines, "days since", the
    calendar): it is the app's today (``tracker.deadlines.clock``), the day the page counts from.
    """
    from tracker.reports.cache import data_stamp

    raw = "|".join([request.url, today().isoformat(), *data_stamp()])
    return hashlib.sha256(raw.encode()).hexdigest()


def _public_headers(response, etag):
    """The caching headers of a public answer."""
    response.set_etag(etag)
    response.headers["Cache-Control"] = (
        f"public, max-age={current_app.config['PAGE_CACHE_MAX_AGE']}"
    )
    response.vary.add("Cookie")
    return response


def serve_from_cache():
    """``before_request``: answer from the cache (or 304) when this page of this data is kept."""
    if not _cacheable_request():
        return None
    key = page_key()
    value = page_store().get(key)
    if value is None:
        g.page_cache_key = key
        return None
    etag, content_type, headers, body = unpack(value)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = Response(body, content_type=content_type, headers=headers)
    response.headers["X-Page-Cache"] = "hit"
    return _public_headers(response, etag)


def _signed_in():
    """True when a user was loaded for this request (a second guard beside the cookies)."""
    from flask_login import current_user

    return bool(g.get("_login_user") is not None and current_user.is_authenticated)


def keep_in_cache(response):
    """``after_request``: store a public page the view made for an anonymous reader."""
    key = g.pop("page_cache_key", None)
    if (
        key is None
        or response.status_code != 200
        or response.is_streamed
        or response.mimetype not in CACHED_TYPES
        or session.modified  # the view started a session (a flash, a CSRF token): not shared
        or "Set-Cookie" in response.headers
        or _signed_in()
    ):
        return response
    body = response.get_data()
    if len(body) > MAX_BODY_BYTES:
        return response
    etag = hashlib.sha256(body).hexdigest()[:32]
    kept = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    page_store().set(key, pack(etag, response.content_type, body, kept))
    response.headers["X-Page-Cache"] = "miss"
    _public_headers(response, etag)
    return response.make_conditional(request)


def register_page_cache(app):
    """Add the two hooks to ``app``."""
    app.before_request(serve_from_cache)
    app.after_request(keep_in_cache)
