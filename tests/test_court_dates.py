"""Docket entries of legal actions: what is next, and where the dates show.

A legal action with a filing, a hearing, a ruling and an appeal deadline, on its case page,
its case's PDF, the API, the downloads, the workspace form and demand 5's page.
"""

import csv
import io
from datetime import date, time

import pytest
from werkzeug.datastructures import MultiDict

from tests import factories
from tests.manage_helpers import form_values
from tests.pdftext import pdf_text
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.models import DemandLink, DocketEntry, LegalAction
from tracker.records.dates import next_court_date, upcoming_court_dates

TODAY = date(2026, 12, 6)


def _entry(kind, day, at=None, entry_id=1):
    """An unsaved docket entry (for the pure rule)."""
    return DocketEntry(id=entry_id, entry_kind=kind, entry_on=day, entry_time=at, description="x")


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([], None),
        # Past dates and filings or rulings are never "next".
        ([_entry("hearing", date(2026, 12, 5)), _entry("ruling", date(2027, 1, 5))], None),
        # Today counts: a hearing this afternoon is still ahead.
        ([_entry("hearing", TODAY, entry_id=7)], 7),
        # The earliest of a hearing and an appeal deadline.
        (
            [
                _entry("appeal_deadline", date(2027, 2, 1), entry_id=1),
                _entry("hearing", date(2027, 1, 10), entry_id=2),
            ],
            2,
        ),
        # Two on one day: the earlier time, an untimed one first.
        (
            [
                _entry("hearing", date(2027, 1, 10), time(14, 0), entry_id=3),
                _entry("hearing", date(2027, 1, 10), time(9, 30), entry_id=4),
            ],
            4,
        ),
    ],
)
def test_next_court_date_is_the_first_hearing_or_deadline_from_today(entries, expected):
    found = next_court_date(entries, TODAY)
    assert (found.id if found else None) == expected


def _action_with_docket(publish=True, **fields):
    """A published legal action on a published case with four dated entries, each sourced."""
    action = factories.make_record("legal_action", publish=publish, **fields)
    sources = [factories.make_source(title=f"Court record {n}") for n in range(4)]
    action.docket.extend(
        [
            DocketEntry(
                entry_kind="filing",
                entry_on=date(2024, 3, 1),
                description="Motion to appeal the immunity filed",
                source=sources[0],
            ),
            DocketEntry(
                entry_kind="ruling",
                entry_on=date(2024, 9, 2),
                description="Immunity upheld",
                source=sources[1],
            ),
            DocketEntry(
                entry_kind="hearing",
                entry_on=date(2099, 1, 15),
                entry_time=time(9, 30),
                place="Division 4, Jackson County Courthouse",
                description="Hearing on the motion",
                source=sources[2],
            ),
            DocketEntry(
                entry_kind="appeal_deadline",
                entry_on=date(2099, 2, 1),
                description="Last day to appeal",
                source=sources[3],
            ),
        ]
    )
    db.session.commit()
    return action


def test_the_case_page_shows_the_docket_and_what_is_next(client):
    action = _action_with_docket()
    page = client.get(f"/cases/{action.case_id}").text
    for entry in action.docket:
        assert f'id="docket-{entry.id}"' in page
        assert entry.description in page
    assert "What is next:</strong> Hearing on" in page
    assert "09:30" in page and "Division 4, Jackson County Courthouse" in page
    # Each entry's source is numbered in the page's list of sources.
    assert "Court record 3" in page


def test_the_api_nests_the_docket_and_serves_its_entries(client):
    action = _action_with_docket()
    row = client.get(f"/api/v1/legal-actions/{action.id}").get_json()["data"]
    ids = [entry.id for entry in action.docket]
    assert row["docket_entry_ids"] == ids
    assert row["next_court_date"] == "2099-01-15" and row["next_court_date_kind"] == "hearing"
    assert len(row["links"]["docket_entries"]) == 4
    listed = client.get(f"/api/v1/docket-entries?legal_action={action.id}").get_json()["data"]
    assert [item["id"] for item in listed] == sorted(ids)
    hearing = client.get(f"/api/v1/docket-entries/{ids[2]}").get_json()["data"]
    assert hearing["entry_time"] == "09:30" and hearing["case_id"] == action.case_id
    assert hearing["links"]["legal_action"].endswith(f"/legal-actions/{action.id}")
    schema = client.get("/api/v1/openapi.json").get_json()
    assert "/docket-entries" in schema["paths"]


def test_the_downloads_carry_the_entries_of_published_actions_only(client):
    action = _action_with_docket()
    _action_with_docket(publish=False, title="Draft suit")
    rows = list(csv.DictReader(io.StringIO(client.get("/data/docket_entries.csv").text)))
    assert {row["legal_action_id"] for row in rows} == {str(action.id)}
    assert [row["entry_kind"] for row in rows] == ["filing", "ruling", "hearing", "appeal_deadline"]
    dictionary = client.get("/data").text
    assert "docket_entries" in dictionary and "entry_on" in dictionary


