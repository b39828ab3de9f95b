"""A case as a whole: submitted in one step, reviewed on one page, published or returned."""

import re

from tests.factories import make_agency, make_case, make_officer, make_person, make_source
from tests.manage_helpers import separate_sessions, signed_in, text
from tracker.extensions import db
from tracker.models import CasePerson, Citation, Complaint, DutyEvent, Investigation
from tracker.records import bundle, editing


def _by(user, *records):
    """Make ``user`` the author of ``records`` and commit."""
    db.session.add_all(records)
    db.session.flush()
    for record in records:
        record.created_by_id = user.id
    db.session.commit()
    return records


def _sourced(*records):
    """Cite a fresh source on each of ``records``."""
    for record in records:
        record.citations.append(Citation(source=make_source()))
    db.session.commit()


def _case_with_records(user):
    """A volunteer's draft case with an officer, a complaint, an investigation, a duty event."""
    officer = make_officer(name="Pat Doe")
    case = make_case(officers=[officer])
    complaint = Complaint(title="Refused complaint", complaint_kind="criminal", case=case)
    investigation = Investigation(
        title="External", scope="external", investigation_status="open", case=case
    )
    investigation.officers.append(officer)
    duty = DutyEvent(title="Reinstated", duty_kind="reinstated", officer=officer)
    _by(user, officer, case, complaint, investigation, duty)
    return case, [case, officer, complaint, investigation, duty]


def test_members_follow_the_registry(users):
    case, records = _case_with_records(users["volunteer"])
    assert set(bundle.members(case)) == set(records)


def test_submit_the_case_submits_the_authors_drafts(app, users):
    volunteer = users["volunteer"]
    case, records = _case_with_records(volunteer)
    someone_elses = Complaint(title="Not mine", complaint_kind="criminal", case=case)
    _by(users["admin"], someone_elses)
    client = signed_in(app, volunteer.email)
    response = client.post(f"/manage/cases/{case.id}/submit")
    assert response.status_code == 302
    for record in records:
        db.session.refresh(record)
        assert record.status == "in_review", record.title
    db.session.refresh(someone_elses)
    assert someone_elses.status == "draft"
    page = text(client.post(f"/manage/cases/{case.id}/submit", follow_redirects=True))
    assert "Nothing to submit" in page


def test_review_shows_changes_since_the_last_published_version(app, users):
    separate_sessions(app)
    volunteer, editor = users["volunteer"], users["editor"]
    case, records = _case_with_records(volunteer)
    _sourced(*records)
    editor_client = signed_in(app, editor.email)
    editor_client.post(f"/manage/cases/{case.id}/review", data={"confirmed": "y"})
    assert all(record.status == "published" for record in records)
    # An edit after publishing: only that field shows in the next review.
    complaint = records[2]
    complaint.reference_number = "IA-2024-17"
    complaint.status = "in_review"
    db.session.commit()
    page = text(editor_client.get(f"/manage/cases/{case.id}/review"))
    assert "Refused complaint" in page
    assert "IA-2024-17" in page
    assert "Reference number" in page
    assert "Publish all 1 records" in page
    assert "Pat Doe" not in page  # published and unchanged: not in the bundle to review


def test_publish_refuses_records_without_a_source(app, users):
    case, records = _case_with_records(users["volunteer"])
    _sourced(*records[:-1])
    client = signed_in(app, users["editor"].email)
    response = client.post(f"/manage/cases/{case.id}/review", data={"confirmed": "y"})
    assert response.status_code == 400
    assert "cite no source" in text(response)
    assert all(record.status == "draft" for record in records)


def test_publish_warns_about_links_to_unpublished_records_and_asks_to_confirm(app, users):
    case, records = _case_with_records(users["volunteer"])
    agency = make_agency(name="Unpublished PD")
    db.session.flush()
    editing.save(records[2], {"filed_with": agency})
    db.session.commit()
    _sourced(*records)
    client = signed_in(app, users["editor"].email)
    page = text(client.get(f"/manage/cases/{case.id}/review"))
    assert "Unpublished PD" in page and "would stay unpublished" in page
    assert f"Unpublished PD (#{agency.id})" in page  # a reference reads as its title
    assert re.search(r'<th scope="row">Kind</th><td>\s*—\s*</td><td>\s*Criminal\s*<', page)
    assert "Filed with" in page  # a field reads as its label
    response = client.post(f"/manage/cases/{case.id}/review", data={})
    assert response.status_code == 400
    assert "Tick this to publish despite the warnings" in text(response)
    assert all(record.status == "draft" for record in records)
    response = client.post(f"/manage/cases/{case.id}/review", data={"confirmed": "y"})
    assert response.status_code == 302
    assert all(record.status == "published" for record in records)
    assert agency.status == "draft"


