"""Search p95 and reindex time on the database in DATABASE_URL (issue 12, item 4).

``python bench/world_search_speed.py search WORD...`` times 30 warm searches of each word (and
its ``kind=case`` narrowing) and prints the median and p95; ``... reindex`` times a full
``reindex_all``.
"""

import statistics
import sys
import time

from tracker import create_app
from tracker.extensions import db


def _p95(times):
    """The 95th percentile of ``times`` in ms."""
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def main(argv):
    """Run the measurement named by ``argv[0]``."""
    from tracker.search.index import reindex_all
    from tracker.search.query import search

    app = create_app()
    with app.test_request_context():
        if argv[0] == "reindex":
            start = time.perf_counter()
            count = reindex_all(db.session)
            print(f"reindex: {count} records in {time.perf_counter() - start:.1f} s")
            return
        for word in argv[1:]:
            for kind in (None, "case"):
                search(word, kind=kind)
                times = []
                for _ in range(30):
                    start = time.perf_counter()
                    found = search(word, kind=kind)
                    times.append((time.perf_counter() - start) * 1000)
                print(
                    f"{word!r} kind={kind}: total={found.total} "
                    f"median={statistics.median(times):.1f} ms p95={_p95(times):.1f} ms"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
