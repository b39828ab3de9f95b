"""Issue 12 item 2 for the list and record pages: time, size and SQL queries of each.

``DATABASE_URL=... python bench/world_list_pages.py`` prints one line per page: the median of
``REPS`` (5) warm requests through the Flask test client with the page cache off, the answer's
size and its SQL queries. The pages are the benchmark's own (``bench/scale/measure.py``): the
case with most officers, the officer with most cases, and the last page of each list, read by
keyset (``after=`` the last record of the page before, as the "Next" links do) and by OFFSET
(``page=<last>``). ``ONLY=/cases,/api`` keeps the paths starting with one of them.
"""

import math
import os
import sys

from sqlalchemy import func, select

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from bench.scale.inprocess import measure_page  # noqa: E402
from bench.scale.measure import landmarks  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402

REPS = int(os.environ.get("REPS", "5"))
PER_PAGE = 25


def _last_after(statement, model, total):
    """``(page, after)`` of the list's last page: the id of the last row of the page before."""
    pages = max(1, math.ceil(total / PER_PAGE))
    if pages == 1:
        return 1, None
    before = db.session.scalar(
        statement.with_only_columns(model.id).offset((pages - 1) * PER_PAGE - 1).limit(1)
    )
    return pages, before


def _last_page(statement):
    """The number of ``statement``'s last page."""
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    return max(1, math.ceil(total / PER_PAGE))


def paths(app):
    """``[path]`` measured on this database."""
    from tracker.kinds import api_collections
    from tracker.kinds.case_filters import CaseFilters
    from tracker.models import Case, Officer
    from tracker.pages.officer import officer_list_statement

    marks = landmarks(app.config["SQLALCHEMY_DATABASE_URI"])
    found = ["/cases"]
    with app.test_request_context():
        statement = CaseFilters.from_args({}).statement(matching=lambda *_: None)
        statement = statement.where(Case.status == "published")
        total = db.session.scalar(
            select(func.count()).select_from(statement.order_by(None).subquery())
        )
        page, before = _last_after(statement, Case, total)
        found.append(f"/cases?page={page}&after={before}" if before else "/cases")
        if OFFSET:
            found.append(f"/cases?page={page}")
        officers = officer_list_statement().where(Officer.status == "published")
        found += [
            "/cases?kind=use_of_force&investigation=external",
            f"/cases/{marks['case']}",
            "/officers",
            *([f"/officers?page={_last_page(officers)}"] if OFFSET else []),
            f"/officers/{marks['officer']}",
        ]
        for collection in api_collections():
            if collection.path not in API:
                continue
            first = f"/api/v1/{collection.path}"
            statement = collection.published_statement()
            model = statement.column_descriptions[0]["entity"]
            total = db.session.scalar(
                select(func.count()).select_from(statement.order_by(None).subquery())
            )
            page, before = _last_after(statement, model, total)
            found += [first, f"{first}?page={page}" + (f"&after={before}" if before else "")]
            if OFFSET:
                found.append(f"{first}?page={page}")
        db.session.remove()
    return found


API = (
    "cases",
    "complaints",
    "investigations",
    "duty-events",
    "legal-actions",
    "officers",
    "sources",
)
OFFSET = os.environ.get("OFFSET")  # also the last page by OFFSET (page=<last> alone)


def main():
    """Print each page's figures."""
    app = create_app()
    app.config["PAGE_CACHE_ENABLED"] = False
    only = os.environ.get("ONLY")
    with app.app_context():
        engine = db.engine
    client = app.test_client()
    for url in paths(app):
        if only and not any(url.startswith(part) for part in only.split(",")):
            continue
        median, size, queries = measure_page(client, engine, url, REPS)
        print(f"{url}\t{median:.1f} ms\t{size:.0f} KB\t{queries} q", flush=True)


if __name__ == "__main__":
    main()
