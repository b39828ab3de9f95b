"""The front page's counts (headline numbers and charts), counted once per change of the data.

Each count reads every published case, complaint or investigation (GROUP BY over 100,000 rows:
about 0.3 s a chart at 100,000 cases), so they are kept per process under the data stamp (the
highest revision id, the recent revisions and the sources' last change: see
``tracker.records.stamp.data_stamp``) and counted again only when a record or source changes.
The page cache keeps whole pages for anonymous readers; this serves signed-in readers and the
first reader after a change of anything the counts do not show.
"""

from tracker.charts.data import (
    cases_by_year_and_outcome,
    complaints_by_acceptance,
    investigations_by_scope_and_status,
)
from tracker.records.kept import kept


def front_page_counts(headline_numbers):
    """``(numbers, charts)`` of the front page, counted again only when the data changed.

    ``headline_numbers``: the function that counts the headline numbers (the route's).
    """

    def counted():
        charts = [
            cases_by_year_and_outcome(),
            investigations_by_scope_and_status(),
            complaints_by_acceptance(),
        ]
        return headline_numbers(), charts

    return kept("front_page_counts", (), counted)
