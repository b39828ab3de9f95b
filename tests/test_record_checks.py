"""The checks that keep the record right: beside the field, input kept, nothing saved.

Each check is run through the workspace form (new or edit), and a few through the CSV
import's dry run; the editing service refuses the same values for every caller.
"""

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import (
    make_case,
    make_duty_event,
    make_investigation,
    make_officer,
    make_person,
)
from tests.manage_helpers import text
from tracker.models import Record
from tracker.records import editing


def _count(db):
    """How many records there are."""
    return db.session.scalar(select(func.count()).select_from(Record))


def _other_officers_investigation(db):
    """A duty event form whose related investigation is of another officer."""
    officer, other = make_officer(name="Ann Officer"), make_officer(name="Bob Other")
    investigation = make_investigation(title="Inquiry into Bob")
    investigation.officers.append(other)
    db.session.commit()
    return "duty-event", {
        "title": "Ann reinstated",
        "officer": f"#{officer.id}",
        "duty_kind": "reinstated",
        "occurred_on": "2021-02-01",
        "date_precision": "day",
        "investigations-0": f"#{investigation.id}",
    }


def _open_with_closing_date(db):
    """An open investigation with a closing date."""
    return "investigation", {
        "title": "Open inquiry",
        "scope": "external",
        "investigation_status": "open",
        "opened_on": "2021-01-01",
        "closed_on": "2021-03-01",
        "finding": "pending",
    }


def _closed_without_date(db):
    """A closed investigation with no closing date."""
    return "investigation", {
        "title": "Closed inquiry",
        "scope": "internal",
        "investigation_status": "closed",
        "opened_on": "2021-01-01",
        "finding": "pending",
    }


def _complaint_before_incident(db):
    """A complaint filed before its case happened."""
    case = make_case(title="Stop on Prospect", occurred_on=date(2021, 6, 10))
    db.session.commit()
    return "complaint", {
        "title": "Complaint about the stop",
        "complaint_kind": "criminal",
        "case": f"#{case.id}",
        "filed_on": "2021-06-01",
        "acceptance": "pending",
        "finding": "pending",
    }


def _unknown_precision_with_date(db):
    """A case whose date precision is "unknown" but which has a date."""
    return "case", {
        "title": "Undated case",
        "case_kind": "use_of_force",
        "outcome": "unknown",
        "occurred_on": "2021-06-01",
        "date_precision": "unknown",
    }


def _before_1900(db):
    """A case dated 1899."""
    return "case", {
        "title": "Old case",
        "case_kind": "use_of_force",
        "outcome": "unknown",
        "occurred_on": "1899-12-31",
        "date_precision": "day",
    }


def _timeline_before_1900(db):
    """A timeline entry dated 1850."""
    return "case", {
        "title": "Case with an old timeline entry",
        "case_kind": "use_of_force",
        "outcome": "unknown",
        "date_precision": "day",
        "timeline-0-occurred_on": "1850-01-01",
        "timeline-0-date_precision": "day",
        "timeline-0-description": "Long ago",
    }


def _person_twice(db):
    """The same person twice in one case as subject."""
    person = make_person(public_label="A driver")
    db.session.commit()
    return "case", {
        "title": "Case naming a person twice",
        "case_kind": "use_of_force",
        "outcome": "unknown",
        "date_precision": "day",
        "people-0-person": f"#{person.id}",
        "people-0-role": "subject",
        "people-1-person": f"#{person.id}",
        "people-1-role": "subject",
    }


def _officer_twice(db):
    """The same officer twice in one case in the same role."""
    officer = make_officer(name="Carl Twice")
    db.session.commit()
    return "case", {
        "title": "Case naming an officer twice",
        "case_kind": "use_of_force",
        "outcome": "unknown",
        "date_precision": "day",
        "officers-0-officer": f"#{officer.id}",
        "officers-0-role": "involved",
        "officers-1-officer": f"#{officer.id}",
        "officers-1-role": "involved",
    }


CHECKS = {
    "duty event's investigation of another officer": (
        _other_officers_investigation,
        "investigations-0",
        "does not investigate",
    ),
    "open investigation with a closing date": (
        _open_with_closing_date,
        "closed_on",
        "An open investigation has no closing date",
    ),
    "closed investigation without a closing date": (
        _closed_without_date,
        "closed_on",
        "A closed investigation needs the date it closed",
    ),
    "complaint filed before the incident": (
        _complaint_before_incident,
        "filed_on",
        "before the incident",
    ),
    "unknown precision with a date": (
        _unknown_precision_with_date,
        "occurred_on",
        "Date unknown",
    ),
    "date before 1900": (_before_1900, "occurred_on", "before 1900"),
    "timeline date before 1900": (_timeline_before_1900, "timeline-0-occurred_on", "before 1900"),
    "same person twice in the same role": (
        _person_twice,
        "people-1-person",
        "already in this case",
    ),
    "same officer twice in the same role": (
        _officer_twice,
        "officers-1-officer",
        "already in this case",
    ),
}


