"""A page and its PDF show the same things in the same order: they render one page model."""

import html
import re
from datetime import date

import pytest

from tests import factories
from tests.pdftext import pdf_text
from tracker.models import CaseOfficer, CasePerson, Citation, TimelineEvent


@pytest.fixture(autouse=True)
def cache_dir(app, tmp_path):
    """Each test gets its own empty report cache on disk."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None


def _texts(client, page_path, pdf_path):
    """The page's visible text and the PDF's text, whitespace collapsed."""
    page = client.get(page_path)
    report = client.get(pdf_path)
    assert page.status_code == 200 and report.status_code == 200
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page.get_data(as_text=True)))
    return " ".join(visible.split()), " ".join(pdf_text(report.data).split())


def _case_with_hidden_parts(db):
    """A published case with unpublished parts and a consenting complainant; names to look for."""
    hidden_agency = factories.make_agency(name="Hiddenagency Bureau")
    officer = factories.make_officer(publish=True, name="Shownofficer Alpha")
    withheld = factories.make_officer(
        publish=True, identity_status="withheld", title="Shownwithheld Officer"
    )
    hidden_officer = factories.make_officer(name="Hiddenofficer Beta")
    person = factories.make_person(publish=True, public_label="Shownperson Gamma")
    hidden_person = factories.make_person(public_label="Hiddenperson Delta")
    complainant = factories.make_person(publish=True, name="Consenting Carla", name_is_public=True)
    private_complainant = factories.make_person(
        publish=True, name="Privatecarl Name", public_label="Privatecarl Label"
    )
    case = factories.make_case(
        publish=True, title="Sameness case", officers=[officer, withheld, hidden_officer]
    )
    case.people.append(CasePerson(person=person, role="subject"))
    case.people.append(CasePerson(person=hidden_person, role="witness"))
    case.officers.append(CaseOfficer(officer=officer, role="witness"))
    hidden_source = factories.make_source(title="Hiddensource Epsilon")
    case.timeline.append(TimelineEvent(occurred_on=None, description="Undated timeline entry"))
    case.timeline.append(
        TimelineEvent(occurred_on=date(2020, 5, 3), description="Dated timeline entry")
    )
    consenting = factories.make_complaint(
        publish=True,
        case=case,
        title="Shown complaint Zeta",
        complainant=complainant,
        complainant_is_public=True,
        filed_with=hidden_agency,
        officers=[officer, hidden_officer],
        filed_on=date(2020, 6, 1),
    )
    consenting.citations.append(Citation(source=factories.make_source(title="Cited Eta")))
    factories.make_complaint(
        publish=True,
        case=case,
        title="Undated complaint Theta",
        complainant=private_complainant,
        complainant_is_public=False,
    )
    hidden_complaint = factories.make_complaint(case=case, title="Hiddencomplaint Iota")
    hidden_complaint.citations.append(Citation(source=hidden_source))
    hidden_investigation = factories.make_investigation(case=case, title="Hiddeninv Kappa")
    investigation = factories.make_investigation(
        publish=True, case=case, title="Shown investigation Lambda", agency=hidden_agency
    )
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2021, 1, 1),
        note="Dated reinstatement",
        investigations=[investigation, hidden_investigation],
    )
    factories.make_duty_event(officer, publish=True, note="Undated leave")
    factories.make_duty_event(hidden_officer, publish=True, note="Hiddenofficer event")
    factories.make_duty_event(officer, note="Hiddenevent Mu")
    factories.make_legal_action(
        publish=True, case=case, title="Shown lawsuit Nu", court=hidden_agency
    )
    db.session.commit()
    shown = [
        "Shownperson Gamma",
        "Shownofficer Alpha",
        "Shownwithheld Officer",
        "Consenting Carla",
        "Dated timeline entry",
        "Undated timeline entry",
        "Shown complaint Zeta",
        "Undated complaint Theta",
        "Shown investigation Lambda",
        "Dated reinstatement",
        "Undated leave",
        "Shown lawsuit Nu",
        "Cited Eta",
    ]
    shown += [citation.source.title for citation in case.citations]
    hidden = [
        "Hiddenagency",
        "Hiddenofficer",
        "Hiddenperson",
        "Hiddensource",
        "Hiddencomplaint",
        "Hiddeninv",
        "Hiddenevent",
        "Privatecarl",
        "record not published",
    ]
    return case, officer, shown, hidden


def _order(text, names):
    """``names`` in the order they first appear in ``text``."""
    return sorted(names, key=text.index)


def test_case_page_and_pdf_list_the_same_people_officers_records_and_sources(client, db):
    case, _officer, shown, hidden = _case_with_hidden_parts(db)
    page, pdf = _texts(client, f"/cases/{case.id}", f"/cases/{case.id}/report.pdf")
    for name in shown:
        assert name in page, name
        assert name in pdf, name
    for name in hidden:
        assert name not in page, name
        assert name not in pdf, name
    # The report's summary box (first page) names officers and proceedings ahead of the body;
    # the body that follows it lists everything in the page's order.
    body = pdf[pdf.index(" People ") :]
    assert _order(page, shown) == _order(body, shown)
    # Undated entries come last, on either database.
    assert page.index("Dated timeline entry") < page.index("Undated timeline entry")
    assert page.index("Shown complaint Zeta") < page.index("Undated complaint Theta")
    assert page.index("Dated reinstatement") < page.index("Undated leave")


def test_officer_page_and_pdf_list_events_and_cases_in_the_same_order(client, db):
    officer = factories.make_officer(publish=True, name="Ordered Officer")
    titles = []
    for number, day in enumerate([date(2019, 3, 1), None, date(2022, 8, 1), date(2020, 1, 1)]):
        title = f"Ordercase {number}x"
        factories.make_case(publish=True, title=title, officers=[officer], occurred_on=day)
        titles.append(title)
    notes = []
    for number, day in enumerate([None, date(2021, 5, 1), date(2020, 2, 1), None]):
        note = f"Orderevent {number}x"
        factories.make_duty_event(officer, publish=True, occurred_on=day, note=note)
        notes.append(note)
    factories.make_case(title="Hiddencase", officers=[officer])
    db.session.commit()
    page, pdf = _texts(client, f"/officers/{officer.id}", f"/officers/{officer.id}/report.pdf")
    assert _order(page, titles) == _order(pdf, titles)
    assert _order(page, titles) == [f"Ordercase {n}x" for n in (2, 3, 0, 1)]
    assert _order(page, notes) == _order(pdf, notes)
    assert _order(page, notes) == [f"Orderevent {n}x" for n in (2, 1, 0, 3)]
    assert "Hiddencase" not in page and "Hiddencase" not in pdf
