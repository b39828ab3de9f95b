"""Admin confirmations in a real browser, with and without JavaScript, checked by axe-core.

Disable and role change ask on a page of their own; that works with JavaScript turned off, and
the question pages and the audit log have no accessibility violations (axe needs JavaScript, so
it runs in a second, ordinary browser). Skipped when Chromium is missing, except under CI.
"""

import pytest

from tests.conftest import PASSWORD, make_user
from tests.test_browser import _axe_violations
from tracker.extensions import db
from tracker.models import User

pytestmark = pytest.mark.browser


def _new_page(browser, javascript):
    """A page of a fresh browser context."""
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _promote_and_disable(server, page, email, name, check):
    """As the admin: make ``email`` an editor, then disable it, confirming each step."""
    page.goto(server + "/login")
    page.fill("#email", "admin@example.org")
    page.fill("#password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)

    page.goto(server + "/manage/users")
    row = page.locator("tr", has_text=email)
    row.locator("select").select_option("editor")
    row.get_by_role("button", name="Change role").click()
    page.get_by_text(f"Make {name} editor?").wait_for()
    check("role question")
    page.get_by_role("button", name="Make editor").click()
    page.get_by_text(f"{name} is now editor.").wait_for()

    row = page.locator("tr", has_text=email)
    row.get_by_role("button", name="Disable").click()
    page.get_by_text(f"Disable the account of {name}").wait_for()
    check("disable question")
    page.get_by_role("button", name="Disable the account").click()
    page.get_by_text(f"{name}'s account is disabled.").wait_for()

    page.goto(server + "/manage/audit")
    check("audit log")
    assert "from volunteer to editor" in page.content()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-javascript", "javascript-axe"])
def test_admin_confirms_disable_and_role_change(app, server, browser, javascript):
    make_user("admin", email="admin@example.org")
    target = make_user("volunteer", email="target@example.org", name="Target Person")
    context, page = _new_page(browser, javascript)
    found = {}

    def check(name):
        if javascript:
            found[name] = _axe_violations(page)

    try:
        _promote_and_disable(server, page, target.email, "Target Person", check)
    finally:
        context.close()
    assert {name: violations for name, violations in found.items() if violations} == {}
    db.session.expire_all()
    target = db.session.get(User, target.id)
    assert (target.role, target.active) == ("editor", False)
