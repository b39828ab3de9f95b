"""External ids: the service, the workspace form, the case page, the downloads and the import."""

import io

import pytest
from sqlalchemy import func, select

from tests.factories import make_agency, make_case
from tests.manage_helpers import newest
from tracker.extensions import db
from tracker.kinds import kind_named
from tracker.models import Case, ExternalId, Revision
from tracker.records import editing, external_ids


def test_attach_and_find(app):
    case = make_case(title="Shooting on Prospect")
    external_ids.attach(case, "fatal_force", " 5663 ")
    external_ids.attach(case, "fatal_force", "5663")  # already there: nothing changes
    db.session.commit()
    assert [(item.scheme, item.value) for item in case.external_ids] == [("fatal_force", "5663")]
    assert external_ids.find(db.session, "fatal_force", "5663") is case
    assert external_ids.find(db.session, "fatal_force", "1") is None
    assert external_ids.find(db.session, "nothing", "5663") is None
    revision = db.session.scalars(select(Revision).order_by(Revision.id.desc())).first()
    assert "external_ids" in revision.changes  # a part of the record: its history says so


def test_a_scheme_names_its_kinds_only(app):
    agency = make_agency()
    with pytest.raises(external_ids.UnknownScheme):
        external_ids.attach(agency, "fatal_force", "1")
    external_ids.attach(agency, "ori", "MOKPD00")
    db.session.commit()
    with pytest.raises(editing.Invalid):  # another case cannot take an id a record holds
        case = make_case()
        external_ids.attach(case, "fatal_force", "7")
        db.session.commit()
        editing.save(make_case(), {"external_ids": [("fatal_force", "7")]})


def test_workspace_form_adds_and_removes_ids(client, volunteer):
    response = client.post(
        "/manage/case/new",
        data={
            "title": "Shooting on 5th",
            "occurred_on": "2020-03-12",
            "date_precision": "day",
            "case_kind": "shooting",
            "outcome": "fatal",
            "external_ids-0-scheme": "fatal_force",
            "external_ids-0-value": "5663",
            "external_ids-1-scheme": "mpv",
            "external_ids-1-value": "",
        },
    )
    assert response.status_code == 302
    case = newest(Case)
    assert [(item.scheme, item.value) for item in case.external_ids] == [("fatal_force", "5663")]
    form = client.get(f"/manage/case/{case.id}/edit").get_data(as_text=True)
    assert 'value="5663"' in form and "The Washington Post, Fatal Force" in form
    # Another case may not carry the same id: said beside the field, nothing saved.
    response = client.post(
        "/manage/case/new",
        data={
            "title": "Another",
            "case_kind": "shooting",
            "external_ids-0-scheme": "fatal_force",
            "external_ids-0-value": "5663",
        },
    )
    assert response.status_code == 200
    assert "already the id of Shooting on 5th" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ExternalId)) == 1


def test_form_offers_only_the_kinds_datasets(client, volunteer):
    page = client.get("/manage/agency/new").get_data(as_text=True)
    assert '<option value="ori">' in page and '<option value="fatal_force">' not in page
    response = client.post(
        "/manage/agency/new",
        data={
            "name": "KCPD",
            "agency_kind": "police_department",
            "external_ids-0-scheme": "fatal_force",
            "external_ids-0-value": "1",
        },
    )
    assert response.status_code == 200 and "Choose one of the datasets listed" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(ExternalId)) == 0


def test_public_page_and_downloads_show_the_ids(client, app):
    case = make_case(publish=True, title="Death of Donnie Sanders")
    external_ids.attach(case, "fatal_force", "5663")
    db.session.commit()
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Also listed as" in page
    assert "The Washington Post, Fatal Force #5663" in page
    assert "https://github.com/washingtonpost/data-police-shootings" in page
    assert kind_named("case").row(case)["external_ids"] == ["fatal_force:5663"]
    api = client.get(f"/api/v1/cases/{case.id}").get_json()
    assert "fatal_force:5663" in str(api)
    dictionary = client.get("/data").get_data(as_text=True)
    assert "external_ids" in dictionary


def _import(client, text, **extra):
    """Post ``text`` as a case CSV to the import page and commit it."""
    data = {"kind": "case", "file": (io.BytesIO(text.encode()), "cases.csv"), **extra}
    return client.post("/manage/import", data=data, content_type="multipart/form-data")


def test_reimport_matches_by_external_id_and_updates(client, auth, users):
    auth.login_as(users["editor"])
    first = "title,occurred_on,case_kind,outcome,external_id:fatal_force\n"
    first += "Shooting on 5th,2020-03-12,shooting,fatal,5663\n"
    assert _import(client, first, commit="1").status_code == 302
    case = newest(Case)
    assert [(item.scheme, item.value) for item in case.external_ids] == [("fatal_force", "5663")]
    # Another title and place: the natural key differs, the Post's id is the same record.
    again = "title,occurred_on,case_kind,outcome,place,external_id:fatal_force\n"
    again += "Death of Donnie Sanders,2020-03-12,shooting,fatal,Kansas City,5663\n"
    response = _import(client, again, commit="1", update_existing="1")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.title, case.place) == ("Death of Donnie Sanders", "Kansas City")
    assert len(case.external_ids) == 1
    # Without "update existing records", the match is reported, not duplicated.
    page = _import(client, again.replace("Kansas City", "KC"), dry_run="1")
    assert "already on file as record" in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1
