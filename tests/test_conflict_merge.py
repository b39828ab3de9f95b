"""No lost work: edits of different fields merge; only the same field shows the conflict page."""

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from tests import factories
from tests.manage_helpers import form_values, text
from tracker.extensions import db
from tracker.kinds import kind_named
from tracker.manage.forms import kind_forms
from tracker.models import Case, Revision
from tracker.records import editing


def _revisions(record):
    """How many revisions ``record`` has."""
    return db.session.scalar(
        select(func.count()).select_from(Revision).where(Revision.record_id == record.id)
    )


def _text_fields(app, kind):
    """Two plain one-line or multi-line text fields of ``kind``'s form (not lookups, not tags)."""
    with app.test_request_context():
        form = kind_forms()[kind](meta={"csrf": False})
        names = [
            name
            for name, field in form._fields.items()
            if field.type in ("StringField", "TextAreaField") and name != "tags"
        ]
    return names[-2], names[-1]


def _edit_page(client, record):
    """The edit form of ``record`` as the browser would post it, and its URL."""
    url = f"/manage/{kind_named(record.kind).slug}/{record.id}/edit"
    page = client.get(url)
    assert page.status_code == 200
    return url, MultiDict(form_values(page.text))


@pytest.mark.parametrize("kind", sorted(kind_forms()))
def test_edits_of_different_fields_merge_as_two_revisions(app, client, auth, users, kind):
    mine, theirs = _text_fields(app, kind)
    record = factories.make_record(kind)
    db.session.commit()
    auth.login_as(users["editor"])
    url, data = _edit_page(client, record)
    assert "base" in data
    before = _revisions(record)

    editing.save(record, {theirs: "Their change"})  # someone else saves first
    editing.commit()
    data[mine] = "My change"
    response = client.post(url, data=data)

    assert response.status_code == 302, text(response)
    db.session.expire_all()
    assert (getattr(record, mine), getattr(record, theirs)) == ("My change", "Their change")
    assert _revisions(record) == before + 2


def _case_with_two_editors(client, auth, users):
    """A case, its edit form as the editor loaded it, and someone's save of place and outcome."""
    case = factories.make_case(title="Stop on Prospect", place="Prospect Ave", outcome="injured")
    db.session.commit()
    auth.login_as(users["editor"])
    url, data = _edit_page(client, case)
    editing.save(case, {"place": "Their place", "outcome": "fatal"})
    editing.commit()
    return case, url, data


def test_the_same_field_shows_the_conflict_with_their_other_changes_filled_in(client, auth, users):
    case, url, data = _case_with_two_editors(client, auth, users)
    data["place"] = "My place"
    response = client.post(url, data=data)

    assert response.status_code == 409
    page = text(response)
    assert "Someone else changed" in page
    assert 'value="My place"' in page  # my input kept
    again = MultiDict(form_values(page, action=url))
    assert again["place"] == "My place"
    assert again["outcome"] == "fatal"  # only they changed it: their value is in the form
    db.session.expire_all()
    assert db.session.get(Case, case.id).place == "Their place"

    # "Save my version over theirs" replaces only the field I changed.
    assert client.post(url, data=again).status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.place, case.outcome) == ("My place", "fatal")


def test_the_same_change_twice_is_no_conflict(client, auth, users):
    case, url, data = _case_with_two_editors(client, auth, users)
    data["place"] = "Their place"
    data["title"] = "Stop on Prospect Avenue"
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.title, case.place, case.outcome) == (
        "Stop on Prospect Avenue",
        "Their place",
        "fatal",
    )


def test_a_merge_that_breaks_a_check_is_shown_beside_the_field(client, auth, users):
    investigation = factories.make_investigation(title="Inquiry", investigation_status="open")
    db.session.commit()
    auth.login_as(users["editor"])
    url, data = _edit_page(client, investigation)
    editing.save(investigation, {"opened_on": None, "outcome": "Their outcome"})
    editing.commit()
    data["investigation_status"] = "closed"  # closed needs a closing date
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert 'id="closed_on-error"' in text(response)
    again = MultiDict(form_values(text(response)))
    assert again["outcome"].strip() == "Their outcome"  # a textarea starts with a newline
    assert again["version"] == str(investigation.version)


def test_a_garbled_base_falls_back_to_the_conflict_page(client, auth, users):
    case, url, data = _case_with_two_editors(client, auth, users)
    data["base"] = "{not json"
    data["title"] = "Mine"
    assert client.post(url, data=data).status_code == 409
