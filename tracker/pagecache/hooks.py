"""The request hooks of the page cache: look up before the view, store after it."""

import hashlib
import json

from flask import Response, current_app, g, request, session

from tracker.deadlines.clock import today
from tracker.pagecache.stamp import current_stamp, watch_commits
from tracker.pagecache.store import pack, page_store, unpack
from tracker.records.visibility import public_blueprints

# The public blueprints (the same for every anonymous reader) are cached, but not the PDF
# reports, which have their own cache keyed on what they show.
NOT_CACHED_BLUEPRINTS = frozenset({"reports"})
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
    blueprint = request.blueprint
    if blueprint not in public_blueprints() or blueprint in NOT_CACHED_BLUEPRINTS:
        return False
    if request.endpoint in NOT_CACHED_ENDPOINTS:
        return False
    # Any session (signed in, or a flashed message waiting) or remember-me cookie: the page
    # may be that visitor's own, so it is neither served from nor stored in the cache.
    cookies = request.cookies
    session_cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return session_cookie not in cookies and remember_cookie not in cookies


def page_key():
    """The cache key of this request: its address, the data stamp and today's date.

    The stamp is read at most once a second per process (``stamp.py`` says why that is safe).

    The date is there because some pages count from today (deadlines, "days since", the
    calendar): it is the app's today (``tracker.deadlines.clock``), the day the page counts from.
    """
    return key_of(request.environ, request.scheme, request.host, today(), current_stamp())


def key_of(environ, scheme, host, day, stamp):
    """The cache key of the request ``environ`` on ``day`` with the data ``stamp``.

    ``scheme`` and ``host`` as Werkzeug reads them; the Flask hooks and the front door
    (``front.py``) share this function, so both look up the same key.
    """
    # The parts request.url is made of, as received (request.url decodes them, which cost a
    # tenth of a cache hit): a page reached by two spellings of its address is kept twice.
    address = [
        scheme,
        host,
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    ]
    # JSON, not a separator: a "|" in the path or query cannot make two addresses one key.
    raw = json.dumps([*address, day.isoformat(), *stamp])
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
    try:
        etag, content_type, headers, body = unpack(value) if value is not None else (None,) * 4
    except (ValueError, KeyError):  # a value that cannot be read: built again, and replaced
        etag = None
    if etag is None:
        g.page_cache_key = key
        return None
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
    """Add the two hooks to ``app``, and forget the remembered data stamp on every commit."""
    watch_commits()
    # First of the before_request hooks: a hit is answered before the rate limiter's check
    # (no cached page has a limit: the limited routes are sign-in POSTs and the PDF reports,
    # which are not page-cached) and before the public view opens a database session for the
    # view. The NUL guard may run after it: a request it refuses is never stored. A miss goes
    # on through every hook as before.
    app.before_request_funcs.setdefault(None, []).insert(0, serve_from_cache)
    app.after_request(keep_in_cache)
