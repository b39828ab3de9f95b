"""Everything measured on one filled database, through gunicorn and in process.

Times come from the gunicorn server (median of warm requests, after one warm-up); query counts
from the same request made in process with the app's engine watched; memory from /proc while
a download is served.

Page times are the cost of building each page: the timed server runs with the page cache off
(``PAGE_CACHE_ENABLED=0``), or every warm request would be a cache hit. The same pages served
warm from the page cache are a second figure, and the load test runs with the cache on, as a
production site does: in each process on SQLite, in Redis (``BENCH_REDIS_URL``) on PostgreSQL.
"""

import csv
import json
import math
import statistics
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.scale.server import PeakMemory, Server, requests_per_second, warm_cache
from tracker.worldgen.vocabulary import COMMON_WORD

RARE_WORD = "Stokes"  # in the demo data, so it is rare at every size
PER_PAGE = 25
DOWNLOADS = ("/data/cases.csv", "/data/cases.json", "/data/complaints.csv")
MEMORY_TARGET_MB = 50


def _scalar(engine, sql):
    """One value from the database (the benchmark's own look-ups)."""
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar()


def landmarks(url):
    """The ids the pages are measured at: the busiest case, officer and source, list sizes."""
    engine = create_engine(make_url(url).set(drivername=_driver(url)))
    published = "JOIN records r ON r.id = {} AND r.status = 'published'"
    found = {
        "case": _scalar(
            engine,
            "SELECT case_id FROM case_officers "
            + published.format("case_id")
            + " GROUP BY case_id ORDER BY count(*) DESC, case_id LIMIT 1",
        ),
        "officer": _scalar(
            engine,
            "SELECT officer_id FROM case_officers "
            + published.format("officer_id")
            + " GROUP BY officer_id ORDER BY count(*) DESC, officer_id LIMIT 1",
        ),
        "source": _scalar(
            engine,
            "SELECT source_id FROM citations "
            + published.format("record_id")
            + " GROUP BY source_id ORDER BY count(*) DESC, source_id LIMIT 1",
        ),
        "cases": _scalar(
            engine, "SELECT count(*) FROM records WHERE kind = 'case' AND status = 'published'"
        ),
    }
    engine.dispose()
    return found


def _driver(url):
    """SQLAlchemy's driver name for ``url``."""
    return "sqlite" if url.startswith("sqlite") else "postgresql+psycopg"


def page_paths(marks):
    """``{label: path}`` of every public page measured."""
    last = max(1, math.ceil((marks["cases"] or 0) / PER_PAGE))
    paths = {
        "/": "/",
        "/cases": "/cases",
        "/cases?page=<last>": f"/cases?page={last}",
        "/cases?kind=use_of_force&investigation=external": (
            "/cases?kind=use_of_force&investigation=external"
        ),
        "a case page (most officers)": f"/cases/{marks['case']}",
        "/officers": "/officers",
        "an officer page (most cases)": f"/officers/{marks['officer']}",
        "/demands": "/demands",
    }
    paths.update({f"/demands/{number}": f"/demands/{number}" for number in range(1, 7)})
    paths.update(
        {
            f"/search?q={COMMON_WORD} (common)": f"/search?q={COMMON_WORD}",
            f"/search?q={RARE_WORD} (rare)": f"/search?q={RARE_WORD}",
            "/sources/<most cited>": f"/sources/{marks['source']}",
            "/feed.xml": "/feed.xml",
            "/data": "/data",
        }
    )
    return paths


def api_paths(server):
    """``{label: path}`` of each API list's first and last page."""
    from tracker.kinds import api_collections

    paths = {}
    for collection in api_collections():
        first = f"/api/v1/{collection.path}"
        answer = server.get(first)
        pages = 1
        if answer is not None and answer[0] == 200:
            pages = json.loads(answer[1])["meta"]["pages"] or 1
        paths[first] = first
        paths[f"{first}?page=<last>"] = f"{first}?page={pages}"
    return paths


def time_page(server, path, runs, timeout):
    """``{ms, bytes, status}``: the median of warm requests, or ``{"timeout": s}``."""
    first = server.get(path, timeout)
    if first is None:
        return {"timeout": timeout}
    status, body, seconds = first
    # Pages of seconds get fewer repeats, so a slow database still finishes in minutes.
    repeats = runs if seconds < 1 else (2 if seconds < 5 else 1)
    times = []
    for _ in range(repeats):
        answer = server.get(path, timeout)
        if answer is None:
            return {"timeout": timeout}
        times.append(answer[2])
    return {"ms": statistics.median(times) * 1000, "bytes": len(body), "status": status}


