"""Review workflow, sources, demand links, demand status, dashboard."""

import io

from tests.conftest import make_user
from tests.documents import image_bytes
from tests.factories import make_agency, make_petition, make_source
from tests.manage_helpers import newest, separate_sessions, signed_in, text
from tracker.extensions import db
from tracker.models import Agency, Demand, Source
from tracker.storage import load_blob

PNG = image_bytes("PNG")


def _draft_agency(client, name="KCPD"):
    """A volunteer's draft agency, created through the form."""
    client.post("/manage/agency/new", data={"name": name, "agency_kind": "police_department"})
    return newest(Agency)


def test_submit_return_and_publish(app, users):
    separate_sessions(app)
    volunteer = signed_in(app, "volunteer@example.org")
    editor = signed_in(app, "editor@example.org")
    agency = _draft_agency(volunteer)
    base = f"/manage/agency/{agency.id}"
    assert volunteer.post(f"{base}/publish").status_code == 403
    assert volunteer.post(f"{base}/submit").status_code == 302
    db.session.refresh(agency)
    assert agency.status == "in_review"
    assert volunteer.get(f"{base}/edit").status_code == 403  # no longer an editable draft
    assert "Review queue" in text(editor.get("/manage/"))
    assert agency.title in text(editor.get("/manage/"))

    page = text(editor.post(f"{base}/return", data={"comment": ""}, follow_redirects=True))
    assert "Say what needs to change." in page
    editor.post(f"{base}/return", data={"comment": "Add the source, please."})
    db.session.refresh(agency)
    assert agency.status == "draft"
    dashboard = text(volunteer.get("/manage/"))
    assert "Returned to you" in dashboard
    assert "Add the source, please." in dashboard

    page = text(editor.post(f"{base}/publish", follow_redirects=True))
    assert "cannot be published without at least one source" in page
    volunteer.post(
        f"/manage/sources/new?record={agency.id}",
        data={"title": "KCPD website", "source_kind": "official_record", "url": "https://kcpd.org"},
    )
    editor.post(f"{base}/publish")
    db.session.refresh(agency)
    assert agency.status == "published"
    asked = text(editor.post(f"{base}/unpublish"))  # the first click asks
    assert "It leaves the public site at once" in asked
    db.session.refresh(agency)
    assert agency.status == "published"
    editor.post(f"{base}/unpublish", data={"confirmed": "yes"})
    db.session.refresh(agency)
    assert agency.status == "unpublished"
    actions = [revision.action for revision in agency.revisions]
    assert actions[0] == "create"
    assert actions.count("status") >= 4


def test_source_url_validation_and_duplicates(client, auth, users):
    auth.login_as(users["volunteer"])
    page = text(client.post("/manage/sources/new", data={"title": "x", "source_kind": "news"}))
    assert "Give a web address or upload a document." in page
    page = text(
        client.post(
            "/manage/sources/new",
            data={"title": "x", "source_kind": "news", "url": "javascript:alert(1)"},
        )
    )
    assert "Enter a web address starting with http" in page
    existing = make_source(url="https://news.example.org/a")
    db.session.commit()
    page = text(
        client.post(
            "/manage/sources/new",
            data={"title": "again", "source_kind": "news", "url": "https://news.example.org/a"},
        )
    )
    assert f"already source #{existing.id}" in page


