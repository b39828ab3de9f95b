"""Hostile Markdown: bounded on the page and in the PDFs, and one record never breaks a report.

A 1,001-character narrative of nested emphasis made WeasyPrint raise RecursionError (its case
report and every multi-case report answered 500), and a 20,000-character table took 12 s to lay
out. These tests check the bounds by the structure of the output, never by the clock.
"""

import logging
from html.parser import HTMLParser

import pytest

from tests import factories
from tests.pdftext import pdf_text
from tracker import templating
from tracker.templating import (
    MAX_MARKDOWN_DEPTH,
    MAX_MARKDOWN_ELEMENTS,
    MAX_PLAIN_PARAGRAPHS,
    render_markdown,
)

NESTED_EMPHASIS = "*" * 500 + "x" + "*" * 500
TABLE = "\n".join(  # 20,000 characters, as much as a form accepts
    ["| when | who | what |", "|---|---|---|"]
    + [f"| row{n} | b | c |" for n in range(1, 1053)]
    + ["| lastrow | b | c |"]
)
HOSTILE = {
    "nested emphasis": NESTED_EMPHASIS,
    "table": TABLE,
    "nested quotes": ">" * 5000 + " deepquote",
    "nested lists": "".join("  " * depth + "- item\n" for depth in range(120)) + "\nend",
    "quotes and lists": "> - " * 400 + "deepitem",
    "many items": "- item\n" * 2800,
    "many line breaks": "line  \n" * 2800,
    "many rules": "***\n" * 4000,
    "long code block": "```\n" + "code\n" * 3900 + "```",
    "strong and links": "**" * 1500 + "[deeplink](https://example.org)" + "**" * 1500,
    "too long": "word " * 60_000 + "finalword",
}


class _Shape(HTMLParser):
    """The deepest nesting and the number of elements in an HTML fragment, and its text."""

    VOID = {"br", "hr"}

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = self.elements = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.elements += 1
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        self.text.append(data)


def _shape(html):
    parser = _Shape()
    parser.feed(str(html))
    return parser


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_is_bounded_and_keeps_its_words(name):
    text = HOSTILE[name]
    shape = _shape(render_markdown(text))
    # Depth: the bound, plus a paragraph (always kept); elements: the budget, plus the plain
    # paragraphs that follow it and a list's closing tags.
    assert shape.deepest <= MAX_MARKDOWN_DEPTH + 1
    assert shape.elements <= MAX_MARKDOWN_ELEMENTS + MAX_PLAIN_PARAGRAPHS + 1
    words = "".join(shape.text)
    last_word = text.split()[-1].strip("*[]`()").split("]")[0]
    if name == "too long":
        assert "more characters are not shown" in words
    elif name not in ("many rules", "long code block"):
        assert last_word in words, f"{last_word!r} was lost"


def test_nested_emphasis_keeps_the_outer_levels():
    html = str(render_markdown(NESTED_EMPHASIS))
    assert html.count("<strong>") == MAX_MARKDOWN_DEPTH - 1  # inside the paragraph
    assert ">x<" in html


def test_a_table_keeps_its_first_rows_as_a_table_and_the_rest_as_text():
    html = str(render_markdown(TABLE))
    assert html.startswith("<table>") and "<td>row1</td>" in html
    assert html.count("<tr>") < 200
    tail = html[html.index("</table>") :]
    assert "row1052 | b | c |" in tail and "lastrow" in tail


def test_the_table_is_as_long_as_a_form_accepts():
    assert 19_900 < len(TABLE) <= 20_000


def test_ordinary_markdown_is_unchanged():
    text = "Para *one* with [a link](https://example.org).\n\n> quoted **text**\n\n- a\n- b\n"
    html = str(render_markdown(text))
    assert "<em>one</em>" in html and "<blockquote>" in html and "<li>a</li>" in html
    assert "<strong>text</strong>" in html and 'href="https://example.org"' in html


