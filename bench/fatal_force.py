"""How long a Fatal Force reconciliation takes: the Post's 9,518 rows, one agency.

Builds a throwaway SQLite database with the demo data (and ``--cases`` extra generated fatal
cases, to see the cost of a larger tracker), then runs ``reconcile`` ``--runs`` times in this
process and prints the best and median wall time and the number of SQL statements of one run.

    python bench/fatal_force.py [--agency 201] [--runs 5] [--cases 0]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event  # noqa: E402

from tracker import create_app  # noqa: E402
from tracker.demo.seed import load_demo_data  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.fatalforce.service import reconcile  # noqa: E402
from tracker.models import Case  # noqa: E402


def main():
    """Build, run, print a Markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--agency", type=int, default=201)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            load_demo_data(db.session)
            start = date(2015, 1, 1)
            for number in range(args.cases):
                db.session.add(
                    Case(
                        title=f"Generated case {number}",
                        case_kind="shooting",
                        outcome="fatal",
                        occurred_on=start + timedelta(days=number % 3300),
                    )
                )
            db.session.commit()
            times, statements = [], []
            for _ in range(args.runs):
                count = [0]

                def counted(*_args, count=count):
                    """Count one SQL statement."""
                    count[0] += 1

                event.listen(db.engine, "before_cursor_execute", counted)
                began = time.perf_counter()
                report = reconcile(args.agency)
                times.append(time.perf_counter() - began)
                event.remove(db.engine, "before_cursor_execute", counted)
                statements.append(count[0])
    figures = report.figures
    print("| agency | rows read | agency rows | tracker cases | best (s) | median (s) | SQL |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| {args.agency} | {report.rows_read:,} | {figures['rows']} | demo + {args.cases:,} | "
        f"{min(times):.3f} | {statistics.median(times):.3f} | {statements[-1]} |"
    )


if __name__ == "__main__":
    main()
