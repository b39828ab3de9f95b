"""A job's progress file: the page shows an import's rows done while its SQLite transaction
holds the write lock, and a fresh progress file keeps a long job from looking stopped."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests import factories
from tests.test_jobs import _running_job
from tests.test_mapping_pages import FOREIGN, _selected, _upload
from tracker.imports import background, mapped
from tracker.jobs import beacon
from tracker.models import Complaint


def test_a_fresh_progress_file_overrides_an_old_heartbeat(app, client, auth, users, db, tmp_path):
    app.config["JOBS_PROGRESS_DIR"] = str(tmp_path)
    job = _running_job(db, users["admin"], timedelta(minutes=10))
    beacon.write(app, job.token, 7, 10, "2 rows refused so far.")
    auth.login_as(users["admin"])
    text = client.get(f"/jobs/{job.token}").get_data(as_text=True)
    assert "This job failed" not in text
    assert "7 of 10 done" in text and "(70%)" in text and "2 rows refused so far." in text
    # An older file than the row is ignored: the row is the newer word.
    old = beacon.read(app, job.token)
    old["at"] = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    (tmp_path / f"{job.token}.json").write_text(__import__("json").dumps(old))
    assert "This job failed" in client.get(f"/jobs/{job.token}").get_data(as_text=True)


def test_the_job_page_shows_rows_done_while_the_import_is_open(
    app, client, auth, users, db, tmp_path, monkeypatch
):
    app.config["JOBS_PROGRESS_DIR"] = str(tmp_path)
    app.config["IMPORT_INLINE_ROWS"] = 2  # the four rows go to a job
    monkeypatch.setattr(mapped, "BATCH_ROWS", 2)  # progress after every two rows
    factories.make_officer(publish=True, serial_number="4411", name="Jane Roe")
    db.session.commit()
    auth.login_as(users["editor"])
    address = _upload(client, FOREIGN, preset="").headers["Location"]
    page = client.get(address).get_data(as_text=True)
    form = {
        name: _selected(page, name)
        for name in re.findall(r'name="((?:column|value)_[a-z_]*\d+)"', page)
    }
    form["column_5"] = "title"
    seen = []
    real = background.run_mapped

    def watched(*args, progress=None, **kwargs):
        """The import, with the job page fetched after each batch (its transaction open)."""

        def step(run):
            progress(run)
            if kwargs.get("write") and run.done and run.counts["create"]:
                (token,) = [path.stem for path in tmp_path.glob("*.json")]
                with app.app_context():  # a request of its own: its own session and connection
                    seen.append(client.get(f"/jobs/{token}").get_data(as_text=True))

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(background, "run_mapped", watched)
    response = client.post(address, data={**form, "commit": "1"})
    assert response.status_code == 303
    assert "4 created" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 4
    pages = [re.sub(r"\s+", " ", text) for text in seen]
    assert any("Working: 2 of 4 done" in text for text in pages)
    assert not list(tmp_path.glob("*.json"))  # the finished job's file is gone
