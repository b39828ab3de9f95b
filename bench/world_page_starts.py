"""The cost of a page by number right after a change of the data, and once its order is kept.

``DATABASE_URL=... python bench/world_page_starts.py`` prints, for the first, the middle (by
the list's kept order of ids, ``keyset.kept_order``) and the last page (read in the reversed
order) of ``/cases``, ``/officers`` and each API list: the median of ``REPS`` (5) first
requests after the kept answers are dropped (what a publish does: the list's total is counted
again and, for a middle page, its order is read again), and the median of ``REPS`` warm
requests. Page cache off. ``ONLY=/cases,/api`` keeps the paths starting with one of them.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from bench.world_list_pages import API, PER_PAGE, _last_page  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402

REPS = int(os.environ.get("REPS", "5"))


def paths():
    """``[(list, [first, middle and last page])]`` of the lists measured."""
    from tracker.kinds import api_collections
    from tracker.kinds.case_filters import CaseFilters
    from tracker.models import Case, Officer
    from tracker.pages.officer import officer_list_statement

    cases = CaseFilters.from_args({}).statement().where(Case.status == "published")
    officers = officer_list_statement().where(Officer.status == "published")
    found = [("/cases", _last_page(cases)), ("/officers", _last_page(officers))]
    for collection in api_collections():
        if collection.path in API:
            statement = collection.published_statement()
            found.append((f"/api/v1/{collection.path}", _last_page(statement)))
    return [
        (path, [f"{path}?page={page}&per_page={PER_PAGE}" for page in (1, (last + 1) // 2, last)])
        for path, last in found
    ]


def timed(client, url):
    """Milliseconds of one GET of ``url``."""
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - start) * 1000


def main():
    """Print cold and warm medians of each list's first, middle and last page."""
    app = create_app()
    app.config["PAGE_CACHE_ENABLED"] = False
    only = os.environ.get("ONLY")
    with app.test_request_context():
        found = paths()
        db.session.remove()
    client = app.test_client()
    client.get("/")
    for path, urls in found:
        if only and not any(path.startswith(part) for part in only.split(",")):
            continue
        figures = []
        for url in urls:
            cold = []
            for _ in range(REPS):
                app.extensions.pop("kept_answers", None)  # as a publish moves the data stamp
                cold.append(timed(client, url))
            warm = [timed(client, url) for _ in range(REPS)]
            figures.append(f"{statistics.median(cold):.0f} / {statistics.median(warm):.0f} ms")
        print(f"{path}\tfirst, middle, last (cold / warm):\t" + "\t".join(figures), flush=True)


if __name__ == "__main__":
    main()