@pytest.mark.parametrize("name", CHECKS)
def test_a_check_shows_beside_its_field_keeps_input_and_saves_nothing(name, client, volunteer, db):
    setup, field_id, message = CHECKS[name]
    kind_slug, data = setup(db)
    before = _count(db)
    response = client.post(f"/manage/{kind_slug}/new", data=data)
    page = text(response)
    assert response.status_code == 200
    assert f'id="{field_id}-error"' in page
    error = page.split(f'id="{field_id}-error">', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert f'value="{data["title"]}"' in page  # the rest of the input is kept
    assert _count(db) == before


@pytest.mark.parametrize("name", CHECKS)
def test_the_editing_service_refuses_the_same_for_every_caller(name, client, volunteer, db):
    setup, _, message = CHECKS[name]
    kind_slug, data = setup(db)
    response = client.post(f"/manage/{kind_slug}/new", data=data)
    # The form's values, as the service sees them, without the workspace.
    from tracker.kinds import kind_named
    from tracker.manage.forms import kind_forms

    kind = kind_named(kind_slug.replace("-", "_"))
    with client.application.test_request_context(method="POST", data=data):
        form = kind_forms()[kind.name](meta={"csrf": False})
        assert form.validate(), form.errors
        with pytest.raises(editing.Invalid) as refused:
            editing.save(kind.model(), form.values())
    assert any(message in error.message for error in refused.value.errors)
    assert response.status_code == 200


def test_an_edit_that_breaks_a_check_keeps_the_record_unchanged(client, volunteer, db):
    investigation = make_investigation(title="Inquiry", investigation_status="open")
    investigation.created_by = volunteer
    db.session.commit()
    version = investigation.version
    response = client.post(
        f"/manage/investigation/{investigation.id}/edit",
        data={
            "version": version,
            "title": "Inquiry renamed",
            "scope": "internal",
            "investigation_status": "closed",
            "finding": "pending",
        },
    )
    assert 'id="closed_on-error"' in text(response)
    assert 'value="Inquiry renamed"' in text(response)
    db.session.expire_all()
    assert investigation.title == "Inquiry" and investigation.version == version


def test_a_duty_event_may_relate_an_investigation_of_its_officer(client, volunteer, db):
    officer = make_officer(name="Dee Officer")
    investigation = make_investigation(title="Inquiry into Dee")
    investigation.officers.append(officer)
    db.session.commit()
    response = client.post(
        "/manage/duty-event/new",
        data={
            "title": "Dee reinstated",
            "officer": f"#{officer.id}",
            "duty_kind": "reinstated",
            "occurred_on": "2021-02-01",
            "date_precision": "day",
            "investigations-0": f"#{investigation.id}",
        },
    )
    assert response.status_code == 302


def test_different_roles_and_a_month_dated_case_pass(client, volunteer, db):
    person = make_person(public_label="A witness")
    case = make_case(occurred_on=date(2021, 6, 20), date_precision="month")
    db.session.commit()
    assert (
        client.post(
            "/manage/case/new",
            data={
                "title": "Two roles",
                "case_kind": "use_of_force",
                "outcome": "unknown",
                "date_precision": "unknown",
                "people-0-person": f"#{person.id}",
                "people-0-role": "subject",
                "people-1-person": f"#{person.id}",
                "people-1-role": "witness",
            },
        ).status_code
        == 302
    )
    filed_early_in_the_month = {
        "title": "Filed in June",
        "complaint_kind": "criminal",
        "case": f"#{case.id}",
        "filed_on": "2021-06-02",
        "acceptance": "pending",
        "finding": "pending",
    }
    assert client.post("/manage/complaint/new", data=filed_early_in_the_month).status_code == 302


def test_the_import_dry_run_lists_the_checks_by_row_and_column(client, auth, users, db):
    auth.login_as(users["editor"])
    csv = (
        "title,scope,investigation_status,opened_on,closed_on\n"
        "Fine,internal,open,2021-01-01,\n"
        "Open but closed,internal,open,2021-01-01,2021-02-01\n"
        "Too old,internal,closed,1899-01-01,1899-02-01\n"
    )
    data = {"kind": "investigation", "file": (io.BytesIO(csv.encode()), "i.csv"), "dry_run": "1"}
    page = text(client.post("/manage/import", data=data, content_type="multipart/form-data"))
    assert "An open investigation has no closing date" in page
    assert "before 1900" in page
    assert _count(db) == 0


def test_existing_records_that_break_a_check_may_still_be_edited_elsewhere(db):
    officer = make_officer()
    event = make_duty_event(officer, occurred_on=date(2021, 1, 1))
    db.session.commit()
    # A field the edit does not give is not re-checked (old data is not a blocker).
    editing.save(event, {"note": "Checked later"})
    editing.commit()
    assert event.note == "Checked later"


def test_a_private_name_in_a_public_field_is_saved_with_a_warning(client, volunteer, db):
    from tracker.records.warnings import warnings_for

    person = make_person(name="Dana Privateperson", public_label="A driver")
    db.session.commit()
    response = client.post(
        "/manage/case/new",
        data={
            "title": "Stop on Prospect",
            "case_kind": "use_of_force",
            "outcome": "unknown",
            "date_precision": "day",
            "summary": "Officers stopped dana privateperson on Prospect.",
            "people-0-person": f"#{person.id}",
            "people-0-role": "subject",
        },
    )
    assert response.status_code == 302  # saved: it is only a warning
    case = db.session.scalars(select(Record).where(Record.title == "Stop on Prospect")).one()
    warnings = warnings_for(case)
    assert len(warnings) == 1 and "A driver" in warnings[0]
    assert "Privateperson" not in warnings[0]  # the warning never repeats the private name
    page = text(client.get(response.headers["Location"]))
    assert "Check this:" in page and "would read it once this is published" in page
    # The record's own page and its case file both show it (the review of the case too).
    for address in (f"/manage/case/{case.id}", f"/manage/cases/{case.id}"):
        assert "Check this:" in text(client.get(address))
    # A public name is no mistake.
    person.name_is_public = True
    db.session.commit()
    assert warnings_for(case) == []
