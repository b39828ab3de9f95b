"""The Content-Security-Policy in a real browser: inline code is refused and reported, and the
users page's copy field still selects its link on focus (a static script, not an inline one)."""

import pytest

from tests.conftest import PASSWORD, csp_violations

pytestmark = pytest.mark.browser

INLINE = (
    "<!doctype html><html lang='en'><head><title>t</title></head><body>"
    "<script>document.title = 'inline script ran';</script>"
    "<p id='styled' style='color: rgb(255, 0, 0)'>styled</p>"
    "<button id='handler' onclick=\"document.title = 'handler ran'\">go</button>"
    "</body></html>"
)


def test_the_policy_refuses_inline_script_handlers_and_styles(app, server, browser):
    app.add_url_rule("/test-inline", "test_inline", lambda: INLINE)
    page = browser.new_page()
    violations = csp_violations(page)
    page.goto(f"{server}/test-inline")
    page.click("#handler")
    assert page.title() == "t"
    color = page.evaluate("getComputedStyle(document.getElementById('styled')).color")
    assert color != "rgb(255, 0, 0)"
    page.close()
    # The check the other browser tests rely on sees all three refusals.
    assert len(violations) >= 3, violations
    assert any("inline script" in text for text in violations)
    assert any("inline style" in text for text in violations)


def test_the_invitation_link_is_selected_on_focus(server, browser, users):
    page = browser.new_page()
    violations = csp_violations(page)
    page.goto(f"{server}/login")
    page.fill("#email", users["admin"].email)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto(f"{server}/manage/users")
    page.fill("#email", "new.person@example.org")
    page.fill("#name", "New Person")
    page.click("button:has-text('Create invitation link')")
    field = page.locator("input.copy-field")
    # The deferred script attaches its focus handler once the page has loaded; the selection
    # follows the focus event, so wait for it rather than reading it at once (a race on a busy
    # machine).
    page.wait_for_load_state("load")
    field.focus()
    page.wait_for_function(
        "() => { const f = document.querySelector('input.copy-field');"
        " return f.value.length > 0 && f.selectionEnd === f.value.length; }",
        timeout=5_000,
    )
    selected = field.evaluate("f => [f.selectionStart, f.selectionEnd, f.value.length]")
    page.close()
    assert selected[0] == 0 and selected[1] == selected[2] > 0
    assert not violations, violations
