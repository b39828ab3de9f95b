"""Revision history, restoring a version, and two people editing one record."""

import pytest

from tests.factories import make_agency, make_case
from tests.manage_helpers import separate_sessions, signed_in, text
from tracker.extensions import db
from tracker.models import Agency, Case


def _case_form(case, **changes):
    """The edit form of ``case`` as submitted, with ``changes``."""
    data = {
        "title": case.title,
        "case_kind": case.case_kind,
        "outcome": case.outcome,
        "date_precision": case.date_precision,
        "occurred_on": case.occurred_on.isoformat() if case.occurred_on else "",
        "place": case.place or "",
        "version": str(case.version),
    }
    data.update(changes)
    return data


def test_two_sessions_editing_one_record(app, users):
    separate_sessions(app)
    case = make_case(title="Stop on Prospect", place="Prospect Ave")
    db.session.commit()
    first = signed_in(app, "editor@example.org")
    second = signed_in(app, "admin@example.org")
    url = f"/manage/case/{case.id}/edit"
    assert 'value="1"' in text(first.get(url))
    assert 'value="1"' in text(second.get(url))
    stale = _case_form(case, place="Prospect Avenue and 35th", version="1")

    response = second.post(url, data=_case_form(case, outcome="fatal", version="1"))
    assert response.status_code == 302
    response = first.post(url, data=stale)
    assert response.status_code == 409
    page = text(response)
    assert "Someone else changed" in page
    assert "Not reported" in page or "unknown" in page  # their old value
    assert "fatal" in page  # their new value
    assert 'value="Prospect Avenue and 35th"' in page  # your input, kept
    assert 'name="version" type="hidden" value="2"' in page
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.outcome == "fatal"
    assert case.place == "Prospect Ave"

    # Saving again from the conflict page (now based on version 2) goes through.
    response = first.post(url, data=_case_form(case, place="Prospect Avenue and 35th"))
    assert response.status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.outcome, case.place, case.version) == ("fatal", "Prospect Avenue and 35th", 3)


def test_missing_version_is_a_conflict_not_an_overwrite(client, auth, users):
    case = make_case()
    db.session.commit()
    auth.login_as(users["editor"])
    response = client.post(f"/manage/case/{case.id}/edit", data=_case_form(case, version=""))
    assert response.status_code == 409


def test_history_shows_who_changed_what_and_restore(client, auth, users):
    auth.login_as(users["editor"])
    client.post("/manage/agency/new", data={"name": "KCPD", "agency_kind": "police_department"})
    agency = db.session.query(Agency).one()
    client.post(
        f"/manage/agency/{agency.id}/edit",
        data={
            "name": "Kansas City PD",
            "agency_kind": "police_department",
            "version": "1",
            "jurisdiction": "Kansas City",
        },
    )
    page = text(client.get(f"/manage/agency/{agency.id}/history"))
    assert "Kansas City PD" in page
    assert "KCPD" in page
    assert "Editor" in page
    first_revision = agency.revisions[0]
    url = f"/manage/agency/{agency.id}/restore/{first_revision.id}"
    asked = client.post(url)  # the first click asks
    assert asked.status_code == 200 and "Restore this version" in text(asked)
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).name == "Kansas City PD"
    response = client.post(url, data={"confirmed": "yes"})
    assert response.status_code == 302
    db.session.expire_all()
    agency = db.session.get(Agency, agency.id)
    assert agency.name == "KCPD"
    assert agency.jurisdiction is None
    assert agency.revisions[-1].action == "restore"
    assert agency.revisions[-1].changes["name"] == ["Kansas City PD", "KCPD"]
    assert len(agency.revisions) == 3


def test_restore_is_for_editors_and_unpublishing_keeps_history(client, auth, users):
    agency = make_agency(publish=True)
    db.session.commit()
    revision = agency.revisions[0]
    auth.login_as(users["volunteer"])
    assert client.post(f"/manage/agency/{agency.id}/restore/{revision.id}").status_code == 403
    auth.logout()
    auth.login_as(users["editor"])
    client.post(f"/manage/agency/{agency.id}/unpublish", data={"confirmed": "yes"})
    db.session.expire_all()
    agency = db.session.get(Agency, agency.id)
    assert agency.status == "unpublished"
    assert len(agency.revisions) >= 2
    assert client.get(f"/manage/agency/{agency.id}/history").status_code == 200
    assert client.post(f"/manage/agency/{agency.id}/restore/999999").status_code == 404


@pytest.mark.server_database
def test_a_save_racing_another_is_a_conflict(client, auth, users, monkeypatch, database_url):
    """Another save lands between the version check and the UPDATE: still no lost update."""
    from sqlalchemy import create_engine
    from sqlalchemy import text as sql

    from tracker.records import editing

    case = make_case(place="Before")
    db.session.commit()
    auth.login_as(users["editor"])
    other = create_engine(database_url)
    original = editing.apply_values

    def apply_then_race(record, values, add_only=False):
        original(record, values, add_only)
        with other.begin() as conn:
            conn.execute(
                sql("UPDATE records SET version = version + 1 WHERE id = :id"), {"id": record.id}
            )

    monkeypatch.setattr(editing, "apply_values", apply_then_race)
    response = client.post(f"/manage/case/{case.id}/edit", data=_case_form(case, place="Mine"))
    other.dispose()
    assert response.status_code == 409
    assert 'value="Mine"' in text(response)
    db.session.expire_all()
    assert db.session.get(Case, case.id).place == "Before"
