"""A new volunteer's first case, in a real browser: draft, source, demand 2, review, publish."""

import pytest

from tests.conftest import csp_violations
from tracker.extensions import db
from tracker.models import Case, Demand

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(app, server):
    """The served app with CSRF protection on, as in production: every form needs its token."""
    app.config["WTF_CSRF_ENABLED"] = True
    return server


def _sign_in(page, base, email, password):
    """Sign in through the form."""
    from tests.conftest import PASSWORD

    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", password or PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_selector("text=Signed in as")


def test_volunteer_drafts_a_case_an_editor_publishes_it(browser, live_server, demo, users):
    base = live_server
    demand_two = db.session.query(Demand).filter_by(number=2).one()
    demand_id = demand_two.id
    volunteer_id = users["volunteer"].id
    db.session.remove()

    page = browser.new_page()
    violations = csp_violations(page)
    _sign_in(page, base, "volunteer@example.org", None)
    page.goto(f"{base}/manage/")
    page.click("text=New case")
    page.fill("#title", "Use of force at a protest")
    page.select_option("#case_kind", "use_of_force")
    page.select_option("#outcome", "injured")
    page.fill("#occurred_on", "2020-05-30")
    page.fill("#place", "Country Club Plaza")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=Case saved as a draft.")
    # A new case opens its case file; the case record's own page is one link away.
    page.click(".breadcrumb a:has-text('Case #')")

    page.click("text=Add a new source")
    page.fill("#title", "Protest report")
    page.select_option("#source_kind", "news")
    page.fill("#url", "https://news.example.org/protest-report")
    page.click("button:has-text('Save source')")
    page.wait_for_selector("text=and cited.")

    page.select_option("#demand", str(demand_id))
    page.fill("#note", "An excessive-force case: was there an external investigation?")
    page.click("button:has-text('Link to this demand')")
    page.wait_for_selector("text=Linked to Demand 2")
    page.click("button:has-text('Submit for review')")
    page.wait_for_selector("text=in review")
    page.click("button:has-text('Sign out')")
    page.wait_for_selector("text=You are signed out.")

    _sign_in(page, base, "editor@example.org", None)
    page.goto(f"{base}/manage/")
    queue = page.locator("section", has=page.locator("#queue-heading"))
    queue.locator("text=Use of force at a protest").click()
    page.click("button:has-text('Publish')")
    page.wait_for_selector("text=Case: published.")

    page.goto(f"{base}/demands/2")
    assert page.locator("text=Use of force at a protest").count() >= 1
    page.close()
    assert not violations, "\n".join(violations)

    case = db.session.query(Case).filter_by(title="Use of force at a protest").one()
    assert case.status == "published"
    assert case.created_by_id == volunteer_id
