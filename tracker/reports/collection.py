"""The multi-case report: the case pages the ``/cases`` filters select, batched over ids."""

import hashlib
from dataclasses import dataclass

from tracker.extensions import db
from tracker.models import Case
from tracker.pages.case import case_pages
from tracker.pages.common import REPORT_FORMAT
from tracker.search.query import matching_ids

# Case pages are built this many at a time (a job reports its progress after each batch).
BATCH_SIZE = 50


@dataclass
class CasesReport:
    """Several case page models chosen by the case-list filters, in the list's order."""

    title: str
    filters: list
    cases: list  # [CasePage]
    as_of: object
    fingerprint: str


def selected_case_ids(filters, limit=None):
    """The ids of the published cases the ``CaseFilters`` select, in their order."""
    statement = filters.statement(matching=matching_ids).with_only_columns(Case.id)
    if limit is not None:
        statement = statement.limit(limit)
    return db.session.scalars(statement).all()


def multi_case_report(filters, ids=None, progress=None):
    """The case pages the ``CaseFilters`` select (or of ``ids``), in their order.

    Any number of cases: a request renders a few (``CASES_REPORT_INLINE``), a background job
    the rest (``tracker.jobs``), calling ``progress(done, total)`` after each batch.
    """
    ids = selected_case_ids(filters) if ids is None else ids
    cases = []
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        pages = case_pages(chunk)
        cases.extend(pages[case_id] for case_id in chunk if case_id in pages)
        if progress is not None:
            progress(start + len(chunk), len(ids))
    stamps = [page.fingerprint for page in cases]
    latest = max((page.as_of for page in cases if page.as_of), default=None)
    fingerprint = hashlib.sha256(
        "|".join([str(REPORT_FORMAT), str(sorted(filters.to_args().items())), *stamps]).encode()
    ).hexdigest()[:32]
    return CasesReport(
        title="Case report",
        filters=_describe_filters(filters),
        cases=cases,
        as_of=latest,
        fingerprint=fingerprint,
    )


def _describe_filters(filters):
    """The active filters in words: [(name, value)]."""
    return filters.in_words()
