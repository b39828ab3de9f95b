"""Every public endpoint, with the paths that exercise it in the planted world.

The privacy and query-budget tests request these paths; ``public_endpoints`` walks
``app.url_map`` (like the route-permission test), so a new public page without an entry here
fails ``test_every_public_endpoint_is_exercised`` instead of going untested.
"""

from urllib.parse import quote

from tracker.extensions import db
from tracker.kind_pages import own_page_kinds
from tracker.kinds import all_kinds, api_collections, exported_collections
from tracker.kinds.source import SOURCES
from tracker.records.visibility import public_blueprints

# Most pages stay within this many SQL statements whatever the data; a few need more.
QUERY_BUDGET = 12


def section_queries(kind):
    """At most the queries ``kind``'s section costs a page, whatever the data.

    Its own; one per relationship it loads (a joined one costs none: an upper bound); one per
    collection it reads by the page's condition (``parts``); one for the people, officers and
    complaints it names (``refs``: one statement for every kind of the page, counted per kind).
    """
    loads = sum(len(option.context) for option in kind.section.load)
    return 1 + loads + len(kind.section.parts) + (1 if kind.section.refs else 0)


# The case and officer pages load each kind's section the same way for any number of records
# (tracker/pages/common.py): their count never grows with the data, only with the kinds and
# what their sections load, so their budget is counted from the registry.
SECTION_QUERIES = sum(section_queries(kind) for kind in all_kinds() if kind.section is not None)
SECTION_PAGE_BUDGET = 10 + SECTION_QUERIES
# The case list reads its rows and every kind's badges as plain values, a query each
# (tracker/cases/badges.py), whatever the kinds and the data.
CASE_LIST_BUDGET = 10
# The reports load every section of their dossier (batched, so the count does not grow with the
# data: tests/test_reports.py proves it) and check their cache first.
QUERY_BUDGETS = {
    "cases.index": CASE_LIST_BUDGET,
    "cases.detail": SECTION_PAGE_BUDGET,
    # The officer page's figures: three aggregate queries of their own (tracker/duty/figures.py),
    # and one for the complaints the officer refused (tracker/pages/officer_sections.py).
    "officers.detail": SECTION_PAGE_BUDGET + 4,
    "reports.case_report": 40,
    "reports.cases_report": 40,
    "reports.officer_report": 24,
}


# The status each endpoint's example paths answer, where it is not 200: the planted document is
# not reviewed for private data yet, so the public cannot download it.
EXPECTED_STATUS = {"sources.document": 404}


def public_endpoints(app):
    """The endpoints of the public blueprints that answer GET."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in public_blueprints() and "GET" in rule.methods
    }


def example_paths(world):
    """``{endpoint: [paths]}`` exercising every public endpoint for the planted ``world``."""
    case, officer, hidden = world.case, world.officer, world.hidden_officer
    paths = _own_pages_paths()
    paths |= {
        "public.index": ["/"],
        "public.feed": ["/feed.xml"],
        "cases.index": [
            "/cases",
            "/cases?sort=title",
            "/cases?sort=updated",
            f"/cases?officer={officer.id}",
            "/cases?demand=1",
            "/cases?investigation=internal&investigation_status=open",
        ],
        "cases.detail": [f"/cases/{case.id}", f"/cases/{case.id}-{case.slug}"],
        # The officer box's suggestions: a published officer's name, and an unpublished one's.
        "cases.officer_lookup": [
            f"/cases/officer-names?q={quote(officer.title[:4])}",
            f"/cases/officer-names?q={quote(hidden.title[:4])}",
        ],
        "officers.index": ["/officers"],
        "officers.detail": [f"/officers/{officer.id}", f"/officers/{hidden.id}"],
        # The filters of the list (the kind's own pages below cover the rest).
        "requests.index": [
            "/requests",
            "/requests?status=sent",
            "/requests?status=nonsense&custodian=x",
            "/requests?page=2",
        ],
        "calendar.index": ["/calendar", "/calendar?page=2"],
        "calendar.feed": ["/calendar.ics"],
        "calendar.case_feed": [f"/cases/{case.id}/calendar.ics"],
        "calendar.demand_feed": [f"/demands/{number}/calendar.ics" for number in range(1, 7)],
        "sources.detail": [f"/sources/{item}" for item in world.published_ids(SOURCES)],
        "sources.document": [f"/sources/{world.document_source.id}/document"],
        "sharing.robots": ["/robots.txt"],
        "sharing.sitemap_index": ["/sitemap.xml"],
        "sharing.sitemap_part": ["/sitemap-1.xml"],
        "sharing.favicon": ["/favicon.ico"],
        "sharing.site_preview": ["/preview/site.png"],
        "sharing.preview_image": [
            f"/preview/cases/{case.id}.png",
            f"/preview/officers/{officer.id}.png",
            f"/preview/officers/{hidden.id}.png",
        ],
        "demands.scoreboard": ["/demands"],
        "demands.detail": [f"/demands/{number}" for number in range(1, 7)],
        "search.results": [
            f"/search?q={world.marker}",
            "/search?q=private",
            "/search?q=case",
            "/search?q=officer",
        ],
        "reports.case_report": [f"/cases/{case.id}/report.pdf"],
        "reports.officer_report": [
            f"/officers/{officer.id}/report.pdf",
            f"/officers/{hidden.id}/report.pdf",
        ],
        "reports.demand_report": [f"/demands/{number}/report.pdf" for number in range(1, 7)],
        "reports.cases_report": ["/cases/report.pdf", f"/cases/report.pdf?officer={officer.id}"],
        "data.index": ["/data"],
        "data.download_csv": [f"/data/{item.collection}.csv" for item in exported_collections()],
        "data.download_json": [f"/data/{item.collection}.json" for item in exported_collections()],
        "api.index": ["/api/v1/"],
        "api.openapi": ["/api/v1/openapi.json"],
    }
    for item in api_collections():
        paths[f"api.{item.collection}_list"] = [f"/api/v1/{item.path}"]
        paths[f"api.{item.collection}_detail"] = [
            f"/api/v1/{item.path}/{record_id}" for record_id in world.published_ids(item)
        ]
    return paths


def _own_pages_paths():
    """Each kind's own pages: its list, a few published records' pages (both forms), PDFs."""
    paths = {}
    for kind in own_page_kinds():
        pages = kind.own_pages
        records = db.session.scalars(kind.published_statement().limit(3)).all()
        paths[pages.list_endpoint] = [pages.path]
        paths[f"{pages.blueprint}.detail"] = [
            f"{pages.path}/{record.id}{suffix}"
            for record in records
            for suffix in ("", f"-{record.slug}")
        ]
        if pages.report_template:
            paths[f"reports.{kind.name}_report"] = [
                f"{pages.path}/{record.id}/report.pdf" for record in records
            ]
    return paths
