"""CSV import: templates, the dry run with every bad row, the all-or-nothing commit, the CLI."""

import io

from sqlalchemy import func, select

from tests import factories
from tracker.models import Case, Complaint, Officer, Revision

CASES = (
    "title,occurred_on,case_kind,outcome,place,officers\n"
    "Stop on Main Street,2021-03-04,use_of_force,injured,Main Street,\n"
    "Shooting on 5th,2021-05-06,shooting,fatal,,\n"
)


def _post(client, text, kind="case", filename="cases.csv", **extra):
    """Post ``text`` as an uploaded file to the import page."""
    data = {"kind": kind, "file": (io.BytesIO(text.encode()), filename), **extra}
    return client.post("/manage/import", data=data, content_type="multipart/form-data")


def _count(db, model):
    """How many rows ``model`` has."""
    return db.session.scalar(select(func.count()).select_from(model))


def test_import_page_is_for_editors(client, auth, users):
    assert client.get("/manage/import").status_code == 302
    auth.login_as(users["volunteer"])
    assert client.get("/manage/import").status_code == 403
    assert client.get("/manage/import/template/case.csv").status_code == 403
    auth.logout()
    auth.login_as(users["editor"])
    assert client.get("/manage/import").status_code == 200
    template = client.get("/manage/import/template/officer.csv")
    assert template.status_code == 200 and template.get_data(as_text=True).startswith(
        "title,identity_status,name,"
    )
    assert client.get("/manage/import/template/nothing.csv").status_code == 404
    assert client.delete("/manage/import").status_code == 405
    auth.logout()
    auth.login_as(users["admin"])
    assert client.get("/manage/import").status_code == 200


