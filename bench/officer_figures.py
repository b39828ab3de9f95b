"""Officer figures at scale: what the busiest officer's figures and the figures download cost.

Builds a throwaway database (SQLite in a temporary folder, or the PostgreSQL server at
``--postgres URL``, in a schema-free database it creates and drops), migrates it, writes a
generated world of N cases (``flask generate-world``'s writer: 1.5 allegations a complaint),
analyses it, then times in process, behind the public visibility boundary:

- ``figures_for`` of the officer with the most allegations (median of 5, after one warm-up),
  with its number of SQL statements;
- ``figures_for`` of a batch of 500 officers (what one batch of the download reads);
- the whole ``/data/officer_figures.csv`` (every published officer), rows and seconds.

    python bench/officer_figures.py [--cases 20000] [--postgres postgresql://...]

Prints a Markdown table.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402

from tests.querycount import count_queries  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.duty.figures import figures_for  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import Allegation, Officer  # noqa: E402
from tracker.opendata.stream import csv_chunks  # noqa: E402
from tracker.records.visibility import public_view  # noqa: E402
from tracker.worldgen.plan import WorldPlan  # noqa: E402
from tracker.worldgen.writer import write_world  # noqa: E402


def _timed(call, runs=5):
    """The median seconds of ``runs`` calls of ``call`` after one warm-up, and its last result."""
    result = call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def measure(url, cases):
    """``[(what, value)]`` for a world of ``cases`` cases in the database at ``url``."""
    app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    rows = []
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        write_world(db.session, WorldPlan(cases), seed=1)
        rows.append(("generate-world (no search index)", f"{time.perf_counter() - started:.1f} s"))
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        rows.append(("allegations", f"{db.session.scalar(select(func.count(Allegation.id))):,}"))
        with public_view():
            busiest = db.session.execute(
                select(Allegation.officer_id, func.count())
                .where(Allegation.officer_id.is_not(None))
                .group_by(Allegation.officer_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
            with count_queries() as seen:
                figures_for([busiest[0]])
            seconds, figures = _timed(lambda: figures_for([busiest[0]]))
            mine = figures[busiest[0]]
            rows.append(
                (
                    "figures of the busiest officer",
                    f"{seconds * 1000:.1f} ms, {seen.count} queries ({mine.allegations} "
                    f"allegations, {mine.cases} cases, {mine.co_accused_total} co-accused)",
                )
            )
            batch = db.session.scalars(select(Officer.id).order_by(Officer.id).limit(500)).all()
            seconds, _ = _timed(lambda: figures_for(batch))
            rows.append(("figures of 500 officers (a download batch)", f"{seconds * 1000:.0f} ms"))
        started = time.perf_counter()
        size = sum(len(chunk) for chunk in csv_chunks(app, "officer_figures"))
        rows.append(
            ("/data/officer_figures.csv", f"{time.perf_counter() - started:.1f} s, {size:,} bytes")
        )
    return rows


def main():
    """Measure on SQLite (and PostgreSQL when given) and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (a scratch database is made)")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = measure(f"sqlite:///{folder}/figures.db", args.cases)
    if args.postgres:
        name = f"bench_figures_{int(time.time())}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            results["postgresql"] = measure(
                args.postgres.rsplit("/", 1)[0] + f"/{name}", args.cases
            )
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print(f"| {args.cases:,} cases | " + " | ".join(results) + " |")
    print("| --- |" + " --- |" * len(results))
    for index, (what, _value) in enumerate(results["sqlite"]):
        print(f"| {what} | " + " | ".join(rows[index][1] for rows in results.values()) + " |")


if __name__ == "__main__":
    main()