def p95(server, path, runs, timeout):
    """The 95th percentile of ``runs`` warm requests in ms, or None after a timeout."""
    if server.get(path, timeout) is None:
        return None
    times = []
    for _ in range(runs):
        answer = server.get(path, timeout)
        if answer is None:
            return None
        times.append(answer[2])
    times.sort()
    return times[max(0, math.ceil(0.95 * len(times)) - 1)] * 1000


class InProcess:
    """The app's test client answering like ``Server.get`` (status, body, seconds)."""

    def __init__(self, client):
        """Wrap ``client``."""
        self.client = client

    def get(self, path, timeout=None):
        """One GET of ``path``."""
        started = time.perf_counter()
        response = self.client.get(path)
        return response.status_code, response.data, time.perf_counter() - started


def measure_queries(database):
    """Only the SQL query counts of every page and API list (the small world's baseline)."""
    marks = landmarks(database.url)
    paths = page_paths(marks)
    counts = query_counts(database, paths, set(), with_api=True)
    return {"label": database.label, "timings": {}, "marks": marks, "queries": counts}


def query_counts(database, paths, skip, with_api=False):
    """``{label: queries}`` for each page answered in process (``skip``: labels left out).

    ``with_api``: the API lists' first and last pages are found (in process) and counted too.
    """
    from tests.querycount import count_queries
    from tracker import create_app
    from tracker.extensions import db

    app = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database.url,
            "REPORT_CACHE_DIR": database.env["REPORT_CACHE_DIR"],
        }
    )
    counts = {}
    with app.app_context():
        client = app.test_client()
        if with_api:
            paths = {**paths, **api_paths(InProcess(client))}
        for label, path in paths.items():
            if label in skip:
                continue
            client.get(path)  # warm, as the timed requests were
            with count_queries() as seen:
                client.get(path)
            counts[label] = seen.count
        db.session.remove()
        db.engine.dispose()
    return counts


