"""An officer named in many records: each section shows its count and latest records, a link
pages through all of them, and the page and its PDF cost the same whatever the numbers."""

from datetime import date

import pytest

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.pages import officer_sections


@pytest.fixture
def small_sections(monkeypatch):
    """Three latest records a section, four a page."""
    monkeypatch.setattr(officer_sections, "LATEST", 3)
    monkeypatch.setattr(officer_sections, "PER_PAGE", 4)


def _complaints(officer, count, start=0):
    """``count`` published complaints naming ``officer``, one a month."""
    for n in range(start, start + count):
        factories.make_complaint(
            publish=True,
            title=f"Complaint number {n:03d}",
            filed_on=date(2000 + n // 12, n % 12 + 1, 1),
            officers=[officer],
        )
    db.session.commit()


def _get(client, url):
    """(HTML, bytes, SQL statements) of a GET of ``url``."""
    with count_queries() as seen:
        response = client.get(url)
    assert response.status_code == 200
    text = response.data.decode() if response.mimetype == "text/html" else ""
    return text, len(response.data), seen.count


def test_a_section_shows_its_count_and_latest_records_with_a_link_to_all(
    app, client, small_sections
):
    officer = factories.make_officer(publish=True)
    _complaints(officer, 10)
    factories.make_complaint(title="Draft complaint", officers=[officer])  # never counted
    db.session.commit()
    html, _size, _queries = _get(client, f"/officers/{officer.id}")
    assert "Complaints (10)" in html and "Draft complaint" not in html
    shown = [n for n in range(10) if f"Complaint number {n:03d}" in html]
    assert shown == [7, 8, 9]  # the latest three, oldest of them first (the section's order)
    assert f"/officers/{officer.id}?records=complaints#complaints-heading" in html
    assert "All 10 complaints" in html


def test_every_record_of_a_kind_pages_in_section_order(app, client, small_sections):
    officer = factories.make_officer(publish=True)
    _complaints(officer, 10)
    seen = []
    for page in (1, 2, 3):
        html, _size, _queries = _get(
            client, f"/officers/{officer.id}?records=complaints&records_page={page}"
        )
        assert f"Page {page} of 3" in html
        seen += [n for n in range(10) if f"Complaint number {n:03d}" in html]
    assert seen == list(range(10))


def test_the_officer_page_and_pdf_cost_the_same_when_the_records_grow(app, client, small_sections):
    officer = factories.make_officer(publish=True)
    _complaints(officer, 5)
    page, page_size, page_queries = _get(client, f"/officers/{officer.id}")
    _pdf, pdf_size, _pdf_queries = _get(client, f"/officers/{officer.id}/report.pdf")
    _complaints(officer, 40, start=5)
    html, size, queries = _get(client, f"/officers/{officer.id}")
    assert queries == page_queries
    assert "Complaints (45)" in html and abs(size - page_size) < 200
    _pdf, grown_pdf_size, _pdf_queries = _get(client, f"/officers/{officer.id}/report.pdf")
    assert grown_pdf_size < pdf_size * 1.2  # the latest three, not 45
