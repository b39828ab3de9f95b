"""Layers you can see: no module imports from a layer above its own.

Domain (models, kinds, rules, records, visibility, document storage, formatting) < readers
(page models, indicators, search, chart data, export rows) < channels (public site, reports,
open data, API, workspace, import, jobs) < the app factory (``tracker/__init__.py``).
"""

import ast
from pathlib import Path

from tracker import BASE_DIR

DOMAIN = (
    "tracker.models",
    "tracker.kinds",
    "tracker.duty",
    "tracker.deadlines",  # the deadlines the law sets: pure rules and the columns they fill
    "tracker.records",
    "tracker.storage",  # where documents' bytes live: records read and write them
    "tracker.templating",
    "tracker.quick_urls",  # a record's public URL, built from the request's template of it
    "tracker.inline_marks",  # a record's link and source marks as markup (the macros print them)
    "tracker.extensions",
    "tracker.replica",  # which database a session reads: the extensions name its session class
    "tracker.connections",  # what a PostgreSQL connection costs beyond its statements
    "tracker.request_guards",
)
READERS = (
    "tracker.pages",
    "tracker.demands.indicators",
    "tracker.demands.services",
    "tracker.records.kept",  # answers kept per data stamp
    "tracker.search.index",
    "tracker.search.build",
    "tracker.search.writer",
    "tracker.search.reindex",
    "tracker.search.rows",
    "tracker.search.query",
    "tracker.charts",
    "tracker.cases.listing",
    "tracker.opendata",
)
NAMES = ("domain", "readers", "channels", "the app factory")


def _layer(module):
    """0 domain, 1 readers, 2 channels, 3 the app factory; None outside the package."""
    if module == "tracker":
        return 3
    if module.startswith(DOMAIN):
        return 0
    if module.startswith(READERS):
        return 1
    return 2 if module.startswith("tracker.") else None


def _imports(path):
    """The modules ``path`` imports (at any depth of the file)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_no_import_runs_back_up():
    package = Path(BASE_DIR) / "tracker"
    upward = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(BASE_DIR).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mine = _layer(module)
        for imported in _imports(path):
            theirs = _layer(imported)
            if theirs is not None and theirs > mine:
                upward.append(f"{module} ({NAMES[mine]}) imports {imported} ({NAMES[theirs]})")
    assert upward == []


def test_every_module_is_in_a_layer():
    assert _layer("tracker.kinds.case") == 0
    assert _layer("tracker.pages.case") == 1
    assert _layer("tracker.cases.routes") == 2
    assert _layer("tracker") == 3