def test_dry_run_lists_rows_and_writes_nothing(client, auth, users, db):
    auth.login_as(users["editor"])
    response = _post(client, CASES, dry_run="1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 to create" in page and "Stop on Main Street" in page
    assert "Import these rows" in page
    assert _count(db, Case) == 0


def test_bad_rows_are_listed_with_row_column_and_reason(client, auth, users, db):
    auth.login_as(users["editor"])
    text = (
        "title,occurred_on,case_kind,officers\n"
        "Good row,2021-01-01,shooting,\n"
        "Bad date,04/05/2021,shooting,\n"
        ",2021-01-01,not_a_kind,\n"
        "Unknown officer,2021-01-01,shooting,Nobody Known\n"
    )
    page = _post(client, text, commit="1").get_data(as_text=True)
    assert "04/05/2021" in page and "YYYY-MM-DD" in page
    assert "<td>3</td><td>occurred_on</td>" in page
    assert "<td>4</td><td>title</td><td>is required</td>" in page
    assert "<td>4</td><td>case_kind</td>" in page
    assert "<td>5</td><td>officers</td>" in page and "Nobody Known" in page
    assert "Import these rows" not in page
    assert _count(db, Case) == 0


def test_commit_creates_drafts_with_an_import_revision(client, auth, users, db):
    officer = factories.make_officer(publish=True, name="Jo Officer", serial_number="4521")
    db.session.commit()
    auth.login_as(users["editor"])
    text = CASES.replace("Main Street,\n", "Main Street,4521\n", 1)
    response = _post(client, text, commit="1", filename="march.csv")
    assert response.status_code == 302
    cases = db.session.scalars(select(Case).order_by(Case.id)).all()
    assert [case.status for case in cases] == ["draft", "draft"]
    assert [part.officer_id for part in cases[0].officers] == [officer.id]
    revision = db.session.scalars(select(Revision).where(Revision.record_id == cases[0].id)).one()
    assert revision.action == "import" and "march.csv" in revision.comment
    assert revision.user_id == users["editor"].id


def test_duplicates_are_reported_or_updated_never_doubled(client, auth, users, db):
    auth.login_as(users["editor"])
    assert _post(client, CASES, commit="1").status_code == 302
    page = _post(client, CASES, commit="1").get_data(as_text=True)
    assert "already on file" in page and _count(db, Case) == 2
    changed = CASES.replace("Main Street,\n", "Main St and 3rd,\n")
    response = _post(client, changed, commit="1", update_existing="y")
    assert response.status_code == 302 and _count(db, Case) == 2
    case = db.session.scalars(select(Case).where(Case.title == "Stop on Main Street")).one()
    assert case.place == "Main St and 3rd"
    repeated = CASES + "Stop on Main Street,2021-03-04,use_of_force,injured,,\n"
    page = _post(client, repeated, dry_run="1").get_data(as_text=True)
    assert "describes the same record as row 2" in page


def test_dry_run_text_is_committed_without_uploading_again(client, auth, users, db):
    auth.login_as(users["editor"])
    response = client.post(
        "/manage/import",
        data={"kind": "case", "csv_text": CASES, "filename": "kept.csv", "commit": "1"},
    )
    assert response.status_code == 302 and _count(db, Case) == 2


def test_unreadable_files_get_a_clear_message(client, auth, users, db):
    auth.login_as(users["editor"])
    data = {"kind": "case", "file": (io.BytesIO(b"\xff\xfe\x00bad"), "x.csv"), "dry_run": "1"}
    page = client.post("/manage/import", data=data, content_type="multipart/form-data")
    assert "not UTF-8" in page.get_data(as_text=True)
    page = _post(client, "nope,title\nx,y\n", dry_run="1").get_data(as_text=True)
    assert "unknown column" in page and "required column is missing" in page


def test_import_is_all_or_nothing_when_the_database_refuses(client, auth, users, db, monkeypatch):
    from tracker.imports import services

    auth.login_as(users["editor"])
    real_flush = db.session.flush

    def failing_flush(*args, **kwargs):
        from sqlalchemy.exc import IntegrityError

        real_flush(*args, **kwargs)
        raise IntegrityError("INSERT", {}, Exception("simulated"))

    monkeypatch.setattr(services.db.session, "flush", failing_flush)
    page = _post(client, CASES, commit="1").get_data(as_text=True)
    monkeypatch.undo()
    assert "nothing was imported" in page
    assert _count(db, Case) == 0


def test_cli_import_with_dry_run_and_errors(runner, db, tmp_path):
    agency = factories.make_agency(publish=True, name="Kansas City Police Department")
    db.session.commit()
    good = tmp_path / "complaints.csv"
    good.write_text(
        "title,complaint_kind,filed_with,reference_number,acceptance\n"
        "Refused complaint,criminal,Kansas City Police Department,KC-1,refused\n"
    )
    result = runner.invoke(args=["import-csv", "complaint", str(good), "--dry-run"])
    assert result.exit_code == 0 and "1 to create" in result.output
    assert _count(db, Complaint) == 0
    result = runner.invoke(args=["import-csv", "complaint", str(good)])
    assert result.exit_code == 0, result.output
    complaint = db.session.scalars(select(Complaint)).one()
    assert complaint.filed_with_id == agency.id and complaint.status == "draft"
    result = runner.invoke(args=["import-csv", "complaint", str(good)])
    assert result.exit_code == 1 and "already on file" in result.output
    bad = tmp_path / "officers.csv"
    bad.write_text("name,identity_status\n,named\nSam Roe,withheld\n")
    result = runner.invoke(args=["import-csv", "officer", str(bad)])
    assert result.exit_code == 1
    assert "row 2, column name" in result.output and "row 3, column title" in result.output
    assert _count(db, Officer) == 0


def test_import_post_needs_a_csrf_token(app, database_url, users, db):
    from tracker import create_app

    guarded = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
        }
    )
    client = guarded.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(users["editor"].id)
        session["_fresh"] = True
    response = _post(client, CASES, commit="1")
    assert response.status_code == 400
    assert _count(db, Case) == 0
