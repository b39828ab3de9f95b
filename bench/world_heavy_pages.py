"""Before/after figures for issue 12's remaining parts, on the database in DATABASE_URL.

``python bench/world_heavy_pages.py pages`` prints, for the home page, ``/cases``, ``/feed.xml``
and the officer with the most records (page and PDF), the median of ``REPS`` (5) warm requests
through the Flask test client with the page cache off (the cold cost), the size of the answer
and its SQL queries; ``... stamp`` times the page cache's data stamp (``REPS`` x 20 calls).
Run it against a world from ``flask generate-world --cases 100000``. On a machine shared with
other work a few milliseconds either way are noise.
"""

import os
import statistics
import sys
import time

from sqlalchemy import func, select

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from bench.scale.inprocess import measure_page  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402

REPS = int(os.environ.get("REPS", "5"))


def _busiest_officer():
    """The id of the officer named in the most cases."""
    from tracker.models import CaseOfficer, Officer

    return db.session.scalar(
        select(CaseOfficer.officer_id)
        .join(Officer, Officer.id == CaseOfficer.officer_id)
        .where(Officer.status == "published")
        .group_by(CaseOfficer.officer_id)
        .order_by(func.count().desc())
        .limit(1)
    )


def pages(app):
    """Print the pages' figures."""
    with app.app_context():
        officer = _busiest_officer()
        engine = db.engine
    urls = ["/", "/cases", "/feed.xml", f"/officers/{officer}", f"/officers/{officer}/report.pdf"]
    only = os.environ.get("ONLY")
    client = app.test_client()
    for url in urls:
        # ONLY=/,/feed: the front page and the feed (a URL equal to or starting with one, "/" exact)
        if only and not any(
            url == part or (part != "/" and url.startswith(part)) for part in only.split(",")
        ):
            continue
        median, size, queries = measure_page(client, engine, url, REPS)
        print(f"{url}: {median:.1f} ms, {size:.0f} KB, {queries} q", flush=True)


def stamp(app):
    """Print the data stamp's median time."""
    from tracker.records.stamp import data_stamp

    with app.app_context():
        data_stamp()
        times = []
        for _ in range(REPS * 20):
            start = time.perf_counter()
            data_stamp()
            times.append((time.perf_counter() - start) * 1000)
    print(f"data_stamp: {statistics.median(times):.2f} ms")


def main(argv):
    """Run the measurement named by ``argv[0]``."""
    app = create_app()
    app.config["PAGE_CACHE_ENABLED"] = False
    {"pages": pages, "stamp": stamp}[argv[0]](app)


if __name__ == "__main__":
    main(sys.argv[1:])
