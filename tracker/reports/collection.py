"""The multi-case report: the case pages the ``/cases`` filters select, batched over ids."""

import hashlib
from dataclasses import dataclass

from tracker.extensions import db
from tracker.models import Case
from tracker.pages.case import case_pages
from tracker.pages.common import REPORT_FORMAT
from tracker.search.query import matching_ids

# The most cases one multi-case report holds (about 10 s to render 50 on one core); the
# filters narrow a larger set.
MAX_CASES = 50


@dataclass
class CasesReport:
    """Several case page models chosen by the case-list filters, in the list's order."""

    title: str
    filters: list
    cases: list  # [CasePage]
    truncated: bool
    as_of: object
    fingerprint: str


def multi_case_report(filters):
    """The case pages the ``CaseFilters`` select (at most ``MAX_CASES``), in their order."""
    ids = db.session.scalars(
        filters.statement(matching=matching_ids).with_only_columns(Case.id).limit(MAX_CASES + 1)
    ).all()
    truncated = len(ids) > MAX_CASES
    pages = case_pages(ids[:MAX_CASES])
    cases = [pages[case_id] for case_id in ids[:MAX_CASES] if case_id in pages]
    stamps = [page.fingerprint for page in cases]
    latest = max((page.as_of for page in cases if page.as_of), default=None)
    fingerprint = hashlib.sha256(
        "|".join([str(REPORT_FORMAT), str(sorted(filters.to_args().items())), *stamps]).encode()
    ).hexdigest()[:32]
    return CasesReport(
        title="Case report",
        filters=_describe_filters(filters),
        cases=cases,
        truncated=truncated,
        as_of=latest,
        fingerprint=fingerprint,
    )


def _describe_filters(filters):
    """The active filters in words: [(name, value)]."""
    return filters.in_words()
