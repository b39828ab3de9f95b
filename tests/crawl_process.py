"""A process that crawls the public site and its PDF reports, then exits: run by a test.

``python -m tests.crawl_process DATABASE_URL CACHE_DIR`` requests every public page it can reach
from ``/`` (at most ``MAX_PAGES``) and every case, officer, demand and multi-case report of a
seeded database, as a crawler hitting a server does: some requests in the main thread, the
others in worker threads that are still alive, idle, when the process exits (like a threaded
server's). It prints what it fetched as JSON. A WeasyPrint font configuration freed during
interpreter shutdown made such a process exit with status 139 (SIGSEGV).
"""

import json
import queue
import re
import sys
import threading

from tracker import create_app
from tracker.extensions import db
from tracker.models import Case, Demand, Officer

MAX_PAGES = 60
WORKERS = 3
SKIP = ("/static/", "/manage", "/login", "/logout", "/account")


class IdleWorkers:
    """Daemon threads that run requests and then wait, alive, until the process exits."""

    def __init__(self, count):
        self.jobs = queue.Queue()
        for _ in range(count):
            threading.Thread(target=self._work, daemon=True).start()

    def _work(self):
        while True:
            function, argument, answer = self.jobs.get()
            answer.put(function(argument))

    def map(self, function, items):
        answers = []
        for item in items:
            answers.append(queue.Queue())
            self.jobs.put((function, item, answers[-1]))
        return [answer.get(timeout=300) for answer in answers]


def main(database_url, cache_dir):
    app = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "REPORT_CACHE_DIR": cache_dir,
            "REDIS_URL": None,
        }
    )

    def fetch(url):
        with app.test_client() as client:
            response = client.get(url)
            return url, response.status_code, response.get_data()

    with app.app_context():
        reports = [f"/cases/{i}/report.pdf" for i in db.session.scalars(db.select(Case.id))]
        reports += [f"/officers/{i}/report.pdf" for i in db.session.scalars(db.select(Officer.id))]
        reports += [
            f"/demands/{n}/report.pdf" for n in db.session.scalars(db.select(Demand.number))
        ]
        reports += ["/cases/report.pdf", "/cases/report.pdf?outcome=fatal"]
        db.session.remove()

    statuses = {}
    seen, frontier = set(), ["/"]
    while frontier and len(seen) < MAX_PAGES:
        url = frontier.pop(0)
        if url in seen:
            continue
        seen.add(url)
        _, status, body = fetch(url)
        statuses[url] = status
        for link in re.findall(rb'href="(/[^"#]*)"', body):
            link = link.decode().replace("&amp;", "&")
            if not link.startswith(SKIP) and not link.endswith(".pdf") and link not in seen:
                frontier.append(link)

    # Half the reports here in the main thread, half in the worker threads.
    for url in reports[::2]:
        statuses[url] = fetch(url)[1]
    workers = IdleWorkers(WORKERS)
    for url, status, _ in workers.map(fetch, reports[1::2]):
        statuses[url] = status
    pages = sum(not url.endswith(".pdf") for url in statuses)
    print(json.dumps({"pages": pages, "reports": len(reports), "statuses": statuses}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
