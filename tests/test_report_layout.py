"""Reports that read like dossiers: tagged, valid PDFs; a summary box; a cover with contents;
page breaks kept away from headings, marks and short tails; and text without seams.

Text is read per page with poppler's ``pdftotext``; validity with ``qpdf --check``; the tags,
language and title with pypdf.
"""

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests import factories, screenshots
from tests.conftest import unavailable
from tests.pdftext import pdf_text
from tracker.models import Case, DemandLink, DemandStatusChange, TimelineEvent
from tracker.reports.render import TAIL_LINES, SandboxedFetcher, _layout, body_lines, render_pdf
from tracker.templating import end_sentence, status_with_note

MARK_ALONE = re.compile(r"^\s*(\[\d+\]\s*)+$")


@pytest.fixture(autouse=True)
def cache_dir(app, tmp_path):
    """Each test gets its own empty report cache on disk."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None


def _tool(name, package):
    """The path of a command-line tool, or skip (fail under CI) when it is missing."""
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} ({package})")
    return path


def _pages(data):
    """The text of each page of the PDF ``data`` (layout kept), as a list."""
    result = subprocess.run(  # noqa: S603 (fixed tool, bytes on stdin)
        [_tool("pdftotext", "poppler-utils"), "-layout", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    pages = result.stdout.decode().split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _body_lines(page_text):
    """The non-empty lines of a page between its running header and its "Page n of m" footer."""
    lines = [line for line in page_text.splitlines() if line.strip()]
    if lines and lines[-1].strip().startswith("Page "):
        lines = lines[:-1]
    return lines


def _sourced_world(db):
    """A petition, and a case with a sourced complaint, investigation, legal action, timeline."""
    petition = factories.make_petition(publish=True, demands=2)
    db.session.flush()
    agency = factories.make_agency(publish=True, name="Example Police Department")
    officer = factories.make_officer(publish=True, name="Pat Example", rank="Officer")
    case = factories.make_case(
        publish=True,
        title="Stop on Main Street",
        place="Main Street and 12th",
        occurred_on=date(2020, 5, 2),
        outcome="fatal",
        officers=[officer],
    )
    case.timeline.append(
        TimelineEvent(
            occurred_on=date(2020, 5, 3),
            description="Taken to Truman Medical Center",
            source=factories.make_source(),
        )
    )
    case.demand_links.append(DemandLink(demand=petition.demands[0], note="Named in it."))
    factories.make_complaint(
        publish=True,
        title="Complaint to the department",
        case=case,
        filed_with=agency,
        acceptance="refused",
        acceptance_reason="Referred to administrative review.",
        officers=[officer],
    )
    factories.make_investigation(
        publish=True, title="Internal affairs review", case=case, officers=[officer]
    )
    factories.make_legal_action(
        publish=True, title="Family's civil suit", case=case, officers=[officer]
    )
    demand = petition.demands[0]
    demand.status_changes.append(
        DemandStatusChange(
            changed_on=date(2020, 6, 3),
            status="not_met",
            note="Not met when the petition was reported on 3 June 2020.",
            source=factories.make_source(),
        )
    )
    db.session.commit()
    return case, officer, demand


def _report_paths(case, officer, demand):
    """Every kind of report: case, officer, demand, the multi-case one and an empty selection."""
    return {
        "case": f"/cases/{case.id}/report.pdf",
        "officer": f"/officers/{officer.id}/report.pdf",
        "demand": f"/demands/{demand.number}/report.pdf",
        "cases": "/cases/report.pdf",
        "cases-empty": "/cases/report.pdf?year=1990",
    }


REPORT_KINDS = ["case", "officer", "demand", "cases", "cases-empty"]


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_every_report_is_a_valid_tagged_pdf_with_language_and_title(client, db, tmp_path, kind):
    path = _report_paths(*_sourced_world(db))[kind]
    response = client.get(path)
    assert response.status_code == 200
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.data)
    check = subprocess.run(  # noqa: S603 (fixed tool, a file this test wrote)
        [_tool("qpdf", "qpdf"), "--check", str(pdf)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout
    reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert reader.metadata.title


def test_case_report_opens_with_a_masthead_and_a_summary_box(client, db):
    case, officer, demand = _sourced_world(db)
    first = " ".join(_pages(client.get(f"/cases/{case.id}/report.pdf").data)[0].split())
    assert first.index("KC POLICE ACCOUNTABILITY TRACKER") < first.index("CASE REPORT")
    box = first[first.index("AT A GLANCE") : first.index("Demand 1")]
    for expected in (
        "What Use of force; outcome: fatal",
        "When 2 May 2020",
        "Where Main Street and 12th",
        "Officer Pat Example",
        "Complaint to the department: refused",
        "Internal affairs review: open",
        "Family's civil suit: pending",
    ):
        assert expected in box, expected
    assert "Demand 1" in first


def test_demand_dossier_opens_with_its_status_indicator_and_evidence(client, db):
    _case, _officer, demand = _sourced_world(db)
    first = " ".join(_pages(client.get(f"/demands/{demand.number}/report.pdf").data)[0].split())
    assert "DEMAND DOSSIER" in first
    box = first[first.index("AT A GLANCE") :]
    assert "Status Not met (last change on record: 3 June 2020)" in box
    assert "Linked records case: 1" in box


def test_officer_report_title_names_the_officer_once(client, db):
    _case, officer, _demand = _sourced_world(db)
    text = pdf_text(client.get(f"/officers/{officer.id}/report.pdf").data)
    assert "Officer: Officer" not in text and "Officer Pat Example" in text
    assert "AT A GLANCE" in text and "Stop on Main Street" in text


def test_multi_case_report_has_a_cover_with_counts_and_contents_with_page_numbers(client, db):
    _sourced_world(db)
    titles = ["Stop on Main Street"]
    for number in range(2):
        titles.append(factories.make_case(publish=True, title=f"Other case {number}").title)
    db.session.commit()
    pages = _pages(client.get("/cases/report.pdf?sort=oldest").data)  # sort is no filter
    cover = pages[0]
    assert "MULTI-CASE REPORT" in cover
    assert "Every published case on record: 3 published cases." in " ".join(cover.split())
    assert re.search(r"Outcome: fatal\s+1", cover) and re.search(
        r"With complaints on record\s+1", cover
    )
    assert "Contents" in cover
    assert not re.search(r"selection (sort|order)", " ".join(cover.split()), re.IGNORECASE)
    for title in titles:
        row = next(line for line in cover.splitlines() if title[:12] in line)
        listed = int(row.split()[-1])
        starts = next(n for n, text in enumerate(pages[1:], start=2) if title in text)
        assert listed == starts, title
        assert "AT A GLANCE" in pages[starts - 1]


def test_an_empty_selection_says_so_with_no_contents_heading(client, db):
    _sourced_world(db)
    text = " ".join(pdf_text(client.get("/cases/report.pdf?year=1990").data).split())
    assert "no published case matches the selection year: 1990." in text.lower()
    assert "Contents" not in text


@pytest.mark.parametrize("kind", ["case", "officer", "demand", "cases"])
def test_report_text_has_no_seams(client, db, kind):
    path = _report_paths(*_sourced_world(db))[kind]
    text = " ".join(pdf_text(client.get(path).data).split())
    assert ".." not in text.replace("...", "")
    assert not re.search(r"[a-z0-9]\.[A-Z][a-z]+:", text)  # "3 June 2020.Source:"
    assert "Not met. Not met" not in text
    if kind in ("case", "cases"):
        assert "Referred to administrative review." in text


def test_pages_print_reasons_and_status_notes_as_single_sentences(client, db):
    case, _officer, demand = _sourced_world(db)
    for path in (f"/cases/{case.id}", f"/demands/{demand.number}"):
        html = client.get(path, follow_redirects=True).get_data(as_text=True)
        text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert ".." not in text.replace("...", "")
        assert "Not met — Not met" not in text and "Not met. Not met" not in text
    case_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get(f"/cases/{case.id}").text))
    # The reason ends its sentence once ("review.", never "review.." or "review. ."); the
    # allegations follow in a sentence of their own.
    assert "— Referred to administrative review." in case_text
    assert "review. ." not in case_text


def test_source_marks_and_headings_never_stand_alone(client, db):
    """A long case: no line holds only "[n]", no page ends with a heading."""
    case, _officer, _demand = _sourced_world(db)
    for number in range(14):
        factories.make_complaint(
            publish=True,
            case=case,
            title=f"Complaint number {number} about the stop",
            description="A long account of what the complainant says happened that night. " * 4,
        )
    db.session.commit()
    pages = _pages(client.get(f"/cases/{case.id}/report.pdf").data)
    assert len(pages) > 1
    headings = {"People", "Officers", "Timeline", "Complaints", "Investigations", "Sources"}
    for number, page in enumerate(pages, start=1):
        lines = _body_lines(page)
        assert not [line for line in lines if MARK_ALONE.match(line)], number
        if number < len(pages):
            assert lines[-1].strip() not in headings, (number, lines[-1])


def _spilling_document(tmp_path):
    """A report-styled document whose plain layout leaves a short tail on a second page."""
    fetcher = SandboxedFetcher(tmp_path)
    for count in range(30, 120):
        html = (
            '<html lang="en"><head><title>T</title>'
            '<link rel="stylesheet" href="/static/css/report.css"></head><body>'
            + "".join(f"<p>Paragraph {n}.</p>" for n in range(count))
            + "</body></html>"
        )
        document = _layout(html, fetcher)
        if len(document.pages) == 2 and body_lines(document.pages[-1]) < TAIL_LINES:
            return html
    raise AssertionError("no layout with a short tail found")


def test_a_short_tail_is_pulled_back_onto_the_previous_page(app, tmp_path):
    html = _spilling_document(Path(app.static_folder))
    data = render_pdf(html, app.static_folder, title="T", author="A")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Referred to administrative review.", "Referred to administrative review."),
        ("Referred to administrative review", "Referred to administrative review."),
        ('He said "stop."', 'He said "stop."'),
        ("Why?", "Why?"),
        ("", ""),
    ],
)
def test_end_sentence_adds_one_full_stop_only_when_missing(text, expected):
    assert end_sentence(text) == expected


def test_a_status_note_that_starts_with_the_status_is_not_said_twice():
    note = "Not met when the petition was reported on 3 June 2020."
    assert status_with_note("Not met", note) == note
    assert status_with_note("Met", "The chief resigned") == "Met. The chief resigned."
    assert status_with_note("Partly met", None) == "Partly met."


def test_case_report_screenshot(client, demo, tmp_path):
    """The first page of a demo case report as a PNG: the README's picture of a report.

    Written to docs/screenshots/ when missing or when ``UPDATE_SCREENSHOTS`` is set (each
    render carries its own "Generated" time, so it is not rewritten on every run).
    """
    demo.session.commit()
    case = demo.session.scalars(select(Case).where(Case.title == "Death of Ryan Stokes")).one()
    response = client.get(f"/cases/{case.id}/report.pdf")
    assert response.status_code == 200
    pdf = tmp_path / "case.pdf"
    pdf.write_bytes(response.data)
    command = [_tool("pdftoppm", "poppler-utils"), "-png", "-r", "80", "-singlefile"]
    subprocess.run(  # noqa: S603 (fixed tool, files this test wrote)
        [*command, "-f", "1", "-l", "1", str(pdf), str(tmp_path / "case-report")], check=True
    )
    image = (tmp_path / "case-report.png").read_bytes()
    assert image.startswith(b"\x89PNG")
    screenshots.keep(tmp_path / "case-report.png", "case-report.png")
