"""Every source on a case page, with its marks, in a real browser; and the README's screenshot.

A case whose complaint, investigation, duty event, legal action and timeline entry each cite
their own source: Chromium shows every one of them in the page's numbered list, each with at
least one visible mark ``[n]`` (read out as "source n") that leads to it, and each line leads to
the source's own page. The last test saves the case page as ``docs/screenshots/case-page.png``
(shown in the README's "The public site").
"""

from datetime import date

import pytest

from tests import factories, screenshots
from tests.test_browser import _axe_violations
from tracker.extensions import db
from tracker.models import CasePerson, Citation, TimelineEvent
from tracker.records.workflow import publish as publish_record

pytestmark = pytest.mark.browser


def _source(title, publisher, kind="news", day=None):
    """A source as a volunteer would enter it."""
    return factories.make_source(
        title=title, publisher=publisher, source_kind=kind, published_on=day
    )


def _cite(record, source):
    """``record`` cites ``source`` too."""
    record.citations.append(Citation(source=source, position=len(record.citations) + 1))


def _published(record, *sources):
    """``record``, citing ``sources`` and published as an editor would."""
    for source in sources:
        _cite(record, source)
    publish_record(record)
    return record


@pytest.fixture
def sourced_case(app):
    """A case whose every part cites a source of its own (some shared): an example world."""
    department = factories.make_agency(publish=True, name="Example City Police Department")
    oversight = factories.make_agency(
        publish=True, name="Example Civilian Review Office", agency_kind="civilian_oversight"
    )
    officer = factories.make_officer(
        publish=True, name="Jordan Example", agency=department, serial_number="4411"
    )
    news = _source(
        "Driver hurt in traffic stop, family says", "Example News", day=date(2021, 3, 15)
    )
    letter = _source(
        "Letter refusing the complaint",
        "Example City Police Department",
        "official_record",
        date(2021, 4, 2),
    )
    case = factories.make_case(
        title="Use of force at a traffic stop (example)",
        officers=[officer],
        outcome="injured",
        occurred_on=date(2021, 3, 14),
        place="Example Avenue and 5th Street",
        summary="A driver was injured during a traffic stop, according to the complaint.",
        narrative=(
            "The complaint alleges that the driver was pulled from the car and struck. "
            "The department said the force used was within policy."
        ),
    )
    _published(case, news)
    case.people.append(CasePerson(person=factories.make_person(publish=True), role="subject"))
    complaint = factories.make_complaint(
        title="Complaint of excessive force",
        case=case,
        filed_with=department,
        filed_on=date(2021, 3, 20),
        acceptance="refused",
        acceptance_reason="The department said the complaint was filed too late",
    )
    _published(
        complaint, _source("The complaint as filed", "Example Legal Aid", "statement"), letter
    )
    investigation = factories.make_investigation(
        title="Civilian review of the stop",
        case=case,
        scope="external",
        agency=oversight,
        opened_on=date(2021, 4, 10),
    )
    review = _source("Review office opens a case", "Example Civilian Review Office", "statement")
    _published(investigation, review, letter)
    payroll = _source(
        "Department statement on the officer's status",
        "Example City Police Department",
        "statement",
    )
    _published(
        factories.make_duty_event(
            officer, title="Officer placed on leave", occurred_on=date(2021, 3, 16)
        ),
        payroll,
    )
    _published(
        factories.make_duty_event(
            officer,
            title="Officer reinstated",
            duty_kind="reinstated",
            occurred_on=date(2021, 5, 1),
            investigations=[investigation],
        ),
        payroll,
    )
    _published(
        factories.make_legal_action(
            title="Civil suit over the stop", case=case, filed_on=date(2021, 9, 1)
        ),
        _source("Petition for damages", "Example County Circuit Court", "court_filing"),
    )
    hospital = _source(
        "Hospital statement on the driver's injuries", "Example General Hospital", "statement"
    )
    event = TimelineEvent(
        occurred_on=date(2021, 3, 14), description="The driver is taken to Example General."
    )
    event.source = hospital
    case.timeline.append(event)
    db.session.commit()
    return case


def _list_items(page):
    """``[(number, source href)]`` of the page's numbered list of sources, as shown."""
    items = page.locator("ol.citations > li")
    found = []
    for index in range(items.count()):
        item = items.nth(index)
        assert item.is_visible()
        number = int(item.get_attribute("id").removeprefix("source-"))
        found.append((number, item.locator("a").first.get_attribute("href")))
    return found


def test_every_source_on_a_case_page_is_shown_with_its_marks(server, page, sourced_case):
    """Each source of the case and its parts is listed and marked where it is cited."""
    case = sourced_case
    page.goto(f"{server}/cases/{case.id}")
    listed = _list_items(page)
    expected = {citation.source_id for citation in case.citations}
    from tracker.models import Record

    for record in db.session.query(Record).filter(Record.status == "published"):
        if record.kind in ("complaint", "investigation", "legal_action", "duty_event"):
            expected |= {citation.source_id for citation in record.citations}
    expected |= {event.source_id for event in case.timeline}
    assert sorted(int(href.rsplit("/", 1)[1]) for _n, href in listed) == sorted(expected)
    assert [number for number, _href in listed] == list(range(1, len(listed) + 1))
    for number, _href in listed:
        marks = page.get_by_role("link", name=f"source {number}", exact=True)
        assert marks.count() >= 1, number
        assert marks.first.is_visible() and marks.first.inner_text() == f"[{number}]"
    # Every entry of the page carries a mark: the case's facts, each part, the timeline.
    entries = page.locator("dl.facts, .part, .duty-events > li, .timeline > li")
    assert entries.count() >= 7
    for index in range(entries.count()):
        assert entries.nth(index).locator("sup.ref a").count() >= 1, index


def test_a_mark_leads_to_its_source_and_the_source_to_its_page(server, page, sourced_case):
    """Following the timeline's mark reaches its line; the line's title opens the source page,
    which leads back to the case at that timeline entry."""
    case = sourced_case
    event = case.timeline[0]
    page.goto(f"{server}/cases/{case.id}")
    mark = page.locator(f"#timeline-{event.id} sup.ref a").first
    target = mark.get_attribute("href")
    mark.click()
    page.wait_for_url(f"**/cases/{case.id}{target}")
    line = page.locator(target)
    assert line.is_visible() and "Hospital statement" in line.inner_text()
    line.get_by_role("link", name="Hospital statement on the driver's injuries").click()
    page.wait_for_url(f"**/sources/{event.source_id}")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hospital statement")
    page.get_by_role("link", name=case.title).click()
    page.wait_for_url(f"**#timeline-{event.id}")
    assert _axe_violations(page) == []


def test_axe_finds_no_violation_on_the_sourced_case_and_its_source_pages(
    server, page, sourced_case
):
    """The marks and the list pass axe-core, as do the pages of the sources they lead to."""
    page.goto(f"{server}/cases/{sourced_case.id}")
    found = {"case": _axe_violations(page)}
    for _number, href in _list_items(page)[:3]:
        page.goto(server + href)
        found[href] = _axe_violations(page)
    assert {path: items for path, items in found.items() if items} == {}


def test_screenshot_of_a_public_case_page_for_the_readme(server, browser, sourced_case, tmp_path):
    """Takes docs/screenshots/case-page.png: the case page a reader sees, sources included."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    shot = context.new_page()
    shot.goto(f"{server}/cases/{sourced_case.id}")
    taken = tmp_path / "case-page.png"
    shot.screenshot(path=str(taken), full_page=True)
    context.close()
    assert taken.stat().st_size > 10_000
    screenshots.keep(taken, "case-page.png")
