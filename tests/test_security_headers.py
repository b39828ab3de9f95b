"""Security headers on every route of the route-permission table, signed out and signed in."""

import re
import urllib.request
from pathlib import Path

import pytest

from tests.route_permissions import EXPECTED
from tests.test_route_permissions import LAST, _arguments, _pw, _world
from tracker import create_app
from tracker.security.headers import WORKSPACE_BLUEPRINTS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SAME_EVERYWHERE = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _directives(policy):
    """``{directive: [sources]}`` of a Content-Security-Policy value."""
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def _problems(response, url, endpoint, signed_in):
    """What is wrong with the security headers of one response."""
    headers = response.headers
    wrong = [
        f"{name}: {headers.get(name)!r}"
        for name, value in SAME_EVERYWHERE.items()
        if headers.get(name) != value
    ]
    if "camera=()" not in headers.get("Permissions-Policy", ""):
        wrong.append("Permissions-Policy")
    policy = _directives(headers.get("Content-Security-Policy", "x"))
    if policy.get("frame-ancestors") != ["'none'"]:
        wrong.append(f"frame-ancestors: {policy.get('frame-ancestors')}")
    if response.mimetype != "application/pdf":
        if policy.get("script-src") != ["'self'"] or policy.get("default-src") != ["'none'"]:
            wrong.append(f"Content-Security-Policy: {headers.get('Content-Security-Policy')}")
        if "'unsafe-inline'" in policy.get("style-src", ["'unsafe-inline'"]):
            wrong.append("style-src allows inline styles")
    if "Strict-Transport-Security" in headers:
        wrong.append("Strict-Transport-Security outside production")
    if "Server" in headers:
        wrong.append(f"Server: {headers['Server']}")
    private = endpoint.split(".")[0] in WORKSPACE_BLUEPRINTS or (signed_in and endpoint != "static")
    if private and headers.get("Cache-Control") != "no-store":
        wrong.append(f"Cache-Control: {headers.get('Cache-Control')!r}")
    return [f"{url} ({endpoint}): {problem}" for problem in wrong]


@pytest.mark.parametrize("role", ["anonymous", "volunteer", "admin"])
def test_every_route_sends_the_security_headers(app, users, role):
    common, by_prefix = _world(users["admin"])
    client = app.test_client()
    if role != "anonymous":
        response = client.post("/login", data={"email": users[role].email, "password": _pw()})
        assert response.status_code == 302
    rules = sorted(
        app.url_map.iter_rules(),
        key=lambda r: (LAST.index(r.endpoint) if r.endpoint in LAST else -1, r.rule),
    )
    wrong = []
    for rule in rules:
        assert rule.endpoint in EXPECTED
        url = rule.build(_arguments(rule, common, by_prefix), append_unknown=False)[1]
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method)
        signed_in = role != "anonymous" and rule.endpoint not in LAST
        wrong += _problems(response, url, rule.endpoint, signed_in)
    # Errors too: a page that does not exist, and the 500 page.
    wrong += _problems(client.get("/no-such-page"), "/no-such-page", "none", False)
    assert not wrong, "\n".join(wrong)


def test_the_error_page_of_an_unexpected_failure_has_the_headers(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "public.index", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert not _problems(response, "/", "public.index", False), response.headers


def test_workspace_pages_are_never_stored(client):
    for url in ("/login", "/manage/", "/account/password"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_reports_keep_their_cache_policy_and_a_policy_the_pdf_viewer_accepts(client, db):
    from tests import factories

    case = factories.make_case(publish=True)
    db.session.commit()
    response = client.get(f"/cases/{case.id}/report.pdf")
    assert response.headers["Cache-Control"] == "public, no-cache"
    assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_view_that_sets_its_own_policy_keeps_it(app, client):
    @app.get("/test-sandboxed")
    def sandboxed():
        return "doc", 200, {"Content-Security-Policy": "sandbox; default-src 'none'"}

    response = client.get("/test-sandboxed")
    assert response.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_production_adds_strict_transport_security(database_url):
    app = create_app(
        {
            "TRACKER_ENV": "production",
            "SECRET_KEY": "x" * 64,
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
    )
    response = app.test_client().get("/static/css/site.css")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "includeSubDomains" in response.headers["Strict-Transport-Security"]


def test_the_development_server_names_no_version(server):
    with urllib.request.urlopen(f"{server}/static/css/site.css") as response:  # noqa: S310
        banner = response.headers.get("Server", "")
    assert not re.search(r"\d", banner) and "Werkzeug" not in banner and "Python" not in banner


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_templates_hold_no_inline_script_handler_or_style(template):
    source = template.read_text()
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handler"
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", source), "inline <script>"
    assert not re.search(r"<[a-zA-Z][^>]*\sstyle\s*=|<style", source), "inline style"
    assert "javascript:" not in source
