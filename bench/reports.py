"""Benchmark of the PDF reports (``make bench``), all in one process on the demo data.

Measures: a minimal one-page WeasyPrint document; a case report of the demo data rendered from
scratch (page model, template, PDF); a cached repeat through the app (page fingerprint + cache
read); and resident memory before and after 200 uncached renders.

Targets: case report at most 2x the minimal document; cached repeat at most 10 ms; resident
memory growing less than 10% over the 200 renders. A missed target is printed; set
BENCH_STRICT=1 to make it exit non-zero (``make bench`` runs every script, so by default one
miss does not stop the others).
"""

import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
RENDERS_FOR_MEMORY = int(os.environ.get("BENCH_RENDERS", "200"))


def rss_mb():
    """The resident set size of this process now, in MB (from /proc; max RSS elsewhere)."""
    try:
        with open("/proc/self/statm") as stream:
            pages = int(stream.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_seconds(function, runs=RUNS):
    """The median wall time of ``function()`` over ``runs`` runs (after one warm-up)."""
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    """Run the measurements and print them with their targets."""
    from weasyprint import HTML

    from tracker import create_app
    from tracker.extensions import db

    workdir = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    app = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": url,
            "REPORT_CACHE_DIR": str(workdir / "cache"),
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        from flask_migrate import upgrade

        from tracker.demo.seed import load_demo_data
        from tracker.models import Case
        from tracker.pages.case import case_page
        from tracker.records.visibility import public_view
        from tracker.reports.render import render_pdf
        from tracker.reports.routes import render_report

        upgrade()
        load_demo_data(db.session)
        case_id = db.session.scalars(db.select(Case.id).order_by(Case.id)).first()
        client = app.test_client()

        def minimal():
            HTML(string="<!doctype html><title>x</title><p>One page.</p>").write_pdf()

        def case_report_uncached():
            with app.test_request_context(f"/cases/{case_id}/report.pdf"), public_view():
                page = case_page(case_id, changes=False)
                data = render_report(page, "reports/case.html", page.case.title)
                assert data.startswith(b"%PDF")

        def dossier_only():
            with app.test_request_context("/"), public_view():
                case_page(case_id, changes=False)

        def empty_report_layout():
            # The report's own stylesheet, header and footer around a one-line body.
            with app.test_request_context("/"):
                html = (
                    '<!doctype html><html><head><title>x</title><link rel="stylesheet" '
                    'href="/static/css/report.css"></head><body><header class="report-head">'
                    "<h1>Empty</h1></header><p>One line.</p></body></html>"
                )
                render_pdf(html, app.static_folder, "x", "bench")

        def cached_repeat():
            response = client.get(f"/cases/{case_id}/report.pdf")
            assert response.status_code == 200

        minimal_time = median_seconds(minimal)
        report_time = median_seconds(case_report_uncached)
        dossier_time = median_seconds(dossier_only)
        empty_time = median_seconds(empty_report_layout)
        client.get(f"/cases/{case_id}/report.pdf")
        cached_time = median_seconds(cached_repeat, runs=RUNS * 4)

        # Memory: warm up, then 200 renders that each miss the cache.
        for _ in range(5):
            case_report_uncached()
        gc.collect()
        before = rss_mb()
        for _ in range(RENDERS_FOR_MEMORY):
            case_report_uncached()
        gc.collect()
        after = rss_mb()
        growth = (after - before) / before * 100

    ratio = report_time / minimal_time
    rows = [
        ("minimal one-page document", f"{minimal_time * 1000:.1f} ms", ""),
        (
            "case report (demo data, uncached)",
            f"{report_time * 1000:.1f} ms",
            f"{ratio:.2f}x minimal (target <= 2x)",
        ),
        ("  of which loading the dossier", f"{dossier_time * 1000:.1f} ms", ""),
        (
            "report layout around one line",
            f"{empty_time * 1000:.1f} ms",
            f"{report_time / empty_time:.2f}x (for context)",
        ),
        ("cached repeat (through the app)", f"{cached_time * 1000:.2f} ms", "target <= 10 ms"),
        (
            f"resident memory over {RENDERS_FOR_MEMORY} renders",
            f"{before:.1f} -> {after:.1f} MB",
            f"{growth:+.1f}% (target < 10%)",
        ),
    ]
    for name, value, note in rows:
        print(f"{name:40} {value:>22}  {note}")
    missed = [
        name
        for name, failed in (
            ("case report ratio", ratio > 2),
            ("cached repeat", cached_time > 0.010),
            ("memory growth", growth >= 10),
        )
        if failed
    ]
    if missed:
        print("targets missed: " + ", ".join(missed))
        if os.environ.get("BENCH_STRICT") == "1":
            sys.exit(1)


if __name__ == "__main__":
    main()
