"""Benchmark of the largest report (``make bench``): a multi-case PDF of 50 cases.

Each case has an officer, a complaint, an investigation, a legal action, a timeline entry and
their sources, so the report runs to a cover with its contents and about 100 pages. Measures
the median CPU time of rendering it uncached (page models, template, layout, the tagged PDF:
single-threaded, so CPU time holds on a busy machine), its pages and bytes. No target: the
figure compares layouts (``BENCH_RUNS`` runs, default 3).
"""

import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CASES = 50


def _world(db):
    """50 published cases, each with a sourced officer, proceedings and a timeline entry."""
    from tracker.models import (
        Case,
        CaseOfficer,
        Citation,
        Complaint,
        Investigation,
        LegalAction,
        Officer,
        Source,
        TimelineEvent,
    )
    from tracker.records.workflow import publish

    def sourced(record, n):
        """Cite a fresh source, publish and add ``record``."""
        record.citations.append(
            Citation(
                source=Source(
                    title=f"Report {n}",
                    url=f"https://news.example.org/{n}",
                    publisher="Example News",
                    source_kind="news",
                )
            )
        )
        publish(record)
        db.session.add(record)
        return record

    for n in range(CASES):
        officer = sourced(Officer(identity_status="named", name=f"Officer {n}"), f"o{n}")
        case = sourced(
            Case(
                title=f"Case {n}: a stop on Main Street",
                case_kind="use_of_force",
                outcome="injured",
                occurred_on=date(2020, 1 + n % 12, 1 + n % 28),
                place="Main Street",
                summary="What the family says happened, as the news reported it. " * 3,
            ),
            f"c{n}",
        )
        case.officers.append(CaseOfficer(officer=officer, role="involved"))
        case.timeline.append(
            TimelineEvent(occurred_on=date(2020, 2, 1), description="Complaint filed")
        )
        sourced(Complaint(title=f"Complaint {n}", complaint_kind="criminal", case=case), f"p{n}")
        sourced(
            Investigation(
                title=f"Investigation {n}",
                scope="internal",
                investigation_status="open",
                case=case,
            ),
            f"i{n}",
        )
        sourced(LegalAction(title=f"Suit {n}", action_kind="civil_suit", case=case), f"l{n}")
    db.session.commit()


def main():
    """Render the 50-case report ``RUNS`` times uncached and print the median."""
    from pypdf import PdfReader

    from tracker import create_app
    from tracker.extensions import db

    workdir = Path(tempfile.mkdtemp(prefix="bench-multi-"))
    app = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
            "REPORT_CACHE_DIR": str(workdir / "cache"),
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        from flask_migrate import upgrade

        from tracker.kinds.case_filters import CaseFilters
        from tracker.records.visibility import public_view
        from tracker.reports.collection import multi_case_report
        from tracker.reports.routes import render_report

        upgrade()
        _world(db)

        def render():
            """The report's PDF bytes, from the page models up."""
            with app.test_request_context("/cases/report.pdf"), public_view():
                page = multi_case_report(CaseFilters.from_args({}))
                return render_report(page, "reports/cases.html", "Case report")

        data = render()  # warm-up: fonts, templates
        times = []
        for _ in range(RUNS):
            start = time.process_time()
            render()
            times.append(time.process_time() - start)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    median = statistics.median(times)
    print(f"{'multi-case report, 50 cases (uncached)':40} {median:>18.2f} s  ", end="")
    print(f"{pages} pages, {len(data) / 1024:.0f} KB, {median / pages * 1000:.0f} ms per page")


if __name__ == "__main__":
    main()
