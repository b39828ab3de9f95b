"""Stacked horizontal bar charts as SVG markup, with no JavaScript and no external assets.

``Chart`` holds the numbers; ``render_svg(chart)`` draws them. Pages put ``chart_table`` (in
``templates/charts/_chart.html``) beside the drawing, so screen-reader users get the numbers as a
table; the SVG itself carries a title and a description naming every figure.
"""

from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Dark enough for white labels and 3:1 against the white page.
PALETTE = ("#0b4f8a", "#a4161a", "#7a4b00", "#1d6b33", "#5b3a8e", "#4a4a4a")
WIDTH = 640
LABEL_WIDTH = 170
ROW_HEIGHT = 30
BAR_HEIGHT = 20
LEGEND_HEIGHT = 28


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


def _text(x, y, content, anchor="start", fill="#1b1b1b", size=13, weight="normal"):
    """An SVG text element with escaped content."""
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{fill}" font-size="{size}" '
        f'font-weight="{weight}" font-family="system-ui, sans-serif">{escape(content)}</text>'
    )


def render_svg(chart):
    """Draw ``chart`` as stacked horizontal bars with a legend; returns ``Markup``."""
    rows = chart.rows or [("", "No records yet")]
    height = LEGEND_HEIGHT + ROW_HEIGHT * len(rows) + 8
    scale_max = max((chart.row_total(row) for row, _ in chart.rows), default=0) or 1
    bar_space = WIDTH - LABEL_WIDTH - 40
    title_id, desc_id = f"chart-{chart.key}-title", f"chart-{chart.key}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.describe())}</desc>',
    ]
    x = 0
    for item in chart.series:
        parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{item.color}"/>')
        parts.append(_text(x + 18, 16, item.label, size=12))
        x += 26 + 7 * len(item.label)
    for index, (row, label) in enumerate(rows):
        y = LEGEND_HEIGHT + index * ROW_HEIGHT
        parts.append(_text(LABEL_WIDTH - 8, y + 15, label, anchor="end"))
        offset = LABEL_WIDTH
        for item in chart.series:
            count = chart.value(row, item.key)
            if not count:
                continue
            width = max(2, round(bar_space * count / scale_max))
            parts.append(
                f'<rect x="{offset}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="{item.color}"><title>{escape(label)}, {escape(item.label)}: '
                f"{count}</title></rect>"
            )
            if width >= 18:
                parts.append(_text(offset + width / 2, y + 15, str(count), "middle", "#fff", 12))
            offset += width
        total = chart.row_total(row)
        parts.append(_text(offset + 6, y + 15, str(total) if row != "" else "", weight="bold"))
    parts.append("</svg>")
    svg = "".join(parts)
    return Markup(svg)  # noqa: S704  # nosec B704  # every label above is escaped
