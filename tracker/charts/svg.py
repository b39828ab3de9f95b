"""Stacked horizontal bar charts as SVG markup, with no JavaScript and no external assets.

``Chart`` holds the numbers; ``render_svg(chart)`` draws them. Pages put ``chart_table`` (in
``templates/charts/_chart.html``) beside the drawing, so screen-reader users get the numbers as a
table; the SVG itself carries a title and a description naming every figure.
"""

import textwrap
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Dark enough for white labels and 3:1 against the white page.
PALETTE = ("#0b4f8a", "#a4161a", "#7a4b00", "#1d6b33", "#5b3a8e", "#4a4a4a")
# A phone's width: the drawing is scaled to the column (at most 28rem, site.css), so on a
# 390 px screen (358 px of column) a 13-unit label is about 13 px tall, never smaller.
WIDTH = 360
FONT = 13
LINE = 17  # the height of a line of label text
BAR_HEIGHT = 20
ROW_GAP = 10
TOTAL_SPACE = 40  # room right of the longest bar for its total
CHAR_WIDTH = 0.6 * FONT  # a generous average glyph width, so wrapped lines never overflow


def wrap_label(label, width=WIDTH):
    """``label`` in lines that fit ``width`` (long words are kept whole, never clipped)."""
    return textwrap.wrap(label, max(8, int(width / CHAR_WIDTH)), break_long_words=False) or [""]


@dataclass
class Series:
    """One stacked segment kind, e.g. the outcome "Fatal"."""

    key: str
    label: str
    color: str = ""


@dataclass
class Chart:
    """Rows (e.g. years) by series (e.g. outcomes) of counts."""

    key: str
    title: str
    rows: list  # [(row key, row label)]
    series: list  # [Series]
    values: dict = field(default_factory=dict)  # {(row key, series key): count}
    row_heading: str = ""  # what the rows are ("Year"), for the table's first column

    def __post_init__(self):
        """Give each series a colour from the palette unless it has one."""
        for index, item in enumerate(self.series):
            item.color = item.color or PALETTE[index % len(PALETTE)]

    def value(self, row, series):
        """The count for ``row`` and ``series`` (0 when none)."""
        return self.values.get((row, series), 0)

    def row_total(self, row):
        """The sum of a row."""
        return sum(self.value(row, item.key) for item in self.series)

    @property
    def total(self):
        """The sum of every count."""
        return sum(self.values.values())

    def describe(self):
        """Every figure in words, for the SVG's description."""
        parts = []
        for row, label in self.rows:
            figures = ", ".join(
                f"{item.label} {self.value(row, item.key)}"
                for item in self.series
                if self.value(row, item.key)
            )
            parts.append(f"{label}: {figures or 'none'}")
        return "; ".join(parts) + "."


def _text(x, y, content, anchor="start", fill="#1b1b1b", size=FONT, weight="normal"):
    """An SVG text element with escaped content."""
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{fill}" font-size="{size}" '
        f'font-weight="{weight}" font-family="system-ui, sans-serif">{escape(content)}</text>'
    )


def _legend(chart):
    """The legend's SVG parts and its height: swatches that wrap onto as many lines as needed."""
    parts, x, y = [], 0, 0
    for item in chart.series:
        width = 22 + CHAR_WIDTH * len(item.label)
        if x and x + width > WIDTH:
            x, y = 0, y + LINE + 4
        parts.append(f'<rect x="{x}" y="{y + 2}" width="14" height="14" fill="{item.color}"/>')
        parts.append(_text(x + 18, y + 14, item.label))
        x += width + 12
    return parts, y + LINE + 8


def render_svg(chart):
    """Draw ``chart`` as stacked horizontal bars, each under its label, with a legend.

    Labels sit on their own lines above their bars and wrap, so none is ever clipped; the
    table beside the drawing holds every label and number in full.
    """
    rows = chart.rows or [("", "No records yet")]
    scale_max = max((chart.row_total(row) for row, _ in chart.rows), default=0) or 1
    bar_space = WIDTH - TOTAL_SPACE
    title_id, desc_id = f"chart-{chart.key}-title", f"chart-{chart.key}-desc"
    parts, y = _legend(chart)
    body = []
    for row, label in rows:
        for line in wrap_label(label):
            y += LINE
            body.append(_text(0, y - 4, line, weight="600"))
        offset = 0
        for item in chart.series:
            count = chart.value(row, item.key)
            if not count:
                continue
            width = max(2, round(bar_space * count / scale_max))
            body.append(
                f'<rect x="{offset}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="{item.color}"><title>{escape(label)}, {escape(item.label)}: '
                f"{count}</title></rect>"
            )
            if width >= 22:
                body.append(_text(offset + width / 2, y + 15, str(count), "middle", "#fff"))
            offset += width
        total = chart.row_total(row)
        body.append(_text(offset + 6, y + 15, str(total) if row != "" else "", weight="bold"))
        y += BAR_HEIGHT + ROW_GAP
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {y}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.describe())}</desc>',
    ]
    svg = "".join(head + parts + body + ["</svg>"])
    return Markup(svg)  # noqa: S704  # nosec B704  # every label above is escaped