def test_publish_without_warnings_needs_no_confirmation(app, users):
    case, records = _case_with_records(users["volunteer"])
    _sourced(*records)
    client = signed_in(app, users["editor"].email)
    assert client.post(f"/manage/cases/{case.id}/review").status_code == 302
    assert all(record.status == "published" for record in records)


def test_return_one_record_with_a_comment(app, users):
    separate_sessions(app)
    volunteer = users["volunteer"]
    case, records = _case_with_records(volunteer)
    signed_in(app, volunteer.email).post(f"/manage/cases/{case.id}/submit")
    editor = signed_in(app, users["editor"].email)
    investigation = records[3]
    response = editor.post(
        f"/manage/cases/{case.id}/return",
        data={"record_id": investigation.id, "comment": "Add the closing date."},
    )
    assert response.status_code == 302
    db.session.refresh(investigation)
    assert investigation.status == "draft"
    assert investigation.review_comment == "Add the closing date."
    assert records[2].status == "in_review"
    page = text(signed_in(app, volunteer.email).get(f"/manage/cases/{case.id}"))
    assert "Add the closing date." in page


def test_return_refuses_a_record_outside_the_case_or_without_comment(app, users):
    case, _records = _case_with_records(users["volunteer"])
    other = make_case()
    db.session.commit()
    editor = signed_in(app, users["editor"].email)
    response = editor.post(
        f"/manage/cases/{case.id}/return", data={"record_id": other.id, "comment": "x"}
    )
    assert response.status_code == 400
    response = editor.post(
        f"/manage/cases/{case.id}/return", data={"record_id": case.id, "comment": ""}
    )
    assert response.status_code == 400
    assert case.status == "draft" and other.review_comment is None


def test_volunteers_cannot_review_or_publish(app, users):
    case, _records = _case_with_records(users["volunteer"])
    client = signed_in(app, users["volunteer"].email)
    assert client.get(f"/manage/cases/{case.id}/review").status_code == 403
    assert client.post(f"/manage/cases/{case.id}/review").status_code == 403


def test_changes_gather_every_item_added_to_a_list(users):
    case, _records = _case_with_records(users["volunteer"])
    case.citations.append(Citation(source=make_source(title="First report")))
    db.session.commit()
    case.citations.append(Citation(source=make_source(title="Second report"), position=2))
    db.session.commit()
    changes = bundle.changes_since_published(case, users["editor"])
    assert changes.fields["citations"][1]["added"] == ["First report", "Second report"]
    assert changes.authors == [] or all(author is not None for author in changes.authors)


def test_private_changes_are_hidden_from_those_who_may_not_read_them(users):
    from tests.factories import make_person

    person = make_person(name="Private Name")
    db.session.commit()
    shown = bundle.changes_since_published(person, users["volunteer"]).fields
    assert shown["name"] == ["(private)", "(private)"]
    assert bundle.changes_since_published(person, users["editor"]).fields["name"][1] == (
        "Private Name"
    )


def test_a_return_comment_is_read_only_by_the_author_and_editors(app, users):
    separate_sessions(app)
    case, records = _case_with_records(users["volunteer"])
    signed_in(app, users["volunteer"].email).post(f"/manage/cases/{case.id}/submit")
    signed_in(app, users["editor"].email).post(
        f"/manage/cases/{case.id}/return",
        data={"record_id": records[2].id, "comment": "Private editor note."},
    )
    from tests.conftest import make_user

    make_user("volunteer", email="another@example.org")
    assert "Private editor note." not in text(
        signed_in(app, "another@example.org").get(f"/manage/cases/{case.id}")
    )
    assert "Private editor note." in text(
        signed_in(app, users["volunteer"].email).get(f"/manage/cases/{case.id}")
    )


def test_review_shows_the_soft_warnings_of_each_record(app, users):
    """A private name typed into a public field is saved, and the editor's review says so."""
    case, records = _case_with_records(users["volunteer"])
    person = make_person(name="Dana Privateperson", public_label="A driver")
    db.session.flush()
    case.people.append(CasePerson(person=person, role="subject"))
    case.summary = "Officers stopped dana privateperson on Prospect."
    db.session.commit()
    client = signed_in(app, users["editor"].email)
    page = text(client.get(f"/manage/cases/{case.id}/review"))
    assert "Check this:" in page and "A driver" in page
    assert "Privateperson" not in page.split("Check this:", 1)[1].split("</p>", 1)[0]
