"""How fast an OpenOversight roster imports: ``flask import-officers`` on SQLite and PostgreSQL.

Generates an officers file and an assignments file (``BENCH_OFFICERS``, default 35,000
officers, each a ``#key`` and an internal identifier; ``BENCH_ASSIGNMENTS``, default 45,000
assignments with a blank ``id``: every officer one, some two or more, one in 11 without a badge),
makes a fresh database on each backend (``flask db upgrade`` and one agency), then times the
command itself, its start included: the import, then the same files again (which must change
nothing). Prints rows per second. ``BENCH_BACKENDS=sqlite`` leaves PostgreSQL out;
``BENCH_POSTGRES_URL`` names the server (a ``bench_roster_...`` database is made and dropped).
"""

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
FLASK = Path(sys.executable).with_name("flask")
AGENCY = "Roster Bench Police Department"
OFFICERS = int(os.environ.get("BENCH_OFFICERS", "35000"))
ASSIGNMENTS = int(os.environ.get("BENCH_ASSIGNMENTS", "45000"))
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",")
UNITS = ["Patrol North", "Patrol South", "Narcotics", "Traffic", "Gang unit", "Training"]
LAST_DAY = date(2025, 12, 31)  # no date on record is in the future
RANKS = ["Police officer", "Detective", "Sergeant", "Lieutenant", "Captain"]


def write_files(folder, officers, assignments, seed=13):
    """The two CSV files of a roster; returns their paths."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311  # a benchmark's data, not a secret
    officers_path, assignments_path = folder / "officers.csv", folder / "assignments.csv"
    with officers_path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["id", "first_name", "last_name", "middle_initial", "suffix", "gender"]
            + ["race", "birth_year", "employment_date", "last_employment_date"]
            + ["unique_internal_identifier", "department_name"]
        )
        for n in range(officers):
            start = date(1990, 1, 1) + timedelta(days=rng.randrange(12000))
            left = start + timedelta(days=rng.randrange(3000, 9000)) if n % 7 == 0 else None
            left = min(left, LAST_DAY) if left else None
            out.writerow(
                [f"#o{n}", f"First{n}", f"Last{n}", "ABCDEFG"[n % 7], "", "Female"]
                + ["White", 1950 + n % 40, start.isoformat(), left or ""]
                + [f"U{n:06d}", AGENCY]
            )
    with assignments_path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["id", "officer_id", "badge_number", "job_title", "start_date"]
            + ["resign_date", "unit_name"]
        )
        for n in range(assignments):
            officer = n if n < officers else rng.randrange(officers)
            start = date(2000, 1, 1) + timedelta(days=rng.randrange(8000) + n // officers * 9)
            end = start + timedelta(days=rng.randrange(100, 2000)) if n < officers else ""
            end = min(end, LAST_DAY) if end else ""
            badge = "" if n % 11 == 0 else str(10000 + n)
            out.writerow(
                ["", f"#o{officer}", badge, rng.choice(RANKS), start.isoformat()]
                + [end and end.isoformat(), rng.choice(UNITS)]
            )
    return officers_path, assignments_path


def _env(url, workdir):
    """The environment of a flask command on the database ``url``."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "TRACKER_ENV": "production",
        "SECRET_KEY": uuid.uuid4().hex,
        "REPORT_CACHE_DIR": str(workdir / "reports"),
        "UPLOAD_FOLDER": str(workdir / "uploads"),
        "FLASK_APP": "tracker",
    }


def flask(env, *args):
    """Run ``flask ARGS``; returns (seconds, last line of its output)."""
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603  # our own flask command, fixed arguments
        [str(FLASK), *args], cwd=ROOT, env=env, check=False, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"flask {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    lines = result.stdout.strip().splitlines()
    return time.perf_counter() - started, lines[-1] if lines else ""


def add_agency(url):
    """The department the roster names (a roster refers to agencies already on file)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        record_id = connection.execute(
            text(
                "INSERT INTO records (kind, title, slug, status, version, created_at, updated_at) "
                "VALUES ('agency', :name, 'roster-bench', 'draft', 1, CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP) RETURNING id"
            ),
            {"name": AGENCY},
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO agencies (id, name, agency_kind) "
                "VALUES (:id, :name, 'police_department')"
            ),
            {"id": record_id, "name": AGENCY},
        )
    engine.dispose()


def measure(backend, files, workdir):
    """Import the roster into a fresh database of ``backend``, then again; print the figures."""
    name = f"bench_roster_{uuid.uuid4().hex[:10]}"
    admin = None
    if backend == "sqlite":
        url = f"sqlite:///{workdir / name}.db"
    else:
        server = make_url(POSTGRES)
        url = server.set(database=name).render_as_string(hide_password=False)
        admin = create_engine(
            server.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        env = _env(url, workdir)
        flask(env, "db", "upgrade")
        add_agency(url)
        rows = OFFICERS + ASSIGNMENTS
        args = ("import-officers", str(files[0]), str(files[1]), "--quiet")
        seconds, said = flask(env, *args)
        print(
            f"{backend}: import of {OFFICERS:,} officers and {ASSIGNMENTS:,} assignments: "
            f"{seconds:.1f} s, {rows / seconds:,.0f} rows/s ({said})"
        )
        again, said = flask(env, *args)
        print(f"{backend}: the same files again: {again:.1f} s ({said})")
    finally:
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def main():
    """Generate the files once, measure each backend."""
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        files = write_files(workdir, OFFICERS, ASSIGNMENTS)
        for backend in BACKENDS:
            measure(backend.strip(), files, workdir)


if __name__ == "__main__":
    main()
