"""Every public page at 360 px: no horizontal scrolling, and axe-core finds no violation.

"Every public page" is every HTML page of the public blueprints that the demo data and the
search world publish: each case, officer, demand and source page, the lists, search (with
facets), the downloads page. Charts and the case list's filter disclosure are checked on the
phone too: the filters start closed there, so the first screen shows cases.
"""

import pytest
from sqlalchemy import select

from tests import search_world
from tests.conftest import csp_violations
from tracker.extensions import db
from tracker.models import Case, Demand, Officer, Source

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def world(app, demo):
    """The demo data and the search world."""
    records = search_world.build()
    db.session.commit()
    return records


def public_paths():
    """Every public HTML page of the published records, and the lists and searches."""
    published = lambda model: db.session.scalars(  # noqa: E731
        select(model.id).where(model.status == "published").order_by(model.id)
    ).all()
    numbers = db.session.scalars(
        select(Demand.number).where(Demand.status == "published").order_by(Demand.number)
    ).all()
    sources = db.session.scalars(select(Source.id).order_by(Source.id)).all()
    return [
        "/",
        "/cases",
        "/cases?q=medical+center&outcome=fatal",
        "/officers",
        "/demands",
        "/data",
        "/search?q=patrol",
        "/search?q=stokes&kind=person",
        "/search?q=nothingmatchesthis",
        *[f"/cases/{item}" for item in published(Case)],
        *[f"/officers/{item}" for item in published(Officer)],
        *[f"/demands/{number}" for number in sorted(set(numbers))],
        *[f"/sources/{item}" for item in sources],
    ]


def _axe_violations(page):
    """axe-core's violations on the loaded page, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{item['id']}: {[node['target'] for node in item['nodes']][:3]}"
        for item in results.response["violations"]
    ]


def test_every_public_page_fits_360_px_and_passes_axe(server, browser, world):
    context = browser.new_context(viewport=PHONE)
    violations = csp_violations(context)
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    too_wide, failing, checked = {}, {}, 0
    for path in public_paths():
        response = phone.goto(server + path)
        if response.status != 200:
            continue  # a source nothing published cites
        checked += 1
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = (
                width,
                phone.evaluate(
                    "() => [...document.querySelectorAll('body *')]"
                    ".filter(e => e.getBoundingClientRect().right > 361)"
                    ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
                ),
            )
        found = _axe_violations(phone)
        if found:
            failing[path] = found
    context.close()
    assert checked >= 30
    assert too_wide == {}
    assert failing == {}
    assert not violations, "\n".join(violations)


def test_case_filters_start_closed_on_a_phone_and_open_on_a_desktop(server, browser, world):
    for viewport, expected in ((PHONE, False), ({"width": 1200, "height": 900}, True)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(server + "/cases")
        is_open = page.evaluate("document.querySelector('details.filter-disclosure').open")
        assert is_open is expected, viewport
        context.close()


def test_chart_labels_are_at_least_12_px_on_a_390_px_phone(server, browser, world):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('svg.chart text')]"
        ".map(t => t.getBoundingClientRect().height)"
    )
    context.close()
    assert sizes and min(sizes) >= 12, sizes
