"""Benchmark of the mapping import: a generated spreadsheet of complaints in a foreign layout.

    BENCH_ROWS=100000 .venv/bin/python bench/mapping_import.py [sqlite|postgresql]

Builds its own database (a SQLite file in a temporary folder, or ``bench_mapping_<pid>`` on
``BENCH_POSTGRES_URL``, dropped afterwards), adds ``BENCH_OFFICERS`` officers, writes a CSV of
``BENCH_ROWS`` complaints naming one or two officers each by serial number (``;``-separated),
with intake channels in the log's own words and US dates, then times the dry run and the
import (rows per second, and the CPU time this process spent: on a shared machine the
wall time depends on the load) and reports the peak resident memory (``BENCH_WRITE=0``: the dry
run only; ``BENCH_PROFILE=FILE``: a cProfile of the import to FILE). The machine is shared:
figures vary run to run.
"""

import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
WRITE = os.environ.get("BENCH_WRITE", "1") != "0"  # 0: the dry run only
OFFICERS = int(os.environ.get("BENCH_OFFICERS", "2000"))
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
MAPPING = {
    "kind": "complaint",
    "columns": {
        "Complaint No": "reference_number",
        "Received": "filed_on",
        "Type": "complaint_kind",
        "Intake": "channel",
        "Accused": "officers",
        "Summary": "title",
    },
    "values": {
        "complaint_kind": {"admin": "administrative", "crim": "criminal"},
        "channel": {"ph": "phone", "walk-in": "in_person", "web": "online"},
    },
}


def write_sheet(path):
    """The foreign spreadsheet of ``ROWS`` complaints."""
    rng = random.Random(1)
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*MAPPING["columns"], "Notes"])
        for n in range(ROWS):
            accused = ";".join(f"S{rng.randrange(OFFICERS)}" for _ in range(rng.randint(1, 2)))
            day = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(2015, 2024)}"
            intake = rng.choice(["PH", "Walk-in", "Web", "Mail"])
            kind = rng.choice(["Admin", "Crim"])
            writer.writerow([f"IA-{n}", day, kind, intake, accused, f"Complaint {n}", "x"])


def database(backend, folder):
    """The URL of a fresh database for ``backend``, and how to drop it."""
    if backend == "sqlite":
        return f"sqlite:///{folder}/bench.db", lambda: None
    name = f"bench_mapping_{os.getpid()}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))

    def drop():
        """Drop the benchmark's database."""
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    return POSTGRES.rsplit("/", 1)[0] + f"/{name}", drop


def main(backend):
    """Measure one backend and print the figures."""
    from flask_migrate import upgrade

    from tracker import create_app
    from tracker.extensions import db
    from tracker.imports.mapped import run_mapped
    from tracker.imports.mapping import Mapping
    from tracker.models import Officer

    with tempfile.TemporaryDirectory() as folder:
        url, drop = database(backend, folder)
        try:
            app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
            with app.app_context():
                upgrade()
                db.session.add_all(
                    Officer(identity_status="named", name=f"Officer {n}", serial_number=f"S{n}")
                    for n in range(OFFICERS)
                )
                db.session.commit()
                sheet = Path(folder) / "complaints.csv"
                write_sheet(sheet)
                mapping = Mapping.from_json(MAPPING)
                for write in (False, True) if WRITE else (False,):
                    started, cpu = time.perf_counter(), time.process_time()
                    if write and os.environ.get("BENCH_PROFILE"):
                        import cProfile

                        profile = cProfile.Profile()
                        run = profile.runcall(run_mapped, mapping, sheet, sheet.name, write=write)
                        profile.dump_stats(os.environ["BENCH_PROFILE"])
                    else:
                        run = run_mapped(mapping, sheet, sheet.name, write=write)
                    seconds = time.perf_counter() - started
                    cpu = time.process_time() - cpu  # this process only (not the server's)
                    assert not run.problems, run.problems[:3]
                    assert run.counts["create"] == ROWS, run.counts  # every row was planned
                    what = "import" if write else "dry run"
                    print(
                        f"{backend}: {what} of {ROWS:,} rows: {seconds:.1f} s "
                        f"({ROWS / seconds:,.0f} rows/s; this process's CPU {cpu:.1f} s)",
                        flush=True,
                    )
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{backend}: peak resident memory {peak:.0f} MB", flush=True)
                db.session.remove()
                db.engine.dispose()
        finally:
            drop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite")