def write_import_csv(path, rows):
    """A CSV of ``rows`` new cases in the import's own columns."""
    with open(path, "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["title", "case_kind", "occurred_on", "summary"])
        for number in range(rows):
            day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
            writer.writerow([f"Imported case {number}", "use_of_force", day, "Imported."])


def measure_pages(server, paths, settings):
    """Every page of ``paths`` timed through ``server``."""
    results = {}
    for label, path in paths.items():
        results[label] = time_page(server, path, settings.runs, settings.timeout)
        print(f"  {label}: {results[label]}", flush=True)
    return results


def measure(database, settings, log):
    """Everything the report shows for ``database``; returns a dict of results."""
    marks = landmarks(database.url)
    result = {"label": database.label, "timings": dict(database.timings), "marks": marks}
    uncached = {**database.env, "PAGE_CACHE_ENABLED": "0"}
    with Server("wsgi:app", uncached, settings.timeout, log, workers=1) as server:
        paths = page_paths(marks)
        paths.update(api_paths(server))
        result["pages"] = measure_pages(server, paths, settings)
        result["search_p95"] = {
            word: p95(server, f"/search?q={word}", settings.search_runs, settings.timeout)
            for word in (COMMON_WORD, RARE_WORD)
        }
        result["downloads"] = {}
        for path in DOWNLOADS:
            # A fresh, warm worker each time: memory a worker kept from the previous download
            # would hide how much the next one takes.
            server.restart().get("/")
            with PeakMemory(server) as memory:
                answer = server.get(path, settings.slow_timeout)
            result["downloads"][path] = (
                {"timeout": settings.slow_timeout, "mb": memory.growth}
                if answer is None
                else {"ms": answer[2] * 1000, "bytes": len(answer[1]), "mb": memory.growth}
            )
            print(f"  {path}: {result['downloads'][path]}", flush=True)
        result["pdfs"] = {}
        for label, path in (
            ("case PDF (most officers)", f"/cases/{marks['case']}/report.pdf"),
            ("officer PDF (most cases)", f"/officers/{marks['officer']}/report.pdf"),
            ("demand 1 PDF", "/demands/1/report.pdf"),
            ("multi-case PDF (shootings)", "/cases/report.pdf?kind=shooting"),
        ):
            answer = server.get(path, settings.slow_timeout)
            result["pdfs"][label] = (
                {"timeout": settings.slow_timeout} if answer is None else {"ms": answer[2] * 1000}
            )
            print(f"  {label}: {result['pdfs'][label]}", flush=True)
    slow = {label for label, page in result["pages"].items() if "timeout" in page}
    cached_env = cache_env(database, settings)
    with Server("wsgi:app", cached_env, settings.timeout, log, workers=1) as server:
        print("  page cache on:", flush=True)
        fast = {label: path for label, path in paths.items() if label not in slow}
        result["cached_pages"] = measure_pages(server, fast, settings)
    result["load"] = measure_load(database, settings, log, marks)
    result["queries"] = query_counts(database, paths, slow)
    csv_path = Path(database.workdir) / f"{database.name}-import.csv"
    write_import_csv(csv_path, settings.import_rows)
    seconds = database.flask("import-csv", "case", str(csv_path), quiet=True)
    result["import_rows_per_s"] = settings.import_rows / seconds
    started = time.perf_counter()
    database.flask("search-reindex", quiet=True)
    result["reindex_s"] = time.perf_counter() - started
    return result


# The pages of the load test (label: how to find its path), the page cache on.
LOAD_PAGES = {
    "/": lambda marks: "/",
    "a case page (most officers)": lambda marks: f"/cases/{marks['case']}",
    "/api/v1/cases": lambda marks: "/api/v1/cases",
}


def cache_env(database, settings):
    """The environment of a server with the page cache on, as in production.

    On PostgreSQL the cache (and the rate limits) live in Redis when ``BENCH_REDIS_URL`` is set,
    as on a production site of several servers; on SQLite each process keeps its own cache.
    The Redis database's ``page:*`` keys are emptied first: a page cached from another run's
    database must not be served.
    """
    env = {**database.env, "PAGE_CACHE_ENABLED": "1"}
    if database.backend == "postgresql" and settings.redis_url:
        import redis

        client = redis.Redis.from_url(settings.redis_url)
        for key in client.scan_iter("page:*", count=1000):
            client.delete(key)
        env["REDIS_URL"] = settings.redis_url
    return env


def cache_place(backend, settings):
    """Where the load test's page cache lived, in words for the table."""
    if backend == "postgresql" and settings.redis_url:
        return "Redis"
    return "in each process"


def measure_load(database, settings, log, marks):
    """Requests per second of each ``LOAD_PAGES`` page, cache on, beside hello world's.

    Hello world is measured again just before, so both figures share the machine's load. Each
    page is first requested until 20 answers in a row were cache hits, so every worker has it
    cached, as a page read by thousands has: the figure is the warm page, not the first build.
    (gunicorn's ``max_requests`` still replaces a worker every 1,000 or so requests, as in
    production: the new worker builds its own copy once when the cache is in the process.)
    """
    load = {"hello": measure_hello(settings, log), "cache": cache_place(database.backend, settings)}
    env = cache_env(database, settings)
    with Server("wsgi:app", env, settings.timeout, log) as server:
        for label, path_of in LOAD_PAGES.items():
            path = path_of(marks)
            if server.get(path, settings.slow_timeout) is None:
                load[label] = None
                continue
            warm_cache(server.port, path, settings.slow_timeout)
            load[label] = requests_per_second(
                server.port, path, settings.load_seconds, settings.connections
            )
    print(f"  requests/s, page cache {load['cache']}: {load}", flush=True)
    return load


def measure_never_analyzed(database, settings, log):
    """The public pages on the copy of the SQLite database that was never ANALYZEd."""
    env = {
        **database.env,
        "DATABASE_URL": f"sqlite:///{database.never_analyzed}",
        "PAGE_CACHE_ENABLED": "0",
    }
    marks = landmarks(env["DATABASE_URL"])
    with Server("wsgi:app", env, settings.timeout, log, workers=1) as server:
        return measure_pages(server, page_paths(marks), settings)


def measure_hello(settings, log):
    """Requests per second of the hello-world app under the same gunicorn settings."""
    with Server("bench.scale.hello:app", {}, settings.timeout, log) as server:
        server.get("/")
        return requests_per_second(server.port, "/", settings.load_seconds, settings.connections)
