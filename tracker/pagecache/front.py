"""The page cache's front door: a cache hit answered before Flask handles the request at all.

A hit answered by the Flask hook (``hooks.serve_from_cache``) still paid for Flask's request
handling: the request context, the URL matching, the session, the sign-in lookup of the
security headers, the after-request hooks and a Response object. Under load (bench/scale) that
was most of a hit's cost, and a warm page got under half of a hello world's requests per second.
This WSGI middleware, wrapped around the app's own ``wsgi_app``, answers the same hit from the
request's WSGI environ alone, and passes everything else on to Flask unchanged.

It answers only when all of these hold, and otherwise the request goes to Flask as before:

- the page cache is on, and the request is a GET or a HEAD;
- it carries no session or remember-me cookie (a signed-in user's pages, or a visitor with a
  flashed message waiting, are never served from the cache);
- the process remembers a trusted data stamp (``stamp.remembered_stamp``: read within
  ``PAGE_CACHE_STAMP_SECONDS`` and no commit since). The front door never reads the database:
  when the stamp is not remembered, Flask's hook reads it and remembers it for the next ones;
- the page is in the cache under this address, today's date and that stamp. Only the Flask
  hook stores pages, and only public pages for anonymous readers, so an address whose page is
  found is one the hook found cacheable (the same address always reaches the same view);
- the Host is one Flask accepts (``TRUSTED_HOSTS``).

The answer carries exactly the headers the Flask hook's hit would: the page's own (type, file
name, language), ``X-Page-Cache: hit``, ``ETag``, ``Cache-Control`` and ``Vary: Cookie``, and
the security headers (``tracker.security.headers``; a cached page is never a workspace page,
so its ``Cache-Control`` stays public). ``If-None-Match`` with its ETag gets 304.

The guards of request_guards.py and the rate limits need not run on a hit, as on the Flask
hook's hit: no cached page has a rate limit (the limited routes are sign-in POSTs and the PDF
reports), and an address the NUL guard refuses is never stored. A failed lookup (Redis away, a
value that cannot be read) passes the request on to Flask, which builds the page.
"""

import logging

from werkzeug.exceptions import SecurityError
from werkzeug.http import parse_cookie, parse_etags, remove_entity_headers
from werkzeug.wsgi import get_host

from tracker.deadlines.clock import today
from tracker.pagecache.hooks import key_of
from tracker.pagecache.stamp import remembered_stamp
from tracker.pagecache.store import page_store, unpack
from tracker.security.headers import content_security_policy

logger = logging.getLogger(__name__)
ANSWERED_METHODS = frozenset({"GET", "HEAD"})


def public_hit_headers(config, etag, content_type, kept, length):
    """The headers of a cache hit, as the Flask hook and the security headers make them.

    ``kept``: the page's own headers kept with it; ``length``: the body's length in bytes.
    """
    headers = [("Content-Type", content_type), ("Content-Length", str(length))]
    headers.extend(kept.items())
    headers += [
        ("X-Page-Cache", "hit"),
        ("ETag", f'"{etag}"'),
        ("Cache-Control", f"public, max-age={config['PAGE_CACHE_MAX_AGE']}"),
        ("Vary", "Cookie"),
    ]
    # tracker.security.headers.add_security_headers, for a public page (never a workspace one).
    present = {name.lower() for name, _ in headers}
    for name, value in config["SECURITY_HEADERS"].items():
        if name.lower() not in present:
            headers.append((name, value))
    if "content-security-policy" not in present:
        policy = content_security_policy(config["CONTENT_SECURITY_POLICY"])
        headers.append(("Content-Security-Policy", policy))
    if config.get("STRICT_TRANSPORT_SECURITY") and "strict-transport-security" not in present:
        headers.append(("Strict-Transport-Security", config["STRICT_TRANSPORT_SECURITY"]))
    return headers


class PageCacheFront:
    """WSGI middleware: answer page-cache hits of anonymous GETs and HEADs before Flask."""

    def __init__(self, wsgi_app, app):
        """Pass what it does not answer to ``wsgi_app``; read settings and cache of ``app``."""
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        """Answer from the cache when it can, else let the app answer."""
        found = self.lookup(environ)
        if found is None:
            return self.wsgi_app(environ, start_response)
        status, headers, body = found
        start_response(status, headers)
        return [body] if body else []

    def lookup(self, environ):
        """``(status, headers, body)`` of this request's cached answer, or None."""
        config = self.app.config
        if not config.get("PAGE_CACHE_ENABLED"):
            return None
        method = environ.get("REQUEST_METHOD")
        if method not in ANSWERED_METHODS or self.personal(environ, config):
            return None
        stamp = remembered_stamp(self.app)
        if stamp is None:
            return None
        try:
            host = get_host(environ, config.get("TRUSTED_HOSTS"))
            key = key_of(environ, environ["wsgi.url_scheme"], host, today(self.app), stamp)
            value = page_store(self.app).get(key)
            if value is None:
                return None
            etag, content_type, kept, body = unpack(value)
        except SecurityError:
            return None  # a Host Flask refuses: Flask answers it
        except Exception:  # a value that cannot be read: Flask builds the page instead
            logger.warning("page cache: a cached value could not be read", exc_info=True)
            return None
        if parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains(etag):
            # As the Flask hook's 304: no page headers, and Werkzeug drops the body's own.
            headers = public_hit_headers(config, etag, content_type, {}, 0)
            remove_entity_headers(headers)
            return "304 NOT MODIFIED", headers, b""
        headers = public_hit_headers(config, etag, content_type, kept, len(body))
        return "200 OK", headers, b"" if method == "HEAD" else body

    @staticmethod
    def personal(environ, config):
        """True when the request carries a session or remember-me cookie."""
        header = environ.get("HTTP_COOKIE")
        if not header:
            return False
        cookies = parse_cookie(header)
        return (
            config.get("SESSION_COOKIE_NAME", "session") in cookies
            or config.get("REMEMBER_COOKIE_NAME", "remember_token") in cookies
        )


def install_front(app):
    """Wrap ``app``'s WSGI callable in the front door, inside ProxyFix when there is one.

    Inside it, so the scheme and host the key is made of are the ones Flask sees.
    """
    from werkzeug.middleware.proxy_fix import ProxyFix

    if isinstance(app.wsgi_app, ProxyFix):
        app.wsgi_app.app = PageCacheFront(app.wsgi_app.app, app)
    else:
        app.wsgi_app = PageCacheFront(app.wsgi_app, app)
