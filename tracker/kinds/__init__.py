"""The record kinds: each declared once, in its own module of this package.

A module here that defines ``KIND`` (a ``RecordKind``) is a record kind; the registry finds it,
so adding a kind adds a module and registers nothing elsewhere. Every channel (workspace, public
pages, reports, downloads, API, import, search, feed) iterates over ``all_kinds()`` or looks a
kind up with ``kind_named()``; none keeps its own table of kinds.
"""

import importlib
import pkgutil
from functools import cache

from tracker.kinds.base import RecordKind


@cache
def _registry():
    """``{name: RecordKind}`` of every kind module of this package, in the kinds' order."""
    found = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, RecordKind):
            found.append(kind)
    return {kind.name: kind for kind in sorted(found, key=lambda kind: kind.order)}


def all_kinds():
    """Every record kind, in order."""
    return list(_registry().values())


def kind_named(name):
    """The kind stored as ``name`` in ``records.kind`` (KeyError when there is none)."""
    return _registry()[name]


def kind_of(record):
    """The kind of ``record``."""
    return _registry()[record.kind]


def kind_labels():
    """``{name: label}`` of every kind, in order (for choices and messages)."""
    return {kind.name: kind.label for kind in all_kinds()}


def record_model(name):
    """The model class of the kind ``name``."""
    return kind_named(name).model


def report_url(record):
    """The URL of ``record``'s PDF report, or None."""
    return kind_of(record).report_url(record) if record is not None else None


def public_url(record, **options):
    """The URL of the public page that shows ``record`` (at its anchor), or None.

    ``record`` may be a ``tracker.records.links.Link`` (kept plain values), which knows its place.
    """
    if record is None:
        return None
    link_url = getattr(record, "link_url", None)
    if link_url is not None:
        return link_url(**options)
    return kind_of(record).public_url(record, **options)


def exported_collections():
    """Everything ``/data`` offers: each kind, docket entries, officer figures, cited sources."""
    from tracker.kinds.docket import DOCKET_ENTRIES
    from tracker.kinds.officer_figures import OFFICER_FIGURES
    from tracker.kinds.source import SOURCES

    return [*all_kinds(), DOCKET_ENTRIES, OFFICER_FIGURES, SOURCES]


def batch_rows(collection, records):
    """The exported rows of ``records``: a batch at once where the collection can (figures)."""
    rows = getattr(collection, "rows", None)
    return rows(records) if rows else [collection.row(record) for record in records]


def api_collections():
    """The collections the JSON API serves, in order."""
    return [collection for collection in exported_collections() if collection.api]


def collection_named(name):
    """The exported collection called ``name`` (``duty_events``), or None."""
    return next((c for c in exported_collections() if c.collection == name), None)
