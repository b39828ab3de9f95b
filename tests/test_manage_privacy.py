"""The workspace's one field-access rule: private fields are for the author and the editors.

The record view, lookup suggestions, history and conflict pages all ask
``tracker.records.access``; a volunteer who did not create a record reads "(private)".
"""

import pytest

from tests.conftest import make_user
from tests.factories import make_complaint, make_person
from tests.manage_helpers import text
from tracker.extensions import db
from tracker.models import Complaint, Person
from tracker.records import editing
from tracker.records.access import PRIVATE, can_read_field, record_label, shown_changes

SECRET = "Zebulon Private"
LABEL = "A bystander on Prospect"


@pytest.fixture
def author(users):
    """Another volunteer: the author of the records below."""
    return make_user("volunteer", email="author@example.org")


@pytest.fixture
def complaint(author):
    """A complaint by ``author`` whose complainant has a private name."""
    person = make_person(name=SECRET, public_label=LABEL)
    person.created_by_id = author.id
    complaint = make_complaint(title="Complaint about the stop", complainant=person)
    complaint.created_by_id = author.id
    db.session.commit()
    return complaint


def _complainant_cell(page):
    """The text of the complainant's row on the record view."""
    start = page.index("<dt>Complainant")
    return page[start : page.index("</dd>", start)]


def _conflict_table(page):
    """The table of others' changes on the conflict page."""
    start = page.index('<table class="conflict">')
    return page[start : page.index("</table>", start)]


def test_the_rule_decides_by_column_and_relationship(complaint, author, users):
    volunteer, editor = users["volunteer"], users["editor"]
    assert not can_read_field(volunteer, complaint, "complainant")
    assert not can_read_field(volunteer, complaint, "complainant_id")
    assert can_read_field(volunteer, complaint, "title")
    assert can_read_field(author, complaint, "complainant")
    assert can_read_field(editor, complaint, "complainant")
    assert can_read_field(users["admin"], complaint, "complainant")


def test_a_volunteer_who_is_not_the_author_reads_private_for_the_complainant(
    client, auth, users, author, complaint
):
    auth.login_as(users["volunteer"])
    page = text(client.get(f"/manage/complaint/{complaint.id}"))
    assert PRIVATE in _complainant_cell(page)
    assert LABEL not in page and SECRET not in page
    for reader in (author, users["editor"]):
        auth.logout()
        auth.login_as(reader)
        page = text(client.get(f"/manage/complaint/{complaint.id}"))
        assert LABEL in _complainant_cell(page)


def test_suggestions_show_a_private_name_only_to_its_author_and_editors(
    client, auth, users, author, complaint
):
    person = complaint.complainant
    auth.login_as(users["volunteer"])
    page = text(client.get("/manage/complaint/new"))
    assert f'<option value="{LABEL} (#{person.id})">' in page
    assert SECRET not in page
    for reader in (author, users["editor"]):
        auth.logout()
        auth.login_as(reader)
        page = text(client.get("/manage/complaint/new"))
        assert f'<option value="{LABEL}: {SECRET} (#{person.id})">' in page


def test_a_form_shown_again_names_the_person_by_the_same_rule(users, author, complaint):
    person = complaint.complainant
    assert record_label(users["volunteer"], person) == f"{LABEL} (#{person.id})"
    assert record_label(author, person) == f"{LABEL}: {SECRET} (#{person.id})"


def test_history_hides_private_values_from_those_who_may_not_read_them(
    client, auth, users, author, complaint, monkeypatch
):
    person = db.session.get(Person, complaint.complainant_id)
    person.contact_details = "555-0101 private"
    db.session.commit()
    revision = person.revisions[-1]
    changes = shown_changes(users["volunteer"], revision)
    assert changes["contact_details"] == [PRIVATE, PRIVATE]
    assert shown_changes(author, revision)["contact_details"][1] == "555-0101 private"
    # The page goes through the same rule, whoever reaches it.
    monkeypatch.setattr("tracker.manage.history_routes.can_see_history", lambda record: True)
    auth.login_as(users["volunteer"])
    page = text(client.get(f"/manage/person/{person.id}/history"))
    assert PRIVATE in page
    assert SECRET not in page and "555-0101" not in page
    auth.logout()
    auth.login_as(users["editor"])
    page = text(client.get(f"/manage/person/{person.id}/history"))
    assert SECRET in page and "555-0101" in page


def test_conflict_page_hides_others_private_changes(client, auth, users, complaint, monkeypatch):
    other = make_person(name="Second Complainant", public_label="Another witness")
    db.session.commit()
    base = complaint.version
    editing.save(complaint, {"complainant": other})  # someone else's edit
    db.session.commit()
    assert db.session.get(Complaint, complaint.id).version == base + 1
    form = {
        "version": str(base),
        "title": "My title",
        "complainant": "",  # the user's own input; their change is the question here
        "complaint_kind": "criminal",
        "acceptance": "pending",
        "finding": "pending",
    }
    monkeypatch.setattr("tracker.manage.records_routes.can_edit", lambda record: True)
    auth.login_as(users["volunteer"])
    response = client.post(f"/manage/complaint/{complaint.id}/edit", data=form)
    assert response.status_code == 409
    table = _conflict_table(text(response))
    assert "Complainant" in table and PRIVATE in table
    assert "Another witness" not in table and LABEL not in table
    auth.logout()
    auth.login_as(users["editor"])
    response = client.post(f"/manage/complaint/{complaint.id}/edit", data=form)
    assert response.status_code == 409
    table = _conflict_table(text(response))
    assert "Complainant" in table and PRIVATE not in table
