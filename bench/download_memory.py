"""A /data download's cost in server memory, and a large multi-case report as a job.

Builds a throwaway SQLite database of N published cases (one made through the models, the rest
copied row by row with SQL, each citing a source), serves it with gunicorn (one worker, the
repository's gunicorn.conf.py) and reads the worker's peak resident memory (VmHWM in /proc)
before and after downloading /data/cases.csv and /data/cases.json. Then times the multi-case
report job of the first R cases in this process.

    python bench/download_memory.py [--cases 20000] [--report 200]

Linux only (reads /proc). Prints a Markdown table.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from tests import factories  # noqa: E402
from tests.processes import GUNICORN, ROOT, free_port, wait_until_serving  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import Case, Citation, Record  # noqa: E402


def build(url, count):
    """``count`` published cases in the database at ``url``."""
    app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        model = factories.make_case(publish=True, title="Case 0", narrative="A narrative. " * 20)
        db.session.commit()
        records, cases = Record.__table__, Case.__table__
        record_row = dict(
            db.session.execute(select(records).where(records.c.id == model.id)).one()._mapping
        )
        case_row = dict(
            db.session.execute(select(cases).where(cases.c.id == model.id)).one()._mapping
        )
        citation_row = dict(
            db.session.execute(select(Citation.__table__).where(Citation.record_id == model.id))
            .one()
            ._mapping
        )
        next_id = model.id + 1000
        for start in range(1, count, 5000):
            ids = range(next_id + start, next_id + min(start + 5000, count))
            db.session.execute(
                insert(records),
                [{**record_row, "id": i, "title": f"Case {i}", "slug": f"case-{i}"} for i in ids],
            )
            db.session.execute(insert(cases), [{**case_row, "id": i} for i in ids])
            db.session.execute(
                insert(Citation.__table__),
                [{**citation_row, "id": None, "record_id": i} for i in ids],
            )
            db.session.commit()
        total = db.session.scalar(select(db.func.count()).select_from(cases))
        db.session.remove()
        db.engine.dispose()
    return app, total


def worker_pid(master):
    """The pid of gunicorn's (only) worker process."""
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def peak_kb(pid):
    """The process's peak resident memory (VmHWM) in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def download(base, path):
    """Download ``path``; return (bytes, seconds)."""
    started = time.monotonic()
    with urllib.request.urlopen(base + path, timeout=1200) as response:  # noqa: S310 (loopback)
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
    return size, time.monotonic() - started


def serve_and_measure(url, folder):
    """Rows of (download, bytes, seconds, peak before MB, peak after MB, growth MB)."""
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_") and k != "REDIS_URL"
    }
    env.update(
        TRACKER_ENV="production",
        SECRET_KEY="bench-secret-" + "x" * 40,
        DATABASE_URL=url,
        GUNICORN_WORKERS="1",
        GUNICORN_TIMEOUT="600",
        REPORT_CACHE_DIR=str(Path(folder) / "reports"),
    )
    command = [
        str(GUNICORN),
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    with open(Path(folder) / "gunicorn.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_serving(base, process)
            pid = worker_pid(process.pid)
            # Warm up on small answers (imports, templates, the first queries), never on the
            # download measured: the peak would then already hold whatever it needs.
            for path in ("/", "/data", "/data/agencies.csv", "/data/agencies.json"):
                download(base, path)
            rows = []
            for path in ("/data/cases.csv", "/data/cases.json"):
                before = peak_kb(pid)
                size, seconds = download(base, path)
                after = peak_kb(pid)
                rows.append(
                    (path, size, seconds, before / 1024, after / 1024, (after - before) / 1024)
                )
            return rows
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def time_report_job(url, count):
    """Seconds to run the multi-case report job of the first ``count`` cases (this process)."""
    app = create_app(
        {"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url, "CASES_REPORT_INLINE": 0}
    )
    from tracker.jobs.runner import run
    from tracker.models import Job

    with app.test_request_context("/"):
        ids = db.session.scalars(select(Case.id).order_by(Case.id).limit(count)).all()
        job = Job(
            token="bench-report",  # noqa: S106 (a job's address, not a password)
            kind="cases_report",
            title="Bench report",
            state="queued",
            params='{"filters": {"year": null}, "title": "Bench report"}',
            done=0,
            total=0,
            attempts=0,
        )
        db.session.add(job)
        db.session.commit()
        job_id = job.id
        db.session.remove()
    # The report of the whole selection would be every case: limit it to the first ``count``.
    from tracker.reports import collection

    real = collection.selected_case_ids
    collection.selected_case_ids = lambda filters, limit=None: ids
    try:
        started = time.monotonic()
        run(app, job_id)
        seconds = time.monotonic() - started
    finally:
        collection.selected_case_ids = real
    with app.app_context():
        job = db.session.get(Job, job_id)
        state, done, message = job.state, job.done, job.message
        db.session.remove()
        db.engine.dispose()
    return seconds, state, done, message


def main():
    """Build, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--report", type=int, default=0, help="cases in the timed report job")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        started = time.monotonic()
        _app, total = build(url, options.cases)
        print(f"Built {total} published cases in {time.monotonic() - started:.0f} s.\n")
        print("| download | bytes | seconds | worker peak RSS before (MB) | after | growth |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for path, size, seconds, before, after, growth in serve_and_measure(url, folder):
            cells = [f"`{path}` ({total:,} cases)", f"{size:,}", f"{seconds:.1f}"]
            cells += [f"{before:.0f}", f"{after:.0f}", f"{growth:.1f}"]
            print("| " + " | ".join(cells) + " |")
        if options.report:
            seconds, state, done, message = time_report_job(url, options.report)
            print(f"\nMulti-case report job of {options.report} cases: {state} in {seconds:.0f} s")
            print(f"({done} case pages; {message})")


if __name__ == "__main__":
    main()
