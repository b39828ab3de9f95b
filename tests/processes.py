"""Helpers for tests that run the tracker in another process: a seeded database file, a free
loopback port, and gunicorn started with the repository's ``gunicorn.conf.py``."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flask_migrate import upgrade

from tracker import create_app
from tracker.demo.seed import load_demo_data
from tracker.extensions import db

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def seeded_sqlite_url(directory):
    """A migrated SQLite database file under ``directory`` holding the demo data."""
    url = f"sqlite:///{Path(directory) / 'tracker.db'}"
    app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        load_demo_data(db.session)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return url


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(base, process, seconds=120):
    """Wait until ``base`` answers 200 (fail if ``process`` ends first, or after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base}/", timeout=5) as response,  # noqa: S310
        ):
            if response.status == 200:
                return
        time.sleep(0.5)
    raise TimeoutError(f"{base} does not answer after {seconds} s")


@contextlib.contextmanager
def gunicorn(database_url, directory, *arguments, **environment):
    """Serve the tracker with gunicorn and ``gunicorn.conf.py``; yields ``(base URL, log)``.

    ``arguments`` are extra command-line options; ``environment`` extra variables. The server
    runs in production mode on ``database_url`` and is stopped (then killed) at the end.
    """
    port = free_port()
    log_path = Path(directory) / "gunicorn.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL", "GUNICORN_CMD_ARGS")
        and not key.startswith("GUNICORN_")
    }
    env.update(
        TRACKER_ENV="production",
        SECRET_KEY="gunicorn-test-secret-key-" + "x" * 40,
        DATABASE_URL=database_url,
        REPORT_CACHE_DIR=str(Path(directory) / "report-cache"),
        **environment,
    )
    command = [str(GUNICORN), "--config", str(ROOT / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", *arguments]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 (the venv's gunicorn, fixed arguments)
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_serving(base, process)
            yield base, log_path
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
