"""Sanitized Markdown, dates with their precision, and safe redirect targets."""

from datetime import date

import pytest

from tracker.auth.safety import safe_next
from tracker.templating import format_date, render_markdown


def test_markdown_renders_and_sanitizes():
    html = render_markdown(
        "**Bold** [ok](https://example.org) [bad](javascript:alert(1))\n\n"
        "<script>alert(1)</script> <img src=x onerror=alert(1)> ![img](file:///etc/passwd)"
    )
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert 'href="javascript' not in html
    # Raw HTML is shown as text, never as markup; images are not allowed at all.
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "src=" not in html.replace("&lt;img src=x", "")


def test_empty_markdown_is_empty():
    assert render_markdown(None) == ""


@pytest.mark.parametrize(
    ("precision", "expected"),
    [("day", "3 June 2020"), ("month", "June 2020"), ("year", "2020"), ("unknown", "date unknown")],
)
def test_dates_show_their_precision(precision, expected):
    assert format_date(date(2020, 6, 3), precision) == expected


def test_missing_date():
    assert format_date(None) == "date unknown"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\\evil.example",
        "https:evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/ok\r\nSet-Cookie: x",
        "",
        None,
        "relative/path",
    ],
)
def test_unsafe_next_targets_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/", "/manage", "/cases?kind=shooting&page=2"])
def test_local_paths_are_followed(target):
    assert safe_next(target) == target
