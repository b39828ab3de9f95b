"""Every public fact shows its source on the page: numbered marks, one list, source pages.

A case with a sourced record of every kind its page shows (and a sourced timeline entry), an
officer and a demand with a sourced status change: each entry carries marks ``[n]`` (read out
as "source n") pointing into the page's one numbered list, numbered as the page model (and so
the PDF) numbers them; each line of that list links to the source's own page, which names every
published record, timeline entry and status change citing it, and nothing unpublished.
"""

from datetime import date

import pytest
import tinyhtml5
from flask import current_app

from tests import factories
from tracker.kinds import public_url
from tracker.models import Citation, DemandStatusChange, TimelineEvent
from tracker.pages.case import case_page
from tracker.pages.common import section_kinds
from tracker.records.visibility import public_view

XHTML = "{http://www.w3.org/1999/xhtml}"
CASE_KINDS = [kind.name for kind in section_kinds("case")]


def _tree(response):
    """The parsed page (200 expected)."""
    assert response.status_code == 200, response.status_code
    return tinyhtml5.parse(response.get_data(as_text=True))


def _by_id(tree, element_id):
    """The element with ``element_id``."""
    for element in tree.iter():
        if element.get("id") == element_id:
            return element
    raise AssertionError(f"no element #{element_id}")


def _marks(element):
    """The source numbers marked inside ``element``; each mark is read out as "source n"."""
    numbers = []
    for link in element.iter(f"{XHTML}a"):
        href = link.get("href") or ""
        if href.startswith("#source-"):
            number = int(href.removeprefix("#source-"))
            assert link.get("aria-label") == f"source {number}"
            assert "".join(link.itertext()) == f"[{number}]"
            numbers.append(number)
    return numbers


def _source_list(tree):
    """``{number: source id}`` of the page's one numbered list of sources."""
    lists = [item for item in tree.iter(f"{XHTML}ol") if "citations" in (item.get("class") or "")]
    assert len(lists) == 1, "one numbered list of sources per page"
    rows = {}
    for item in lists[0].iter(f"{XHTML}li"):
        number = int(item.get("id").removeprefix("source-"))
        links = [a.get("href") for a in item.iter(f"{XHTML}a")]
        assert links[0].startswith("/sources/")
        rows[number] = int(links[0].removeprefix("/sources/"))
    assert list(rows) == list(range(1, len(rows) + 1))
    return rows


def _cited(record):
    """The ids of the sources ``record`` cites."""
    return {citation.source_id for citation in record.citations}


@pytest.fixture
def world(db):
    """A case with a sourced record of every kind its page shows, and a sourced timeline."""
    agency = factories.make_agency(publish=True)
    officer = factories.make_officer(publish=True, agency=agency)
    case = factories.make_case(publish=True, officers=[officer])
    shared = factories.make_source(title="Shared refusal letter")
    records = {}
    for name in CASE_KINDS:
        if name == "duty_event":
            record = factories.make_duty_event(officer, publish=True, occurred_on=date(2021, 1, 2))
        elif name == "allegation":  # an allegation's case is its complaint's
            complaint = factories.make_complaint(publish=True, case=case)
            record = factories.make_allegation(complaint, publish=True, officer=officer)
            complaint.citations.append(Citation(source=shared, position=2))
            records["allegation's complaint"] = complaint  # on the page with its own source
        else:
            record = factories.make_record(name, publish=True, case=case)
        record.citations.append(Citation(source=shared, position=2))
        records[name] = record
    timeline_source = factories.make_source(title="Hospital statement")
    event = TimelineEvent(occurred_on=date(2020, 5, 2), description="Taken to hospital")
    event.source = timeline_source
    case.timeline.append(event)
    db.session.commit()
    return {"case": case, "officer": officer, "records": records, "event": event}


def test_the_case_page_lists_every_source_once_numbered_like_its_pdf(client, world):
    """One list: the case's, every entry's and the timeline's sources, each once."""
    case, records, event = world["case"], world["records"], world["event"]
    rows = _source_list(_tree(client.get(f"/cases/{case.id}")))
    expected = _cited(case) | {event.source_id}
    for record in records.values():
        expected |= _cited(record)
    assert sorted(rows.values()) == sorted(expected)
    with public_view():
        model = case_page(case.id)
        assert {row.number: row.source_id for row in model.sources.rows} == rows


@pytest.mark.parametrize("kind", CASE_KINDS)
def test_each_entry_on_the_case_page_marks_its_own_sources(client, world, kind):
    """The entry of each kind carries a mark for each source it cites, and only those."""
    record = world["records"][kind]
    tree = _tree(client.get(f"/cases/{world['case'].id}"))
    rows = _source_list(tree)
    marked = {rows[number] for number in _marks(_by_id(tree, f"record-{record.id}"))}
    assert marked == _cited(record)
    assert len(marked) == 2  # its own source and the shared letter


