"""A small server-rendered SVG bar chart, so a PDF shows an indicator without any script."""

from base64 import b64encode

from markupsafe import escape

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 260
BAR_WIDTH = 300


def bar_chart_svg(figures):
    """An SVG of one horizontal bar per ``(label, value)``, labelled with the value."""
    figures = list(figures)
    top = max((value for _, value in figures), default=0) or 1
    height = len(figures) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="11">'
    ]
    for index, (label, value) in enumerate(figures):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * value / top)
        text_y = y + BAR_HEIGHT * 0.7
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 1)}" height="{BAR_HEIGHT}" '
            f'fill="#1f4e79"/>'
            f'<text x="{LABEL_WIDTH + max(length, 1) + 6}" y="{text_y}">{int(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_data_uri(figures):
    """The chart as a ``data:`` URI, which the sandboxed PDF fetcher accepts."""
    svg = bar_chart_svg(figures).encode()
    return "data:image/svg+xml;base64," + b64encode(svg).decode()


def indicator_chart(indicator):
    """The chart of a demand's indicator (one bar per figure) as a ``data:`` URI."""
    return bar_chart_data_uri((figure.label, figure.value) for figure in indicator.figures)
