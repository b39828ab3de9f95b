"""Two gunicorn servers on one PostgreSQL and one Redis, and a jobs worker: a document uploaded
through one is served by the other, the sign-in limit counts across both, a report cached by one
is served by the other, a job queued by one is run by the worker and shown by the other.

PostgreSQL (``TEST_DATABASE_URL``) and Redis (``TEST_REDIS_URL``) are required: skipped where
they are missing, a failure under CI. A SQLite run of ``flask jobs-worker`` on its queue file
(the ``make run`` setup) is checked too.
"""

import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import PASSWORD, postgres_database, unavailable
from tests.documents import pdf_bytes
from tests.processes import ROOT, gunicorn
from tracker import create_app
from tracker.demo.seed import load_demo_data
from tracker.extensions import db
from tracker.models import User

FLASK = Path(sys.executable).with_name("flask")
SECRET = "gunicorn-test-secret-key-" + "x" * 40  # the one tests.processes.gunicorn sets


def _prepare(url):
    """Migrate ``url``, load the demo data and an editor; returns the editor's email."""
    from flask_migrate import upgrade

    app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        load_demo_data(db.session)
        editor = User(email="editor@example.org", role="editor", name="Editor", active=True)
        editor.set_password(PASSWORD)
        db.session.add(editor)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return "editor@example.org"


@pytest.fixture(scope="module")
def postgres_url():
    """A new, prepared PostgreSQL database for this module; dropped at the end."""
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        unavailable("PostgreSQL (TEST_DATABASE_URL)")
    with postgres_database("tracker_two") as url:
        _prepare(url)
        yield url


@contextlib.contextmanager
def worker(database_url, directory, **environment):
    """``flask jobs-worker`` in production mode on ``database_url``; stopped at the end."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL",)}
    env.update(TRACKER_ENV="production", SECRET_KEY=SECRET, DATABASE_URL=database_url)
    env.update(environment)
    log = open(Path(directory) / "worker.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: S603 (the venv's flask, fixed arguments)
        [str(FLASK), "--app", "tracker", "jobs-worker", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def servers(postgres_url, redis_url, tmp_path_factory):
    """Two gunicorn servers and one worker on the same PostgreSQL and Redis."""
    environment = {
        "REDIS_URL": redis_url,
        "LOGIN_RATE_LIMIT": "4 per 15 minutes",
        "CASES_REPORT_INLINE": "1",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "4",
    }
    one, two = (tmp_path_factory.mktemp(name) for name in ("one", "two"))
    with (
        gunicorn(postgres_url, one, **environment) as (first, _log1),
        gunicorn(postgres_url, two, **environment) as (second, _log2),
        worker(postgres_url, one, REDIS_URL=redis_url),
    ):
        yield first, second


def _csrf(page):
    """The CSRF token in an HTML page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


class PlainHttpSession(requests.Session):
    """A requests session that sends cookies marked Secure back over plain HTTP.

    The servers run in production mode on loopback without TLS (in production a TLS proxy is
    in front), so their Secure cookies must go back to them over HTTP.
    """

    def request(self, *args, **kwargs):
        """Make the request, then let every cookie it set travel over HTTP."""
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def _sign_in(base, email, password=PASSWORD):
    """A requests session signed in on ``base`` (the login form's CSRF token included)."""
    session = PlainHttpSession()
    token = _csrf(session.get(f"{base}/login", timeout=30).text)
    response = session.post(
        f"{base}/login",
        data={"email": email, "password": password, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    return session, response


def test_a_document_uploaded_through_one_server_is_served_by_the_other(servers):
    first, second = servers
    session, response = _sign_in(first, "editor@example.org")
    assert response.status_code == 302
    data = pdf_bytes(pages=3)
    token = _csrf(session.get(f"{first}/manage/sources/new", timeout=30).text)
    created = session.post(
        f"{first}/manage/sources/new",
        data={"title": "Scan on server one", "source_kind": "official_record", "csrf_token": token},
        files={"document": ("scan.pdf", data, "application/pdf")},
        allow_redirects=False,
        timeout=60,
    )
    assert created.status_code == 302, created.text[:500]
    source_path = created.headers["Location"]  # /manage/sources/<id>
    # The same signed-in session (one secret key) asks the other server for the file.
    served = session.get(f"{second}{source_path}/document", timeout=30)
    assert served.status_code == 200 and served.content == data


def test_the_sign_in_limit_counts_across_both_servers(servers):
    first, second = servers
    email = "nobody-across@example.org"
    answers = [_sign_in((first, second)[n % 2], email, "wrong")[1].status_code for n in range(5)]
    assert answers[:4] == [200, 200, 200, 200]  # the form again, with its error
    assert answers[4] == 429  # the fifth try, on the other server than the fourth


def test_a_report_cached_by_one_server_is_served_by_the_other(servers, redis_url):
    import redis

    first, second = servers
    case_id = re.search(r'href="/cases/(\d+)', requests.get(f"{first}/cases", timeout=30).text)[1]
    one = requests.get(f"{first}/cases/{case_id}/report.pdf", timeout=120)
    assert one.status_code == 200 and one.content.startswith(b"%PDF")
    assert redis.Redis.from_url(redis_url).keys("report:*")
    two = requests.get(f"{second}/cases/{case_id}/report.pdf", timeout=120)
    # A render on the second server would carry its own "generated" time: same bytes, same file.
    assert two.content == one.content and two.headers["ETag"] == one.headers["ETag"]
    # Behind one proxy both servers are asked for the same host name.
    host = {"Host": "tracker.example.org"}
    page_one = requests.get(f"{first}/cases", headers=host, timeout=30)
    page_two = requests.get(f"{second}/cases", headers=host, timeout=30)
    assert page_two.headers["X-Page-Cache"] == "hit" and page_two.content == page_one.content


def test_a_job_queued_by_one_server_is_run_by_the_worker(servers):
    first, second = servers
    queued = requests.get(f"{first}/cases/report.pdf", allow_redirects=False, timeout=60)
    assert queued.status_code == 303
    job_path = queued.headers["Location"]
    deadline = time.monotonic() + 300
    page = ""
    while time.monotonic() < deadline:
        page = requests.get(f"{second}{job_path}", timeout=30).text
        if "is ready" in page or "failed" in page:
            break
        time.sleep(1)
    assert "is ready" in page, page[-2000:]
    result = requests.get(f"{second}{job_path}/result", timeout=60)
    assert result.status_code == 200 and result.content.startswith(b"%PDF")


def test_make_runs_worker_needs_no_other_service(tmp_path):
    """The ``make run`` setup: SQLite database, Huey's SQLite queue file, a worker process."""
    from tests.processes import seeded_sqlite_url
    from tracker.models import Job

    url = seeded_sqlite_url(tmp_path)
    queue_file = str(tmp_path / "jobs-queue.db")
    settings = {"SQLALCHEMY_DATABASE_URI": url, "JOBS_QUEUE_FILE": queue_file}
    app = create_app({"TRACKER_ENV": "development", "SECRET_KEY": SECRET, **settings})
    with app.test_request_context("/"):
        from tracker.jobs.service import start_job

        job = start_job("search_reindex", "Rebuild the search index", {})
        job_id = job.id
        db.session.remove()
    with worker(url, tmp_path, JOBS_QUEUE_FILE=queue_file):
        deadline = time.monotonic() + 120
        state = None
        while time.monotonic() < deadline:
            with app.app_context():
                state = db.session.get(Job, job_id).state
                db.session.remove()
            if state in ("done", "failed"):
                break
            time.sleep(0.5)
    assert state == "done"
    with app.app_context():
        db.engine.dispose()
