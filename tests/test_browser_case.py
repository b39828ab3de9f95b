"""The issue's real-sized case, logged in a real browser through the case file, then published.

A volunteer logs a person, an officer, a timeline, a refused criminal complaint, an open
external investigation, the officer's reinstatement while it was open, a civil suit, two
sources and three demand links; an editor reviews the bundle on one page and publishes it.
The test counts page loads (main-frame navigations) and clicks (every click, tick and choice
from a list), checks every new page with axe, and saves the screenshots the README's
"Logging a case" walkthrough shows (docs/screenshots/).
"""

import tempfile
from pathlib import Path

import pytest

from tests import screenshots
from tests.conftest import PASSWORD, csp_violations
from tracker.extensions import db
from tracker.models import Case, Record

pytestmark = pytest.mark.browser

# The goal: a volunteer needs at most 15 page loads and 30 clicks, an editor 4 loads.
VOLUNTEER_LOADS, VOLUNTEER_CLICKS, EDITOR_LOADS = 15, 30, 4


@pytest.fixture
def live_server(app, server):
    """The served app with CSRF protection on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return server


class Counted:
    """A Playwright page whose page loads, clicks and typed fields are counted."""

    def __init__(self, page):
        """Count main-frame navigations of ``page``."""
        self.page, self.loads, self.clicks, self.entries = page, 0, 0, 0
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        """One page load per main-frame navigation (a redirect after a POST counts once)."""
        if frame == self.page.main_frame:
            self.loads += 1

    def goto(self, url):
        """Open an address (a load; typing or following a link from elsewhere)."""
        self.page.goto(url)

    def click(self, selector):
        """Click something."""
        self.clicks += 1
        self.page.click(selector)

    def choose(self, selector, value):
        """Choose from a list: one click."""
        self.clicks += 1
        self.page.select_option(selector, value)

    def fill(self, selector, value):
        """Type into a field: one field entry."""
        self.entries += 1
        self.page.fill(selector, value)

    def quick_create(self, field_id, kind, values):
        """Create a person/officer/agency from the lookup ``field_id`` in the dialog."""
        self.click(f"details[data-target='{field_id}'] summary")
        for name, value in values.items():
            if name == "agency_kind":
                self.choose(f"#quick-{field_id}-{name}", value)
            else:
                self.fill(f"#quick-{field_id}-{name}", value)
        self.click(f"dialog[open] button:has-text('Create and choose this {kind}')")
        self.page.wait_for_selector("dialog[open]", state="hidden")
        assert "(#" in self.page.input_value(f"#{field_id}")


def _axe(page):
    """axe-core's violations on the loaded page, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{item['id']}: {[node['target'] for node in item['nodes']][:3]}"
        for item in results.response["violations"]
    ]


def _shot(page, name):
    """Take a screenshot for the README walkthrough (kept when missing or asked for)."""
    with tempfile.TemporaryDirectory() as folder:
        taken = Path(folder) / f"{name}.png"
        page.screenshot(path=str(taken), full_page=True)
        screenshots.keep(taken, taken.name)


