"""Officers' careers: assignments on every public channel, the unit served in on a case's date,
and lookups by any badge or serial number and any known name."""

import html
import re
from datetime import date

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import select
from sqlalchemy import text as sql

from tests import factories
from tests.pdftext import pdf_text
from tracker import BASE_DIR
from tracker.duty.careers import assignment_on, unit_on
from tracker.models import Assignment, Officer
from tracker.records.references import resolve

D = date


@pytest.fixture(autouse=True)
def cache_dir(app, tmp_path):
    """Each test gets its own empty report cache on disk."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None


def _held(item_id, start, end, unit):
    """An unsaved assignment (the rule is pure: no database)."""
    return Assignment(id=item_id, started_on=start, ended_on=end, unit=unit)


CAREER = [
    _held(1, D(2010, 1, 1), D(2012, 6, 30), "Patrol North"),
    _held(2, D(2012, 7, 1), D(2015, 12, 31), "Narcotics"),
    # Overlaps the end of the one before: a transfer recorded before the old one was closed.
    _held(3, D(2015, 6, 1), None, "Gang unit"),
    _held(4, None, None, "Undated unit"),
]


@pytest.mark.parametrize(
    ("day", "unit"),
    [
        (D(2009, 12, 31), None),  # before the career
        (D(2010, 1, 1), "Patrol North"),  # first day counts
        (D(2012, 6, 30), "Patrol North"),  # last day counts
        (D(2012, 7, 1), "Narcotics"),  # the next one's first day
        (D(2015, 5, 31), "Narcotics"),
        (D(2015, 6, 1), "Gang unit"),  # overlapping: the one that started last
        (D(2015, 12, 31), "Gang unit"),
        (D(2030, 1, 1), "Gang unit"),  # open-ended: still holds
        (None, None),  # an undated case: cannot tell
    ],
)
def test_unit_on_a_day(day, unit):
    officer = Officer(name="x")
    assert unit_on(officer, day, CAREER) == unit


def test_overlap_tie_goes_to_the_one_recorded_last():
    same = [_held(7, D(2020, 1, 1), None, "A"), _held(8, D(2020, 1, 1), None, "B")]
    assert assignment_on(same, D(2020, 2, 1)).unit == "B"
    assert assignment_on([], D(2020, 2, 1)) is None


def _officer_with_four_assignments(db):
    """A published officer with four published assignments and one draft; cases on their dates."""
    agency = factories.make_agency(publish=True, name="Metro Police Department")
    officer = factories.make_officer(
        publish=True,
        name="Dana Careerist",
        agency=agency,
        other_names="Dana Smith; D. Careerist",
        employed_on=D(2009, 9, 1),
        separation="resigned",
        separated_on=D(2021, 3, 31),
        gender="Privategender",
        race="Privaterace",
        birth_year=1977,
    )
    spans = [
        ("Police officer", "Patrol North", "1111", D(2010, 1, 1), D(2012, 6, 30)),
        ("Detective", "Narcotics", "2222", D(2012, 7, 1), D(2015, 12, 31)),
        ("Sergeant", "Gang unit", "3333", D(2016, 1, 1), D(2019, 12, 31)),
        ("Lieutenant", "Internal affairs", "4444", D(2020, 1, 1), None),
    ]
    for rank, unit, badge, start, end in spans:
        factories.make_assignment(
            officer,
            publish=True,
            rank=rank,
            unit=unit,
            badge_number=badge,
            agency=agency,
            started_on=start,
            ended_on=end,
        )
    factories.make_assignment(officer, unit="Hiddenunit Draft", badge_number="9999")
    case = factories.make_case(
        publish=True, title="Stop on Elm", occurred_on=D(2013, 4, 2), officers=[officer]
    )
    db.session.commit()
    return officer, case


def _visible(response):
    """The visible text of an HTML answer, whitespace collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))
    return " ".join(text.split())


def test_four_assignments_on_page_pdf_download_and_api(client, db):
    officer, case = _officer_with_four_assignments(db)
    page = client.get(f"/officers/{officer.id}")
    assert page.status_code == 200
    text = _visible(page)
    for words in ("Patrol North", "Narcotics", "Gang unit", "Internal affairs", "4444"):
        assert words in text
    assert "Hiddenunit" not in text and "9999" not in text
    assert "Career timeline" in text
    timeline = text[text.index("Career timeline") :]
    # Oldest first: joining, the four assignments and the case, in date order.
    order = ["Joined the agency", "Assigned: Police officer", "Case: Stop on Elm"]
    order += ["Assigned: Lieutenant", "Resigned"]
    positions = [timeline.index(words) for words in order]
    assert positions == sorted(positions)
    assert "Dana Smith" in text and "Resigned on 31 March 2021" in text
    assert "Privategender" not in text and "1977" not in text

    report = client.get(f"/officers/{officer.id}/report.pdf")
    assert report.status_code == 200
    printed = " ".join(pdf_text(report.data).split())
    for words in ("Patrol North", "Narcotics", "Gang unit", "Internal affairs", "Career timeline"):
        assert words in printed
    assert "Hiddenunit" not in printed

    rows = client.get("/data/assignments.json").get_json()
    rows = rows["records"]
    mine = [row for row in rows if row["officer_id"] == officer.id]
    assert sorted(row["badge_number"] for row in mine) == ["1111", "2222", "3333", "4444"]
    assert {row["ended_on"] for row in mine} == {"2012-06-30", "2015-12-31", "2019-12-31", None}
    csv_text = client.get("/data/assignments.csv").get_data(as_text=True)
    assert "Internal affairs" in csv_text and "Hiddenunit" not in csv_text
    officers_csv = client.get("/data/officers.csv").get_data(as_text=True)
    assert "Dana Smith" in officers_csv and "Privategender" not in officers_csv

    answer = client.get(f"/api/v1/assignments?officer={officer.id}").get_json()
    assert answer["meta"]["total"] == 4
    assert [row["unit"] for row in answer["data"]][0] in {
        "Patrol North",
        "Narcotics",
        "Gang unit",
        "Internal affairs",
    }
    detail = client.get(f"/api/v1/officers/{officer.id}").get_json()
    detail = detail.get("data", detail)
    assert detail["other_names"] == ["Dana Smith", "D. Careerist"]
    assert detail["separation"] == "resigned" and "race" not in detail

    assert "served in Narcotics at the time" in _visible(client.get(f"/cases/{case.id}"))
    printed_case = " ".join(pdf_text(client.get(f"/cases/{case.id}/report.pdf").data).split())
    assert "served in Narcotics at the time" in printed_case