def test_upload_is_recognised_by_content(client, auth, users, app, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path)
    auth.login_as(users["volunteer"])
    fake = {"title": "Scan", "source_kind": "official_record"}
    response = client.post(
        "/manage/sources/new",
        data={**fake, "document": (io.BytesIO(b"MZ not a pdf"), "report.pdf")},
        content_type="multipart/form-data",
    )
    assert "Only PDF, PNG and JPEG files can be uploaded" in text(response)
    assert db.session.query(Source).count() == 0
    response = client.post(
        "/manage/sources/new",
        data={**fake, "document": (io.BytesIO(PNG), "photo.bin")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    source = newest(Source)
    assert source.document_content_type == "image/png"
    assert len(source.document_sha256) == 64
    assert load_blob(source.document_sha256) == PNG  # in the document store
    download = client.get(f"/manage/sources/{source.id}/document")
    assert download.data == PNG


def test_upload_over_the_limit(client, auth, users, app, tmp_path):
    app.config.update(UPLOAD_FOLDER=str(tmp_path), UPLOAD_MAX_BYTES=100, MAX_CONTENT_LENGTH=5000)
    auth.login_as(users["volunteer"])
    data = {"title": "Big", "source_kind": "news"}
    response = client.post(
        "/manage/sources/new",
        data={**data, "document": (io.BytesIO(b"%PDF-" + b"0" * 200), "big.pdf")},
        content_type="multipart/form-data",
    )
    assert "larger than 20 MB" in text(response)
    response = client.post(
        "/manage/sources/new",
        data={**data, "document": (io.BytesIO(b"%PDF-" + b"0" * 6000), "huge.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Uploads are limited to 20 MB" in text(response)


def test_cite_source_and_link_demand(client, auth, users):
    petition = make_petition(publish=True, demands=2)
    source = make_source(title="Court filing")
    db.session.commit()
    auth.login_as(users["volunteer"])
    agency = _draft_agency(client)
    base = f"/manage/agency/{agency.id}"
    page = text(client.post(f"{base}/citations", data={"source": "No such"}, follow_redirects=True))
    assert "No source is called" in page
    client.post(f"{base}/citations", data={"source": f"Court filing (#{source.id})"})
    demand = petition.demands[1]
    client.post(f"{base}/demands", data={"demand": demand.id, "note": "Bears on it"})
    db.session.refresh(agency)
    assert [c.source for c in agency.citations] == [source]
    assert [(link.demand, link.note) for link in agency.demand_links] == [(demand, "Bears on it")]
    page = text(client.get(base))
    assert "Court filing" in page
    assert "Bears on it" in page
    client.post(f"{base}/demands/{agency.demand_links[0].id}/remove")
    client.post(f"{base}/citations/{agency.citations[0].id}/remove")
    db.session.refresh(agency)
    assert agency.demand_links == []
    assert agency.citations == []


def test_the_last_source_of_a_published_record_cannot_be_removed(client, auth, users):
    from tests.factories import make_case

    case = make_case(publish=True, title="Published with one source")
    db.session.commit()
    auth.login_as(users["editor"])
    page = text(
        client.post(
            f"/manage/case/{case.id}/citations/{case.citations[0].id}/remove",
            follow_redirects=True,
        )
    )
    assert "must cite at least one source" in page
    db.session.refresh(case)
    assert len(case.citations) == 1


def test_demand_status_change(client, auth, users):
    petition = make_petition(publish=True, demands=1)
    db.session.commit()
    demand = petition.demands[0]
    auth.login_as(users["volunteer"])
    assert client.post(f"/manage/demand/{demand.id}/status").status_code == 403
    auth.logout()
    auth.login_as(users["editor"])
    response = client.post(
        f"/manage/demand/{demand.id}/status",
        data={"status": "partly_met", "changed_on": "2099-01-01"},
        follow_redirects=True,
    )
    assert "in the future" in text(response)
    client.post(
        f"/manage/demand/{demand.id}/status",
        data={"status": "partly_met", "changed_on": "2021-05-01", "note": "Council vote"},
    )
    demand = db.session.get(Demand, demand.id)
    assert demand.demand_status == "partly_met"
    assert [change.note for change in demand.status_changes] == ["Council vote"]


def test_volunteer_cannot_act_on_someone_elses_record(client, auth, users):
    other = make_user("volunteer", email="other@example.org")
    agency = make_agency()
    agency.created_by_id = other.id
    db.session.commit()
    auth.login_as(users["volunteer"])
    base = f"/manage/agency/{agency.id}"
    assert client.post(f"{base}/submit").status_code == 403
    assert client.post(f"{base}/citations", data={"source": "1"}).status_code == 403
    assert client.post(f"{base}/demands", data={"demand": 1}).status_code == 403
    assert client.get(f"{base}/history").status_code == 403
    assert client.get(base).status_code == 200


def test_volunteers_do_not_read_private_fields_of_others_records(client, auth, users):
    from tests.factories import make_person

    person = make_person(
        name="Hidden Name", contact_details="555-0199 private", medical_details="private injury"
    )
    db.session.commit()
    auth.login_as(users["volunteer"])
    page = text(client.get(f"/manage/person/{person.id}"))
    for secret in ("Hidden Name", "555-0199", "private injury"):
        assert secret not in page
    auth.logout()
    auth.login_as(users["editor"])
    page = text(client.get(f"/manage/person/{person.id}"))
    assert "555-0199" in page