def test_upcoming_court_dates_reads_a_window_of_published_hearings_and_deadlines(app):
    action = _action_with_docket()
    _action_with_docket(publish=False, title="Draft suit")
    found = upcoming_court_dates(db.session, date(2099, 1, 1), date(2099, 1, 31))
    assert [(e.legal_action_id, e.entry_kind) for e in found] == [(action.id, "hearing")]
    both = upcoming_court_dates(db.session, date(2000, 1, 1), date(2100, 1, 1))
    assert [e.entry_kind for e in both] == ["hearing", "appeal_deadline"]


def test_search_finds_a_docket_entry(client):
    action = _action_with_docket()
    db.session.commit()
    page = client.get("/search?q=Courthouse").text
    assert action.title in page
    assert f"docket-{action.docket[2].id}" in page  # the hit leads to the entry


def test_the_workspace_form_edits_docket_rows(client, auth, users):
    action = _action_with_docket()
    auth.login_as(users["editor"])
    path = f"/manage/legal-action/{action.id}/edit"
    values = MultiDict(form_values(client.get(path).text))
    # Change the hearing's place, drop the ruling (a blank row), add an order in a spare row.
    values["docket-1-description"] = ""
    values["docket-1-entry_on"] = ""
    values["docket-2-place"] = "Division 9"
    values["docket-4-entry_kind"] = "order"
    values["docket-4-entry_on"] = "2025-01-02"
    values["docket-4-description"] = "Order setting the hearing"
    response = client.post(path, data=values)
    assert response.status_code == 302, response.text
    db.session.expire_all()
    action = db.session.get(LegalAction, action.id)
    assert [(e.entry_kind, e.place) for e in action.docket] == [
        ("filing", None),
        ("order", None),
        ("hearing", "Division 9"),
        ("appeal_deadline", None),
    ]


def test_a_described_entry_without_a_date_is_refused_and_kept(client, auth, users):
    action = _action_with_docket()
    version = action.version
    auth.login_as(users["editor"])
    path = f"/manage/legal-action/{action.id}/edit"
    values = MultiDict(form_values(client.get(path).text))
    values["docket-4-description"] = "Undated order"
    response = client.post(path, data=values)
    assert response.status_code == 200
    assert "Enter the date of this entry." in response.text and "Undated order" in response.text
    db.session.expire_all()
    assert db.session.get(LegalAction, action.id).version == version


def _demand_five():
    """Demand 5 of a published petition (the primary one), with its related-actions measure."""
    petition = factories.make_petition(publish=True, demands=6)
    demand = petition.demands[4]
    demand.indicator = "related_actions"
    db.session.commit()
    return demand


def _link_actions(demand, count):
    """``count`` new published legal actions with dockets, linked to ``demand``."""
    made = []
    for n in range(count):
        action = _action_with_docket(title=f"Appeal of the immunity {n}")
        action.demand_links.append(DemandLink(demand=demand, note="The appeal"))
        made.append(action)
    db.session.commit()
    return made


def _demand_page(client, number=5):
    """Demand ``number``'s page and how many queries it took."""
    db.session.expire_all()
    with count_queries() as counted:
        response = client.get(f"/demands/{number}")
    assert response.status_code == 200
    return response.text, counted.count


def test_demand_five_shows_the_court_dates_and_what_is_next(client):
    (action,) = _link_actions(_demand_five(), 1)
    page, _ = _demand_page(client)
    assert "Court dates" in page and "What is next" in page
    hearing = action.docket[2]
    assert "Hearing on the motion" in page and "Division 4" in page
    assert f'id="docket-{hearing.id}"' in page
    assert page.index("What is next") < page.index("Every dated entry (4)")
    # Past entries are listed but never "next"; the appeal deadline is, after the hearing.
    next_part = page[page.index("What is next") : page.index("Every dated entry")]
    assert "Hearing on the motion" in next_part and "Immunity upheld" not in next_part


def test_demand_five_costs_the_same_queries_for_one_action_or_many(client):
    demand = _demand_five()
    _link_actions(demand, 1)
    _, one = _demand_page(client)
    _link_actions(demand, 6)
    page, many = _demand_page(client)
    assert many == one
    assert "Every dated entry (28)" in page


def test_demand_court_dates_are_paged(client, app):
    from tracker.pages import demand as demand_module

    (action,) = _link_actions(_demand_five(), 1)
    original = demand_module.DATED_PER_PAGE
    demand_module.DATED_PER_PAGE = 3
    try:
        first = client.get("/demands/5").text
        second = client.get("/demands/5?court_page=2").text
    finally:
        demand_module.DATED_PER_PAGE = original
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert f'id="docket-{action.docket[3].id}"' in second
    assert f'id="docket-{action.docket[3].id}"' not in first


# The PDFs that print a docket: (address of the action's PDF, words every one must hold).
PDFS = [
    pytest.param(
        lambda action: f"/cases/{action.case_id}/report.pdf",
        ("What is next", "Hearing on the motion", "Immunity upheld", "Last day to appeal"),
        id="the case PDF",
    ),
    pytest.param(
        lambda action: "/demands/5/report.pdf",
        ("Court dates", "Hearing on the motion"),
        id="the demand dossier",
    ),
]


@pytest.mark.parametrize(("address", "words"), PDFS)
def test_the_pdfs_print_the_docket(client, app, tmp_path, address, words):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    app.config["REDIS_URL"] = None
    (action,) = _link_actions(_demand_five(), 1)
    response = client.get(address(action))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    for expected in words:
        assert expected in text, expected
