"""Charts that tell: undated records counted, labels whole, readable on a phone, no empty chart."""

import re

from tests import factories
from tracker.charts.data import cases_by_year_and_outcome, complaints_by_acceptance
from tracker.charts.svg import Chart, Series, render_svg
from tracker.extensions import db

PHONE_COLUMN = 390 - 2 * 16  # a 390 px screen less the page's padding


def _texts(svg):
    """``[(x, anchor, font size, text)]`` of every text element of ``svg``."""
    return [
        (float(x), anchor, float(size), text)
        for x, anchor, size, text in re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)" fill="[^"]+" font-size="([\d.]+)"'
            r"[^>]*>([^<]*)</text>",
            svg,
        )
    ]


def _view_width(svg):
    """The width of the SVG's viewBox."""
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))


def test_undated_cases_are_counted_as_date_unknown(app, client):
    factories.make_case(publish=True, occurred_on=None, date_precision="unknown")
    factories.make_case(publish=True, occurred_on=None, date_precision="unknown", outcome="fatal")
    db.session.commit()
    chart = cases_by_year_and_outcome()
    assert chart.total == 2
    assert chart.rows == [("unknown", "Date unknown")]
    page = client.get("/").get_data(as_text=True)
    figure = page.split('id="cases-by-year-caption"')[1].split("</figure>")[0]
    assert "No published record to count yet" not in figure
    assert "Date unknown" in figure


def test_long_labels_wrap_inside_the_drawing_and_stay_whole_in_the_table(app, client):
    label = "Administrative complaints about a very long category name indeed"
    chart = Chart("long", "Long", [("a", label)], [Series("x", "Accepted")], {("a", "x"): 3})
    svg = str(render_svg(chart))
    width = _view_width(svg)
    texts = _texts(svg)
    shown = " ".join(text for _x, anchor, _size, text in texts if anchor == "start")
    assert label in shown  # every word, wrapped onto lines
    for x, anchor, size, text in texts:
        assert x >= 0
        if anchor == "start":
            assert x + 0.6 * size * len(text) <= width + 1, text


def test_chart_text_is_readable_at_390_px(app):
    factories.make_complaint(publish=True, complaint_kind="administrative", acceptance="refused")
    db.session.commit()
    for chart in (cases_by_year_and_outcome(), complaints_by_acceptance()):
        svg = str(render_svg(chart))
        scale = PHONE_COLUMN / _view_width(svg)
        smallest = min(size for _x, _anchor, size, _text in _texts(svg))
        assert smallest * scale >= 12, chart.key
    assert "Administrative complaints" in str(render_svg(complaints_by_acceptance()))


def test_demands_by_status_is_a_table_not_a_one_bar_chart(app, client):
    factories.make_petition(publish=True, demands=3)
    db.session.commit()
    for path in ("/", "/demands"):
        page = client.get(path).get_data(as_text=True)
        figure = page.split('id="scoreboard-caption"')[1].split("</figure>")[0]
        assert "<svg" not in figure and "<table" in figure, path
