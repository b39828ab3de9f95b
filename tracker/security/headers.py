"""Security headers on every response, and no server version banner.

A small ``after_request`` hook rather than a library: Flask-Talisman, the usual choice, has had
one release since 2021 and would bring HTTPS redirects and session-cookie settings this app
already makes in ``config.py``; what is needed here is a fixed set of headers, read from the
settings (``SECURITY_HEADERS``, ``CONTENT_SECURITY_POLICY``, ``STRICT_TRANSPORT_SECURITY``).

A view that sets one of these headers itself keeps its own value (a document served in a
``sandbox`` policy, a report's ``Cache-Control``), except that every workspace response is
``no-store``: it shows drafts, private fields and CSRF tokens that no cache may keep.
"""

from flask import request
from flask_login import current_user
from werkzeug.serving import WSGIRequestHandler

# Blueprints whose every response is private to the signed-in user (or the sign-in form), or to
# the one visitor who started a job (its page is reached by an unguessable token).
WORKSPACE_BLUEPRINTS = frozenset({"manage", "imports", "auth", "jobs", "fatal_force"})
SERVER_NAME = "tracker"


def content_security_policy(directives):
    """The header value of a ``{directive: [sources]}`` mapping."""
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def is_workspace_request():
    """True for the workspace, sign-in and account pages, and for a signed-in user's pages."""
    if request.blueprint in WORKSPACE_BLUEPRINTS:
        return True
    if request.endpoint in (None, "static"):
        return False
    try:
        return bool(current_user.is_authenticated)
    except Exception:  # the user cannot be loaded (the database is away): assume private
        return True


def add_security_headers(response, config):
    """Set the security headers of ``config`` on ``response`` (a view's own value wins)."""
    headers = response.headers
    for name, value in config["SECURITY_HEADERS"].items():
        headers.setdefault(name, value)
    # Chrome shows a PDF through an internal viewer that the page policy would block.
    policy = "PDF_CONTENT_SECURITY_POLICY" if response.mimetype == "application/pdf" else None
    policy = config[policy or "CONTENT_SECURITY_POLICY"]
    headers.setdefault("Content-Security-Policy", content_security_policy(policy))
    if config.get("STRICT_TRANSPORT_SECURITY"):
        headers.setdefault("Strict-Transport-Security", config["STRICT_TRANSPORT_SECURITY"])
    if is_workspace_request():
        headers["Cache-Control"] = "no-store"
    headers.pop("Server", None)
    return response


def hide_development_server_version():
    """The development server (``flask run``, the tests' live server) names no version.

    Werkzeug's request handler sends ``Server: Werkzeug/3.1.3 Python/3.11.7``, and the WSGI app
    cannot remove a header the server adds, so the handler's banner is replaced. Gunicorn sends
    ``Server: gunicorn`` with no version.
    """
    WSGIRequestHandler.version_string = _server_name


def _server_name(handler):
    """The ``Server`` header of the development server."""
    return SERVER_NAME


def register_security_headers(app):
    """Add the headers to every response of ``app``."""
    hide_development_server_version()

    @app.after_request
    def security_headers(response):
        """Content-Security-Policy, framing, sniffing, referrer, caching, HSTS in production."""
        return add_security_headers(response, app.config)
