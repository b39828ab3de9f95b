"""Background jobs: the multi-case report of any selection, large imports, reindexing and
prepared downloads; the job page (progress that survives a reload, failure, retry); a worker
that dies mid-job loses nothing. Jobs run immediately in tests (``JOBS_IMMEDIATE``)."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.pdftext import pdf_text
from tracker.models import Case, DocumentBlob, Job
from tracker.reports import routes as report_routes

CASES = (
    "title,occurred_on,case_kind,outcome,place,officers\n"
    "Stop on Main Street,2021-03-04,use_of_force,injured,Main Street,\n"
    "Shooting on 5th,2021-05-06,shooting,fatal,,\n"
)


def _count(db, model, *where):
    """How many rows of ``model`` match ``where``."""
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _job_token(response):
    """The token of the job page ``response`` redirects to."""
    assert response.status_code == 303, response.status_code
    match = re.fullmatch(r"/jobs/([\w-]+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def _published_cases(db, count, **fields):
    """``count`` published cases, committed."""
    cases = [factories.make_case(publish=True, **fields) for _ in range(count)]
    db.session.commit()
    return cases


def test_a_report_of_more_cases_than_inline_is_a_job_with_a_download(app, client, db):
    app.config["CASES_REPORT_INLINE"] = 2
    cases = _published_cases(db, 3)
    factories.make_case(title="DRAFTMARKER never published")
    db.session.commit()
    token = _job_token(client.get("/cases/report.pdf"))
    page = client.get(f"/jobs/{token}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "The report of 3 cases is ready." in text
    assert page.headers["Cache-Control"] == "no-store"  # a workspace blueprint: never cached
    assert 'http-equiv="refresh"' not in text  # finished: no more refreshing
    result = client.get(f"/jobs/{token}/result")
    assert result.status_code == 200 and result.mimetype == "application/pdf"
    pdf = pdf_text(result.data)
    for case in cases:
        assert case.title in pdf
    assert "DRAFTMARKER" not in pdf
    # The same selection of the same data is the same job, not a second render.
    assert _job_token(client.get("/cases/report.pdf")) == token
    assert _count(db, Job) == 1


def test_a_report_within_the_inline_size_is_served_at_once(app, client, db):
    app.config["CASES_REPORT_INLINE"] = 5
    _published_cases(db, 3)
    response = client.get("/cases/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert _count(db, Job) == 0


def test_the_fifty_case_cap_is_gone(app, client, db):
    app.config["CASES_REPORT_INLINE"] = 50
    _published_cases(db, 51)
    token = _job_token(client.get("/cases/report.pdf"))
    job = db.session.scalar(select(Job).where(Job.token == token))
    assert job.state == "done" and job.total == 51 and job.done == 51


def test_a_failed_job_says_why_keeps_nothing_and_can_be_retried(app, client, db, monkeypatch):
    app.config["CASES_REPORT_INLINE"] = 1
    _published_cases(db, 2)

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(report_routes, "render_report", broken)
    token = _job_token(client.get("/cases/report.pdf"))
    text = client.get(f"/jobs/{token}").get_data(as_text=True)
    assert "This job failed" in text and "RuntimeError" in text and "Retry" in text
    assert "layout failed" not in text  # the exception's own words stay in the log
    assert client.get(f"/jobs/{token}/result").status_code == 404
    assert _count(db, DocumentBlob) == 0  # nothing half-written
    monkeypatch.undo()
    assert client.post(f"/jobs/{token}/retry").status_code == 302
    job = db.session.scalar(select(Job).where(Job.token == token))
    db.session.refresh(job)
    assert job.state == "done" and job.attempts == 2
    assert client.get(f"/jobs/{token}/result").status_code == 200


def _running_job(db, owner, heartbeat_age, done=5, total=10):
    """A reindex job row that says it is running, last heard from ``heartbeat_age`` ago."""
    now = datetime.now(UTC)
    job = Job(
        token=f"token-{heartbeat_age.seconds}-{done}",
        kind="search_reindex",
        title="Rebuild the search index",
        params="{}",
        state="running",
        done=done,
        total=total,
        attempts=1,
        owner_id=owner.id,
        started_at=now - timedelta(seconds=20),
        heartbeat_at=now - heartbeat_age,
    )
    db.session.add(job)
    db.session.commit()
    return job


def test_the_job_page_shows_progress_and_time_left_and_survives_a_reload(client, auth, users, db):
    job = _running_job(db, users["admin"], timedelta(seconds=1))
    auth.login_as(users["admin"])
    for _ in range(2):  # a reload shows the same: the progress is in the database
        text = client.get(f"/jobs/{job.token}").get_data(as_text=True)
        assert "5 of 10 done" in text and "(50%)" in text and "less than a minute left" in text
        assert '<progress max="100" value="50">' in text
        assert '<meta http-equiv="refresh" content="3">' in text


def test_a_worker_killed_mid_job_shows_failed_and_the_retry_runs_it(client, auth, users, db):
    job = _running_job(db, users["admin"], timedelta(minutes=10))
    auth.login_as(users["admin"])
    text = client.get(f"/jobs/{job.token}").get_data(as_text=True)
    assert "This job failed" in text and "stopped answering" in text and "Retry" in text
    client.post(f"/jobs/{job.token}/retry")
    db.session.refresh(job)
    assert job.state == "done" and job.message.startswith("Indexed")


def test_a_job_waiting_too_long_can_be_queued_again_and_runs_once(client, auth, users, db):
    job = _running_job(db, users["admin"], timedelta(seconds=1))
    job.state, job.created_at = "queued", datetime.now(UTC) - timedelta(minutes=10)
    db.session.commit()
    auth.login_as(users["admin"])
    assert "Queue it again" in client.get(f"/jobs/{job.token}").get_data(as_text=True)
    client.post(f"/jobs/{job.token}/retry")
    db.session.refresh(job)
    assert job.state == "done" and job.attempts == 2
    from tracker.jobs.runner import run

    run(client.application, job.id)  # the lost message turns up after all: nothing happens
    db.session.refresh(job)
    assert job.state == "done" and job.attempts == 2


def test_a_job_that_is_not_public_is_only_for_its_owner_and_admins(client, auth, users, db):
    job = _running_job(db, users["editor"], timedelta(seconds=1))
    assert client.get(f"/jobs/{job.token}").status_code == 404
    auth.login_as(users["volunteer"])
    assert client.get(f"/jobs/{job.token}").status_code == 404
    assert client.post(f"/jobs/{job.token}/retry").status_code == 404
    auth.logout()
    auth.login_as(users["editor"])
    assert client.get(f"/jobs/{job.token}").status_code == 200
    auth.logout()
    auth.login_as(users["admin"])
    assert client.get(f"/jobs/{job.token}").status_code == 200
    assert "Rebuild the search index" in client.get("/manage/jobs").get_data(as_text=True)


def _post_import(client, text, **extra):
    """Post ``text`` as an uploaded CSV to the import page."""
    data = {"kind": "case", "file": (io.BytesIO(text.encode()), "cases.csv"), **extra}
    return client.post("/manage/import", data=data, content_type="multipart/form-data")


def test_a_large_import_is_a_job_after_the_same_dry_run(app, client, auth, users, db):
    app.config["IMPORT_INLINE_ROWS"] = 1
    auth.login_as(users["editor"])
    assert "2 to create" in _post_import(client, CASES, dry_run="1").get_data(as_text=True)
    assert _count(db, Case) == 0  # the dry run is unchanged: nothing written
    token = _job_token(_post_import(client, CASES, commit="1"))
    text = client.get(f"/jobs/{token}").get_data(as_text=True)
    assert "Imported 2 created and 0 updated from cases.csv" in text
    assert _count(db, Case) == 2
    assert _count(db, Case, Case.created_by_id == users["editor"].id) == 2


def test_an_import_job_that_fails_writes_no_record(app, client, auth, users, db, monkeypatch):
    from tracker.imports import services

    app.config["IMPORT_INLINE_ROWS"] = 1
    auth.login_as(users["editor"])
    real_save = services.editing.save
    calls = []

    def save_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the second row: the first is already in the session
            raise RuntimeError("worker killed")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(services.editing, "save", save_then_fail)
    token = _job_token(_post_import(client, CASES, commit="1"))
    assert "This job failed" in client.get(f"/jobs/{token}").get_data(as_text=True)
    assert _count(db, Case) == 0


def test_admins_reindex_search_as_a_job(client, auth, users, db):
    factories.make_case(publish=True, title="Indexed by a job")
    db.session.commit()
    auth.login_as(users["admin"])
    response = client.post("/manage/jobs/reindex")
    token = response.headers["Location"].rsplit("/", 1)[1]
    assert "Indexed 1 published records." in client.get(f"/jobs/{token}").get_data(as_text=True)


def test_prepared_downloads_are_served_while_fresh(client, auth, users, db, monkeypatch):
    from tracker import storage

    monkeypatch.setattr(storage, "CHUNK_BYTES", 100)  # read back from the database in pieces
    _published_cases(db, 2, title="Prepared case")
    auth.login_as(users["admin"])
    client.post("/manage/jobs/downloads")
    assert _count(db, Job, Job.kind == "data_download", Job.state == "done") > 2
    auth.logout()
    prepared = client.get("/data/cases.csv")  # a file: its length is known before it is sent
    assert int(prepared.headers["Content-Length"]) == len(prepared.data) > 300
    assert prepared.get_data(as_text=True).count("Prepared case") == 2
    assert prepared.data.decode().splitlines()[0].startswith("id,")
    _published_cases(db, 1, title="Prepared case")  # the data changed: the file is stale
    streamed = client.get("/data/cases.csv")
    assert "Content-Length" not in streamed.headers
    assert streamed.get_data(as_text=True).count("Prepared case") == 3


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({}, "SqliteHuey"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/15"}, "RedisHuey"),
        ({"JOBS_IMMEDIATE": True}, "MemoryHuey"),
    ],
)
def test_the_queue_is_redis_when_configured_else_a_sqlite_file(tmp_path, config, expected):
    from tracker import create_app
    from tracker.jobs.queue import make_queue

    app = create_app(
        {
            "TRACKER_ENV": "development",
            "SECRET_KEY": "x" * 32,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
            "JOBS_QUEUE_FILE": str(tmp_path / "jobs-queue.db"),
            **config,
        }
    )
    assert type(make_queue(app)).__name__ == expected
