"""A volunteer's day in a real browser: landing, search, sources, a document preview, the
Markdown preview; axe-core finds no violation on the new pages and the CSP refuses nothing.
Skipped when Chromium is missing, except under CI.
"""

import pytest

from tests.conftest import PASSWORD, csp_violations, make_user
from tests.documents import image_bytes
from tests.factories import make_case, make_source
from tests.test_browser import _axe_violations
from tracker.extensions import db
from tracker.models import Citation

pytestmark = pytest.mark.browser


def test_a_volunteers_day_has_no_axe_violation(app, server, browser, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path)
    volunteer = make_user("volunteer", email="vol@example.org")
    case = make_case(title="Stop on Prospect", created_by_id=volunteer.id)
    source = make_source(title="Police report", created_by_id=volunteer.id)
    case.citations.append(Citation(source=source))
    db.session.commit()
    context = browser.new_context()
    refused = csp_violations(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    found, loads = {}, 0

    def check(name):
        found[name] = _axe_violations(page)

    try:
        page.goto(server + "/login")
        page.fill("#email", "vol@example.org")
        page.fill("#password", PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url(server + "/manage/")  # a volunteer lands on the workspace
        check("dashboard")

        page.fill("#workspace-q", "Prospect")
        page.get_by_role("button", name="Find", exact=True).first.click()
        page.get_by_role("link", name="Stop on Prospect").wait_for()
        check("search")

        page.goto(server + "/manage/sources/?q=police")
        page.get_by_role("link", name="Police report").click()
        page.get_by_role("link", name="Correct this source").click()
        check("source correction")
        page.fill("#title", "Police report, 2021")
        page.get_by_role("button", name="Save").click()
        page.get_by_text("Source corrected").wait_for()
        check("source with history")

        page.goto(server + "/manage/sources/new")
        page.fill("#title", "Photo of the scene")
        page.select_option("#source_kind", "personal_account")
        page.set_input_files(
            "#document",
            files=[{"name": "scene.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}],
        )
        page.get_by_role("button", name="Save source").click()
        page.locator(".document-preview img").wait_for()
        # The image loads after the page: wait until it has, then read its width.
        page.wait_for_function("document.querySelector('.document-preview img').complete")
        assert page.evaluate("document.querySelector('.document-preview img').naturalWidth") == 40
        check("image preview")

        page.goto(server + "/manage/case/new")
        page.fill("#narrative", "A **driver** was hurt.")
        with context.expect_page() as opened:
            page.get_by_role("button", name="Preview the Markdown (new tab)").click()
        preview = opened.value
        preview.wait_for_load_state()
        assert preview.locator(".narrative strong").inner_text() == "driver"
        found["preview"] = _axe_violations(preview)
        loads = page.evaluate("performance.getEntriesByType('navigation').length")
    finally:
        context.close()
    assert {name: items for name, items in found.items() if items} == {}
    assert refused == []
    assert loads == 1
