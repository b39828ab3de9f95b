"""The Atom feed, the front page's numbers and the SVG charts with their tables."""

import xml.etree.ElementTree as ET
from datetime import date

from tests import factories
from tracker.charts.data import cases_by_year_and_outcome, demand_scoreboard
from tracker.charts.svg import Chart, Series, render_svg
from tracker.extensions import db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_is_valid_atom_of_published_records(app, client):
    case = factories.make_case(publish=True, title="Feed case & more", summary="Short summary")
    factories.make_case(title="Draft in no feed")
    db.session.commit()
    response = client.get("/feed.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)  # noqa: S314 (our own feed)
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == ["Case: Feed case & more"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"http://localhost/cases/{case.id}-{case.slug}"  # the canonical address
    assert entries[0].findtext(f"{ATOM}updated").endswith("+00:00")
    assert entries[0].findtext(f"{ATOM}summary") == "Short summary"


def test_empty_feed_is_still_valid(client):
    root = ET.fromstring(client.get("/feed.xml").data)  # noqa: S314
    assert root.findall(f"{ATOM}entry") == []


def test_front_page_has_numbers_charts_and_feed_link(app, client):
    factories.make_case(publish=True, outcome="fatal", occurred_on=date(2019, 4, 1))
    factories.make_case(publish=True, outcome="injured", occurred_on=date(2020, 4, 1))
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "<strong>2</strong> published cases" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "<caption>Cases per year, by outcome: the numbers</caption>" in page
    assert 'type="application/atom+xml"' in page


def test_cases_chart_counts_published_cases_by_year_and_outcome(app):
    factories.make_case(publish=True, outcome="fatal", occurred_on=date(2019, 4, 1))
    factories.make_case(publish=True, outcome="fatal", occurred_on=date(2019, 5, 1))
    factories.make_case(publish=True, outcome="none", occurred_on=date(2021, 5, 1))
    factories.make_case(outcome="fatal", occurred_on=date(2019, 6, 1))
    db.session.commit()
    chart = cases_by_year_and_outcome()
    assert chart.rows == [(2019, "2019"), (2021, "2021")]
    assert chart.value(2019, "fatal") == 2 and chart.value(2021, "none") == 1
    assert chart.total == 3
    assert "2019: Fatal 2" in chart.describe()


def test_svg_escapes_labels_and_describes_every_figure():
    chart = Chart(
        key="x",
        title="<Title> & co",
        rows=[("a", "<row>")],
        series=[Series("s", "S&P")],
        values={("a", "s"): 3},
    )
    svg = str(render_svg(chart))
    assert "<row>" not in svg and "&lt;row&gt;" in svg and "S&amp;P" in svg
    assert 'role="img"' in svg and "<desc" in svg and "&lt;row&gt;: S&amp;P 3." in svg


def test_scoreboard_chart_counts_statuses():
    class Demand:
        def __init__(self, status):
            self.demand_status = status

    chart = demand_scoreboard([Demand("not_met"), Demand("not_met"), Demand("met")])
    assert chart.value("demands", "not_met") == 2 and chart.value("demands", "met") == 1