def test_a_text_that_fails_to_render_is_shown_as_such_and_logged(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(templating._markdown, "parse", broken)
    with caplog.at_level(logging.ERROR, logger="tracker.templating"):
        html = str(render_markdown("anything"))
    assert "could not be rendered" in html
    assert any("could not be rendered" in record.getMessage() for record in caplog.records)


@pytest.fixture
def report_cache(app, tmp_path):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None


def _hostile_cases(db):
    """One published case per hostile narrative, and an ordinary one."""
    cases = {
        name: factories.make_case(publish=True, title=f"Hostile {name}", narrative=text)
        for name, text in HOSTILE.items()
    }
    ordinary = factories.make_case(
        publish=True, title="Ordinary case", narrative="The family *says* it was calm."
    )
    db.session.commit()
    return cases, ordinary


def test_hostile_narratives_render_on_the_page(client, db):
    cases, _ = _hostile_cases(db)
    for name, case in cases.items():
        response = client.get(f"/cases/{case.id}")
        assert response.status_code == 200, name
        page = response.get_data(as_text=True)
        narrative = page[page.index('<div class="narrative">') :]
        assert _shape(narrative).deepest <= MAX_MARKDOWN_DEPTH + 5  # + the page's own wrappers


def test_hostile_narratives_render_in_the_case_and_multi_case_pdfs(client, db, report_cache):
    cases, ordinary = _hostile_cases(db)
    for name in ("nested emphasis", "table", "strong and links", "quotes and lists"):
        response = client.get(f"/cases/{cases[name].id}/report.pdf")
        assert response.status_code == 200, name
        text = pdf_text(response.data)
        assert f"Hostile {name}" in text
    assert "lastrow" in pdf_text(client.get(f"/cases/{cases['table'].id}/report.pdf").data)
    response = client.get("/cases/report.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Ordinary case" in text and "calm" in text
    assert all(f"Hostile {name}" in text for name in HOSTILE)
    assert "could not be rendered" not in text


def test_hostile_officer_description_renders_in_the_officer_report(client, db, report_cache):
    officer = factories.make_officer(publish=True, name="Pat Example")
    officer.public_description = NESTED_EMPHASIS
    db.session.commit()
    assert client.get(f"/officers/{officer.id}").status_code == 200
    response = client.get(f"/officers/{officer.id}/report.pdf")
    assert response.status_code == 200
    assert "Pat Example" in pdf_text(response.data)


@pytest.fixture
def unbounded(monkeypatch):
    """Lift the Markdown bounds, so the nested emphasis reaches WeasyPrint as it did before."""
    monkeypatch.setattr(templating, "MAX_MARKDOWN_DEPTH", 100_000)
    monkeypatch.setattr(templating, "MAX_MARKDOWN_ELEMENTS", 100_000)


def test_a_case_that_cannot_be_rendered_does_not_break_the_multi_case_report(
    client, db, report_cache, unbounded, caplog
):
    bad = factories.make_case(publish=True, title="Unrenderable case", narrative=NESTED_EMPHASIS)
    factories.make_case(publish=True, title="Good case", narrative="A *calm* account.")
    db.session.commit()
    with caplog.at_level(logging.ERROR, logger="tracker.reports.routes"):
        response = client.get("/cases/report.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    assert "Good case" in text and "A calm account." in text
    assert "Unrenderable case" in text and "could not be rendered" in text
    assert any(
        f"Case {bad.id} could not be rendered" in record.getMessage() for record in caplog.records
    )
    # The degraded report was cached like any other: a repeat is the same PDF.
    assert client.get("/cases/report.pdf").data == response.data


def test_a_case_report_with_an_unrenderable_narrative_still_renders(
    client, db, report_cache, unbounded, caplog
):
    bad = factories.make_case(publish=True, title="Unrenderable case", narrative=NESTED_EMPHASIS)
    db.session.commit()
    with caplog.at_level(logging.ERROR, logger="tracker.reports.routes"):
        response = client.get(f"/cases/{bad.id}/report.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    assert "Unrenderable case" in text and "could not be rendered" in text
    assert "Sources" in text  # the rest of the report is there
    assert any(f"Case {bad.id} could not be rendered" in r.getMessage() for r in caplog.records)