def test_withheld_officer_keeps_other_names_private(client, db):
    officer = factories.make_officer(
        publish=True, identity_status="withheld", title="The second officer", other_names="Secret"
    )
    db.session.commit()
    assert "Secret" not in client.get(f"/officers/{officer.id}").get_data(as_text=True)
    rows = client.get("/data/officers.json").get_json()
    rows = rows["records"]
    assert all("Secret" not in str(row) for row in rows)


def test_lookups_find_an_officer_by_any_badge_or_known_name(app, client, db):
    officer, _case = _officer_with_four_assignments(db)
    with app.test_request_context():
        assert resolve("2222", ["officer"], bare_numbers=False) == officer
        assert resolve("dana smith", ["officer"]) == officer
    # The case list's officer box: a past badge number or another name suggests the officer.
    assert client.get("/cases/officer-names?q=Dana Sm").get_json() == ["Dana Careerist"]
    assert client.get("/cases/officer-names?q=3333").get_json() == ["Dana Careerist"]
    # A draft assignment's badge number is not a public lookup.
    assert client.get("/cases/officer-names?q=9999").get_json() == []


def test_workspace_search_finds_an_officer_by_past_badge(client, auth, users, db):
    officer, _case = _officer_with_four_assignments(db)
    auth.login_as(users["volunteer"])
    found = client.get("/manage/search?q=1111").get_data(as_text=True)
    assert "Dana Careerist" in found
    found = client.get("/manage/search?q=D.+Careerist").get_data(as_text=True)
    assert "Dana Careerist" in found


CAREERS = "20ef93750bd7"


def _before_careers():
    """The revision the careers migration follows (read from it: merges re-chain migrations)."""
    config = Config(str(BASE_DIR / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(BASE_DIR / "migrations"))
    return ScriptDirectory.from_config(config).get_revision(CAREERS).down_revision


def test_migration_starts_each_career_from_rank_and_unit_and_goes_back(app, db):
    officer = factories.make_officer(
        publish=True, name="Migrated Officer", rank="Sergeant", unit="Traffic", badge_number="77"
    )
    bare = factories.make_officer(publish=True, name="No Rank Officer")
    db.session.commit()
    officer_id, bare_id = officer.id, bare.id
    db.session.remove()
    downgrade(revision=_before_careers())
    with db.engine.begin() as connection:
        assert (
            connection.execute(
                sql("SELECT rank FROM officers WHERE id = :id"), {"id": officer_id}
            ).scalar()
            == "Sergeant"
        )
    upgrade()
    held = db.session.scalars(select(Assignment).where(Assignment.officer_id == officer_id)).all()
    assert [(item.rank, item.unit, item.badge_number, item.status) for item in held] == [
        ("Sergeant", "Traffic", "77", "published")
    ]
    assert held[0].title == "Sergeant, Traffic (badge 77)" and held[0].citations
    assert [revision.action for revision in held[0].revisions] == ["import"]
    assert not db.session.get(Officer, bare_id).assignments
    db.session.remove()
    downgrade(revision=_before_careers())
    with db.engine.begin() as connection:
        kinds = connection.execute(sql("SELECT DISTINCT kind FROM records")).scalars().all()
        assert "assignment" not in kinds
        row = connection.execute(
            sql("SELECT rank, unit, badge_number FROM officers WHERE id = :id"), {"id": officer_id}
        ).one()
        assert tuple(row) == ("Sergeant", "Traffic", "77")
    upgrade()


def test_search_finds_an_officer_by_a_past_badge_and_another_name(app, db):
    from tracker.search.query import search

    officer, _case = _officer_with_four_assignments(db)
    assert officer.id in {hit.record_id for hit in search("Smith").hits}
    assert officer.id in {hit.record_id for hit in search("2222").hits}
    # A draft assignment's badge number is not in the officer's search text.
    assert officer.id not in {hit.record_id for hit in search("9999").hits}
