"""Officer figures: allegations by category and finding, discipline, cases and co-accused.

The complaint of the "Done when" (three officers, five allegations) is counted in every
channel: the officer page, its PDF, the API's officer answer and the officer_figures download;
drafts count nowhere; the query count does not grow with the data.
"""

import csv
import io

import pytest

from tests import factories
from tests.pdftext import pdf_text
from tests.test_allegations import _complaint
from tracker.duty.figures import figures_for, officer_figures
from tracker.records.visibility import public_view


@pytest.fixture(autouse=True)
def cache_dir(app, tmp_path):
    """Each test gets its own empty report cache."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "report-cache")
    app.config["REDIS_URL"] = None


def _with_drafts(db, case, complaint, officers):
    """Records that must count nowhere: a draft allegation, a draft case, a draft co-accused."""
    factories.make_allegation(
        complaint, officer=officers[0], category="harassment", final_finding="sustained"
    )
    draft_officer = factories.make_officer(name="Dee Draft")
    factories.make_case(officers=[officers[0], officers[1]])
    factories.make_case(publish=True, officers=[officers[0], draft_officer])
    db.session.commit()


def test_the_figures_count_published_records_only(db):
    case, complaint, officers = _complaint(db)
    _with_drafts(db, case, complaint, officers)
    ann, ben, cy = officers
    figures = figures_for([ann.id, ben.id, cy.id])
    mine = figures[ann.id]
    assert mine.allegations == 2
    assert [(c.slug, c.findings) for c in mine.categories] == [
        ("discourtesy", {"not_sustained": 1}),
        ("excessive_force", {"sustained": 1}),
    ]
    assert (mine.sustained, mine.decided, mine.share_sustained) == (1, 2, 0.5)
    assert [(d.kind, d.count, d.days, d.overturned) for d in mine.discipline] == [
        ("suspension", 1, 10, 0)
    ]
    # Two published cases (the draft case does not count), one complaint.
    assert (mine.cases, mine.complaints) == (2, 1)
    # Ben and Cy share the case (and its complaint: one thing, not two); the draft officer
    # of the second case is not listed.
    assert [(officer.name, shared) for officer, shared in mine.co_accused] == [
        ("Ben Baker", 1),
        ("Cy Cole", 1),
    ]
    assert mine.co_accused_total == 2
    assert figures[cy.id].share_sustained == 1.0  # pending is not decided
    assert figures[cy.id].by_finding["pending"] == 1
    assert [d.kind for d in figures[cy.id].discipline] == ["written_reprimand"]
    assert figures[ben.id].share_sustained == 0.0
    with public_view():
        assert officer_figures(ann.id).stamp() == mine.stamp()


def test_an_officer_with_nothing_has_empty_figures(db):
    officer = factories.make_officer(publish=True)
    db.session.commit()
    figures = officer_figures(officer.id)
    assert (figures.allegations, figures.cases, figures.complaints) == (0, 0, 0)
    assert figures.share_sustained is None
    assert figures.co_accused == [] and figures.co_accused_total == 0
