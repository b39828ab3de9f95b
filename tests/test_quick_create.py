"""Create a person, officer, agency or court from the field that looks it up, and find records
by any name the user may read."""

import pytest
from sqlalchemy import func, select

from tests.conftest import make_user
from tests.factories import make_case, make_officer, make_person
from tests.manage_helpers import newest, separate_sessions, signed_in, text
from tracker.extensions import db
from tracker.models import Agency, Complaint, Officer, Person, Record
from tracker.records.references import NotFound, resolve

QUICK = [
    ("person", "complainant", {"name": "Maria Diaz"}, Person),
    ("officer", "officers-0", {"name": "Lee Park", "serial_number": "7781"}, Officer),
    ("agency", "filed_with", {"name": "Board", "agency_kind": "civilian_oversight"}, Agency),
]


def _count():
    """How many records there are."""
    return db.session.scalar(select(func.count()).select_from(Record))


def _prefixed(field, values):
    """The quick-create inputs of the lookup ``field``."""
    return {f"quick-{field}-{name}": value for name, value in values.items()}


@pytest.mark.parametrize(("kind", "field", "values", "model"), QUICK)
def test_without_javascript_the_whole_form_comes_back_with_the_new_record_chosen(
    app, users, kind, field, values, model
):
    client = signed_in(app, users["volunteer"].email)
    typed = {"title": "Kept title", "complaint_kind": "criminal", "reference_number": "R-9"}
    data = {**typed, **_prefixed(field, values)}
    url = f"/manage/quick-create/{kind}?field={field}&origin=complaint&next=/manage/cases/1"
    response = client.post(url, data=data)
    assert response.status_code == 200
    page = text(response)
    created = newest(model)
    assert created.status == "draft" and created.created_by_id == users["volunteer"].id
    assert f"(#{created.id})" in page  # chosen in the field
    assert 'value="Kept title"' in page and 'value="R-9"' in page  # the rest is kept
    assert 'action="/manage/complaint/new?next=/manage/cases/1"' in page
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0  # not saved yet


def test_a_court_field_offers_a_court(app, users):
    client = signed_in(app, users["volunteer"].email)
    page = text(client.get("/manage/legal-action/new"))
    assert 'name="quick-court-agency_kind"' in page
    assert '<option selected value="court">' in page


def test_the_record_form_has_a_panel_beside_each_lookup_it_can_create_for(app, users):
    client = signed_in(app, users["volunteer"].email)
    page = text(client.get("/manage/case/new"))
    assert "Not listed? Create a new person" in page
    assert "Not listed? Create a new officer" in page
    assert 'formaction="/manage/quick-create/person?field=people-0-person&amp;origin=case"' in page


def test_bad_input_is_shown_beside_the_field_and_nothing_is_created(app, users):
    client = signed_in(app, users["volunteer"].email)
    before = _count()
    url = "/manage/quick-create/officer?field=officers-0&origin=complaint"
    data = {"title": "Kept title", **_prefixed("officers-0", {"serial_number": "12"})}
    response = client.post(url, data=data)
    assert response.status_code == 400
    page = text(response)
    assert "This field is required." in page
    assert 'value="Kept title"' in page and 'value="12"' in page
    assert '<details class="quick-create"' in page and " open>" in page
    assert _count() == before


def test_with_javascript_the_dialog_gets_json(app, users):
    client = signed_in(app, users["volunteer"].email)
    headers = {"Accept": "application/json"}
    url = "/manage/quick-create/person?field=complainant&origin=complaint"
    response = client.post(url, data=_prefixed("complainant", {"name": "Ada"}), headers=headers)
    assert response.status_code == 201
    person = newest(Person)
    # The author reads the private name in the label, as in the suggestions.
    assert response.json == {"id": person.id, "label": f"{person.title}: Ada (#{person.id})"}
    before = _count()
    response = client.post(url, data={}, headers=headers)
    assert response.status_code == 400
    assert "quick-complainant-name" in response.json["errors"]
    assert _count() == before


def test_the_edit_form_of_someone_elses_record_is_refused(app, users):
    case = make_case()
    db.session.commit()
    client = signed_in(app, users["volunteer"].email)
    url = f"/manage/quick-create/person?field=people-0-person&origin=case&record={case.id}"
    response = client.post(url, data=_prefixed("people-0-person", {"name": "X"}))
    assert response.status_code == 403


@pytest.mark.parametrize("field", ["", "../x", "a" * 80, "officers-0-x-y"])
def test_odd_field_names_are_refused(app, users, field):
    client = signed_in(app, users["volunteer"].email)
    assert client.post(f"/manage/quick-create/person?field={field}").status_code == 404


def test_only_people_officers_and_agencies_are_created_here(app, users):
    client = signed_in(app, users["volunteer"].email)
    assert client.post("/manage/quick-create/case?field=case").status_code == 404


def test_lookups_find_officers_by_serial_or_badge_and_complaints_by_reference(app):
    officer = make_officer(name="Kim Cho", serial_number="4411", badge_number="B-77")
    complaint = Complaint(title="C", complaint_kind="criminal", reference_number="IA-2024-17")
    db.session.add(complaint)
    db.session.commit()
    assert resolve("4411", ("officer",)) == officer
    assert resolve("b-77", ("officer",)) == officer
    assert resolve("IA-2024-17", ("complaint",)) == complaint


def test_a_private_name_finds_a_person_only_for_its_author_and_editors(app, users):
    separate_sessions(app)
    person = make_person(name="Secret Name")
    db.session.flush()
    person.created_by_id = users["volunteer"].id
    db.session.commit()
    with pytest.raises(NotFound):
        resolve("Secret Name", ("person",))  # nobody who may read it

    def complaint_with(user):
        """Post a complaint naming the complainant by the private name, as ``user``."""
        client = signed_in(app, user.email)
        data = {"title": "T", "complaint_kind": "criminal", "complainant": "secret name"}
        return client.post("/manage/complaint/new", data=data)

    assert complaint_with(users["volunteer"]).status_code == 302
    assert newest(Complaint).complainant == person
    assert complaint_with(users["editor"]).status_code == 302
    stranger = make_user("volunteer", email="stranger@example.org")
    response = complaint_with(stranger)
    assert response.status_code == 200
    assert "No person is called" in text(response)
