"""Issue 12 figures of the demand pages, home, feed, search, sources, /data and the PDFs.

``python bench/world_demand_pages.py`` prints, for the database in ``DATABASE_URL``, one Markdown
row per page: the median of ``REPS`` (7) warm requests through the Flask test client with the
page cache off, the size of the answer and its SQL queries. Searches also get their p95 (of
``REPS * 3`` requests). PDFs: the first request renders (the report cache is a fresh temporary
folder), later ones are served from the cache; both are shown. The pages measured are the scale
benchmark's (``bench.scale.measure.landmarks``: the most cited source, the case with the most
officers, the officer with the most cases). ``ONLY=/demands,/search`` measures a few.
Run it against a world from ``flask generate-world --cases 100000`` and a demo database.
"""

import os
import statistics
import sys
import tempfile
import time

from sqlalchemy import event

sys.path.insert(0, ".")

from bench.scale.measure import RARE_WORD, landmarks  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.worldgen.vocabulary import COMMON_WORD  # noqa: E402

REPS = int(os.environ.get("REPS", "7"))


def paths(marks):
    """``[(label, path, is_pdf)]`` measured."""
    found = [("/", "/", False), ("/demands", "/demands", False)]
    found += [(f"/demands/{n}", f"/demands/{n}", False) for n in range(1, 7)]
    found += [
        ("/sources/<most cited>", f"/sources/{marks['source']}", False),
        ("/feed.xml", "/feed.xml", False),
        (f"/search?q={COMMON_WORD}", f"/search?q={COMMON_WORD}", False),
        (f"/search?q={RARE_WORD}", f"/search?q={RARE_WORD}", False),
        ("/data", "/data", False),
        ("case PDF (most officers)", f"/cases/{marks['case']}/report.pdf", True),
        ("officer PDF (most cases)", f"/officers/{marks['officer']}/report.pdf", True),
        ("demand 1 PDF", "/demands/1/report.pdf", True),
        ("/cases/report.pdf?kind=shooting", "/cases/report.pdf?kind=shooting", True),
    ]
    return found


def _timed(client, path):
    """(ms, response) of one GET."""
    start = time.perf_counter()
    response = client.get(path)
    return (time.perf_counter() - start) * 1000, response


def _queries(client, path):
    """SQL statements one GET of ``path`` issues."""
    statements = []

    def record(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        client.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def measure(app):
    """Print the table."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    marks = landmarks(url)
    only = [part for part in os.environ.get("ONLY", "").split(",") if part]
    client = app.test_client()
    print("| page | median ms | p95 ms | first ms | KB | queries | status |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |", flush=True)
    with app.app_context():
        engine_ready = db.engine  # noqa: F841 (the engine exists before listening to it)
    for label, path, _pdf in paths(marks):
        if only and not any(label.startswith(part) or path.startswith(part) for part in only):
            continue
        with app.app_context():
            first, response = _timed(client, path)
            reps = REPS * 3 if path.startswith("/search") else REPS
            times = [_timed(client, path)[0] for _ in range(reps)]
            queries = _queries(client, path)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"| `{label}` | {statistics.median(times):.0f} "
            f"| {p95:.0f} | {first:.0f} | {len(response.data) / 1024:.0f} | {queries} "
            f"| {response.status_code} |",
            flush=True,
        )


if __name__ == "__main__":
    application = create_app(
        {"SERVER_NAME": None, "REPORT_CACHE_DIR": tempfile.mkdtemp(prefix="world-reports-")}
    )
    application.config["PAGE_CACHE_ENABLED"] = False
    measure(application)
