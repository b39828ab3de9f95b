"""The public site in a real browser: accessibility (axe-core), phones, search, filters, paging.

Runs Debian's Chromium through Playwright against the app served by werkzeug in a thread, on
the test database. Skipped when Chromium is missing, except under CI, where that is a failure.
"""

from datetime import date

import pytest

from tests import factories
from tests.conftest import csp_violations, make_user
from tracker.extensions import db
from tracker.models import CasePerson, Citation, TimelineEvent

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app, demo):
    """The demo data plus enough cases to paginate and a user to sign in as."""
    app.config["PER_PAGE"] = 3
    for number in range(5):
        factories.make_case(
            publish=True,
            title=f"Browser case {number}",
            case_kind="shooting" if number % 2 else "use_of_force",
            occurred_on=date(2021, 1, number + 1),
            narrative=f"A narrative about lanterns number {number}.",
        )
    _rich_case()
    make_user("volunteer", email="volunteer@example.org")
    db.session.commit()
    return db


def _rich_case():
    """A case with every section of the case page filled, for axe to check."""
    agency = factories.make_agency(publish=True, name="Browser Police Department")
    officer = factories.make_officer(publish=True, name="Browser Officer", agency=agency)
    case = factories.make_case(
        publish=True,
        title="Browser rich case",
        officers=[officer],
        occurred_on=date(2021, 2, 1),
        narrative="A **narrative** with a [link](https://example.org).",
    )
    case.people.append(CasePerson(person=factories.make_person(publish=True), role="subject"))
    case.timeline.append(TimelineEvent(occurred_on=date(2021, 2, 2), description="Vigil"))
    factories.make_complaint(publish=True, case=case, filed_with=agency, acceptance="refused")
    investigation = factories.make_investigation(
        publish=True, case=case, agency=agency, opened_on=date(2021, 2, 3)
    )
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2021, 3, 1),
        investigations=[investigation],
    )
    factories.make_legal_action(publish=True, case=case, amount_claimed=1000)
    document = factories.make_document_source(title="Browser police report", publisher="KCPD")
    document.document_reviewed_at = date(2021, 3, 2)
    case.citations.append(Citation(source=document))
    return case


def _document_source_id():
    """The rich case's reviewed document source."""
    from tracker.models import Source

    return db.session.query(Source).filter_by(title="Browser police report").one().id


def _axe_violations(page):
    """axe-core's violations on the loaded page, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{item['id']}: {[node['target'] for node in item['nodes']][:3]}"
        for item in results.response["violations"]
    ]


def test_axe_finds_no_violations_on_public_pages_and_login(server, page, site):
    from tracker.models import Case, Officer

    case = db.session.query(Case).filter_by(title="Browser rich case").one()
    officer = db.session.query(Officer).filter_by(name="Browser Officer").one()
    demo_case = db.session.query(Case).filter_by(title="Death of Donnie Sanders").one()
    paths = [
        "/",
        "/cases",
        f"/cases/{case.id}",
        f"/cases/{demo_case.id}",
        "/officers",
        f"/officers/{officer.id}",
        "/demands",
        "/demands/4",
        "/search?q=sanders",
        f"/sources/{_document_source_id()}",
        "/login",
    ]
    found = {}
    for path in paths:
        page.goto(server + path)
        violations = _axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


def test_axe_finds_no_violations_on_workspace_forms(server, page, site):
    from tests.conftest import PASSWORD

    page.goto(server + "/login")
    page.fill("#email", "volunteer@example.org")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    found = {}
    source = f"/manage/sources/{_document_source_id()}"
    for path in ("/manage/", "/manage/case/new", "/manage/complaint/new", source, "/data"):
        page.goto(server + path)
        violations = _axe_violations(page)
        if violations:
            found[path] = violations
    # A form sent back with errors beside its fields must stay accessible too.
    page.goto(server + "/manage/case/new")
    page.click("form.form > button[type=submit]")  # Save, not a quick-create button
    page.wait_for_selector(".error")
    violations = _axe_violations(page)
    if violations:
        found["/manage/case/new with errors"] = violations
    assert found == {}


def test_pages_fit_a_360_pixel_phone(server, browser, site):
    from tracker.models import Case, Officer

    case = db.session.query(Case).filter_by(status="published").first()
    officer = db.session.query(Officer).filter_by(status="published").first()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    violations = csp_violations(context)
    phone = context.new_page()
    paths = ["/", "/cases", f"/cases/{case.id}", "/officers", f"/officers/{officer.id}"]
    for path in paths + ["/demands", "/demands/1", "/search?q=case"]:
        phone.goto(server + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        wide = phone.evaluate(
            "() => [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > 361)"
            ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
        )
        assert width <= 360, (path, width, wide)
    context.close()
    assert not violations, "\n".join(violations)


def test_navigate_from_home_to_a_case_and_back(server, page, site):
    page.goto(server + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases").click()
    page.wait_for_url("**/cases")
    page.get_by_role("link", name="Browser case 4").click()
    page.wait_for_url("**/cases/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Browser case 4"
    page.go_back()
    page.wait_for_url("**/cases")
    page.go_back()
    assert page.url == server + "/"


def test_skip_link_is_first_and_moves_focus(server, page, site):
    page.goto(server + "/cases")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_finds_and_highlights(server, page, site):
    page.goto(server + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Words to find").fill("lantern")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=lantern*")
    assert "5 published records match" in page.locator(".result-count").inner_text()
    assert page.locator(".search-hit mark").count() >= 1
    page.get_by_role("link", name="Browser case 3").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Browser case 3"


def test_filters_and_pagination_keep_a_shareable_url(server, page, site):
    page.goto(server + "/cases")
    page.get_by_label("Kind of case").select_option("shooting")
    page.get_by_label("Sort").select_option("title")
    page.get_by_role("button", name="Show cases").click()
    page.wait_for_url("**/cases?*kind=shooting*")
    assert "match these filters" in page.locator(".result-count").inner_text()
    titles = page.locator(".case-title").all_inner_texts()
    assert titles == ["Browser case 1", "Browser case 3"]

    page.goto(server + "/cases?sort=title")
    assert page.locator(".case-title").count() == 3
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2**")
    assert "Page 2 of" in page.locator(".pagination").inner_text()
    shared = page.url
    page.goto(shared)
    assert "Page 2 of" in page.locator(".pagination").inner_text()


def test_print_layout_hides_navigation_and_forms(server, page, site):
    page.goto(server + "/cases")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert not page.get_by_role("button", name="Show cases").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