def test_the_case_facts_and_the_timeline_carry_marks(client, world):
    """The case's own facts (even with no summary) and a timeline entry are marked."""
    case, event = world["case"], world["event"]
    assert case.summary is None
    tree = _tree(client.get(f"/cases/{case.id}"))
    rows = _source_list(tree)
    facts = next(item for item in tree.iter(f"{XHTML}dl") if item.get("class") == "facts")
    assert {rows[number] for number in _marks(facts)} == _cited(case)
    assert [rows[n] for n in _marks(_by_id(tree, f"timeline-{event.id}"))] == [event.source_id]


def test_the_officer_page_marks_the_officers_own_facts(client, world):
    """The officer's facts cite the officer's sources, numbered in the page's list."""
    officer = world["officer"]
    tree = _tree(client.get(f"/officers/{officer.id}"))
    rows = _source_list(tree)
    facts = next(item for item in tree.iter(f"{XHTML}dl") if item.get("class") == "facts")
    assert {rows[number] for number in _marks(facts)} == _cited(officer)


def test_a_demand_page_marks_its_status_and_each_status_change(client, db):
    """The demand's status and each dated change in its history carry their sources."""
    demand = factories.make_demand(publish=True)
    source = factories.make_source(title="Council minutes")
    change = DemandStatusChange(status="partly_met", changed_on=date(2021, 3, 1), source=source)
    demand.status_changes.append(change)
    db.session.commit()
    tree = _tree(client.get(f"/demands/{demand.number}"))
    rows = _source_list(tree)
    assert [rows[n] for n in _marks(_by_id(tree, f"status-{change.id}"))] == [source.id]
    assert set(rows.values()) == _cited(demand) | {source.id}


def test_a_source_page_names_every_published_record_and_part_citing_it(client, world):
    """The shared letter's page links every record citing it at its place on its page."""
    records = world["records"]
    shared = next(c.source for c in records["complaint"].citations if c.position == 2)
    tree = _tree(client.get(f"/sources/{shared.id}"))
    links = {a.get("href") for a in tree.iter(f"{XHTML}a")}
    with current_app.test_request_context():
        # Each record's place: its anchor on its case's or officer's page, or its own page.
        places = {name: public_url(record) for name, record in records.items()}
    for name, place in places.items():
        assert place and place in links, name


def test_a_source_cited_only_by_a_timeline_entry_has_its_page(client, world):
    """A source cited by a published case's timeline entry alone is public: its page links
    the entry. (It answered 404 while only citations made a source public.)"""
    event = world["event"]
    response = client.get(f"/sources/{event.source_id}")
    tree = _tree(response)
    links = {a.get("href") for a in tree.iter(f"{XHTML}a")}
    assert any(href.endswith(f"#timeline-{event.id}") for href in links if href)
    assert "Taken to hospital" in response.get_data(as_text=True)
    assert event.source_id in {row["id"] for row in client.get("/api/v1/sources").json["data"]}


def test_a_source_cited_only_by_a_status_change_has_its_page(client, db):
    """A published demand's status change makes its source public, linked at the change."""
    demand = factories.make_demand(publish=True)
    source = factories.make_source(title="Chief's statement")
    change = DemandStatusChange(status="met", changed_on=date(2021, 4, 1), source=source)
    demand.status_changes.append(change)
    db.session.commit()
    tree = _tree(client.get(f"/sources/{source.id}"))
    links = {a.get("href") for a in tree.iter(f"{XHTML}a")}
    assert any(href.endswith(f"#status-{change.id}") for href in links if href)


@pytest.mark.parametrize("owner", ["draft case", "draft demand"])
def test_a_source_cited_only_by_an_unpublished_records_part_stays_hidden(client, db, owner):
    """A timeline entry of a draft case, or a status change of a draft demand, makes nothing
    public: the source page answers 404 and no download or API answer lists it."""
    source = factories.make_source(title="Hidden part source")
    if owner == "draft case":
        case = factories.make_case()
        case.timeline.append(TimelineEvent(occurred_on=date(2021, 1, 1), description="x"))
        case.timeline[0].source = source
    else:
        demand = factories.make_demand()
        demand.status_changes.append(
            DemandStatusChange(status="met", changed_on=date(2021, 1, 1), source=source)
        )
    db.session.commit()
    assert client.get(f"/sources/{source.id}").status_code == 404
    assert source.id not in {row["id"] for row in client.get("/api/v1/sources").json["data"]}
    assert "Hidden part source" not in client.get("/data/sources.csv").get_data(as_text=True)