def _log_the_case(v, base, axe_found):
    """The volunteer's whole session; returns the case's id."""
    page = v.page
    v.goto(f"{base}/login?next=/manage/")
    v.fill("#email", "volunteer@example.org")
    v.fill("#password", PASSWORD)
    v.click("button:has-text('Sign in')")
    page.wait_for_selector("text=New case")
    v.click("a:has-text('New case')")

    v.fill("#title", "Kicked during an arrest on Prospect Avenue")
    v.choose("#case_kind", "use_of_force")
    v.choose("#outcome", "injured")
    v.fill("#occurred_on", "2023-03-14")
    v.fill("#place", "Prospect Avenue, Kansas City")
    v.fill("#summary", "A man was kicked while handcuffed; the officer was later reinstated.")
    v.quick_create("people-0-person", "person", {"name": "Darnell Example"})
    v.quick_create(
        "officers-0-officer", "officer", {"name": "Officer Kyle Sample", "serial_number": "4411"}
    )
    v.fill("#timeline-0-occurred_on", "2023-03-14")
    v.fill("#timeline-0-description", "Arrest; video shows kicks while handcuffed.")
    v.fill("#timeline-1-occurred_on", "2023-06-02")
    v.fill("#timeline-1-description", "Officer reinstated while the review was open.")
    _shot(page, "1-case-form")
    axe_found["case form with quick-create"] = _axe(page)
    v.click("form.form button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Case file')")
    case_id = int(page.url.rstrip("/").split("/")[-1].split("#")[0])
    axe_found["case file"] = _axe(page)

    v.click("a:has-text('Add a complaint')")
    v.fill("#title", "Criminal complaint refused by the prosecutor")
    v.choose("#complaint_kind", "criminal")
    v.fill("#filed_on", "2023-03-20")
    v.fill("#filed_with", "Jackson County Prosecutor")
    v.choose("#acceptance", "refused")
    v.fill("#acceptance_reason", "Insufficient evidence, the office said.")
    _shot(page, "2-complaint-prefilled")
    axe_found["complaint form from the case file"] = _axe(page)
    v.click("button:has-text('Save, then add an investigation')")
    page.wait_for_selector("h1:has-text('New investigation')")

    v.fill("#title", "External review by the State Highway Patrol")
    v.choose("#scope", "external")
    v.quick_create(
        "agency",
        "agency",
        {"name": "Missouri State Highway Patrol", "agency_kind": "state_agency"},
    )
    v.fill("#opened_on", "2023-04-01")
    v.click("button:has-text('Save, then add a duty event')")
    page.wait_for_selector("h1:has-text('New duty event')")

    v.fill("#title", "Officer Sample reinstated")
    v.choose("#duty_kind", "reinstated")
    v.fill("#occurred_on", "2023-06-02")
    v.fill("#investigations-0", "External review by the State Highway Patrol")
    v.click("button:has-text('Save, then add a legal action')")
    page.wait_for_selector("h1:has-text('New legal action')")

    v.fill("#title", "Example v. Sample (civil suit)")
    v.choose("#action_kind", "civil_suit")
    v.quick_create("court", "agency", {"name": "U.S. District Court, W.D. Missouri"})
    v.fill("#docket_number", "4:23-cv-00417")
    v.fill("#filed_on", "2023-09-01")
    v.click("form.form button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Case file')")

    for number, (url, title) in enumerate(
        [
            ("https://news.example.org/prospect-arrest", "The Star: kicked while handcuffed"),
            ("https://courts.example.org/4-23-cv-00417", "Complaint, Example v. Sample"),
        ]
    ):
        v.fill("#new_url", url)
        v.fill("#new_title", title)
        v.click("button:has-text('Tick all')")
        v.fill("#records-0-locator", "p. 2" if number else "video at 1:14")
        if number == 0:
            _shot(page, "3-cite-once")
        v.click("button:has-text('Cite on the ticked records')")
        page.wait_for_selector("text=Source cited on")

    for index, note in enumerate(
        ["No external investigation of force.", "Reinstated while under review.", "Refused."]
    ):
        v.fill(f"#demands-{index}-note", note)  # typing a note ticks its demand
    v.click("button:has-text('Link to the ticked demands')")
    page.wait_for_selector("text=Linked")
    v.click("button:has-text('Submit the case for review')")
    page.wait_for_selector("text=to the editors for review")
    _shot(page, "4-case-file-submitted")
    axe_found["case file, submitted"] = _axe(page)
    return case_id


def test_a_volunteer_logs_a_whole_case_and_an_editor_publishes_it(
    browser, live_server, demo, users
):
    base = live_server
    db.session.remove()
    axe_found = {}

    context = browser.new_context()
    violations = csp_violations(context)
    volunteer = Counted(context.new_page())
    volunteer.page.set_default_timeout(15_000)
    case_id = _log_the_case(volunteer, base, axe_found)
    context.close()

    context = browser.new_context()
    violations += csp_violations(context)
    editor = Counted(context.new_page())
    page = editor.page
    page.set_default_timeout(15_000)
    # The editor follows a link to the case's review (a notice, the review queue).
    editor.goto(f"{base}/manage/cases/{case_id}/review")
    editor.fill("#email", "editor@example.org")
    editor.fill("#password", PASSWORD)
    editor.click("button:has-text('Sign in')")
    page.wait_for_selector("h1:has-text('Review the case')")
    _shot(page, "5-editor-review")
    axe_found["review page"] = _axe(page)
    editor.click("#confirmed")  # the court and the patrol stay drafts: the page warned
    editor.click("button:has-text('Publish all')")
    page.wait_for_selector("text=Published")
    context.close()

    print(
        f"\nvolunteer: {volunteer.loads} page loads, {volunteer.clicks} clicks, "
        f"{volunteer.entries} field entries; editor: {editor.loads} page loads, "
        f"{editor.clicks} clicks, {editor.entries} field entries"
    )
    assert {name: found for name, found in axe_found.items() if found} == {}
    assert not violations, "\n".join(violations)
    case = db.session.get(Case, case_id)
    assert case.status == "published"
    published = db.session.query(Record).filter(Record.status == "published").count()
    assert published >= 6
    assert len(case.citations) == 2 and len(case.demand_links) == 3
    assert volunteer.loads <= VOLUNTEER_LOADS
    assert volunteer.clicks <= VOLUNTEER_CLICKS
    assert editor.loads <= EDITOR_LOADS
