"""Demand indicators are worked out once per change of the data, and never shown stale.

The counts and each figure's page of record ids are kept per process under the data stamp
(``tracker.demands.kept``): a repeat request runs no GROUP BY; a publish, an unpublish or an
edit moves the stamp, and the next request counts again.
"""

from sqlalchemy import select

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.models import Citation, Demand, DemandLink


def _petition():
    """A published petition whose first demand counts complaints (demand 1)."""
    petition = factories.make_petition(publish=True, demands=1)
    db.session.flush()
    petition.demands[0].indicator = "complaints_accepted"
    department = factories.make_agency(publish=True)
    db.session.commit()
    return department


def _refused(department, count):
    """``count`` published refused complaints filed with ``department``."""
    made = [
        factories.make_complaint(publish=True, filed_with=department, acceptance="refused")
        for _ in range(count)
    ]
    db.session.commit()
    return made


def _get(client, path):
    """(HTML, SQL statements) of one request."""
    with count_queries() as seen:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True), seen.count


def test_demand_figures_are_counted_once_per_change_of_the_data(app, client):
    department = _petition()
    _refused(department, 2)
    first, counted = _get(client, "/demands/1")
    assert "Refused (2)" in first
    html, warm = _get(client, "/demands/1")
    assert warm < counted  # counts and page ids kept: no GROUP BY, no verdict filter
    assert html == first
    _refused(department, 3)
    html, recounted = _get(client, "/demands/1")
    assert recounted == counted  # the data changed: counted again, the same queries
    assert "Refused (5)" in html  # never the old counts
    assert _get(client, "/demands/1")[1] == warm


def test_unpublishing_and_editing_change_the_figures_at_once(app, client):
    department = _petition()
    complaints = _refused(department, 3)
    assert "Refused (3)" in _get(client, "/demands/1")[0]
    scoreboard = _get(client, "/demands")[0]
    complaints[0].status = "unpublished"  # a revision like any edit: the data stamp moves
    db.session.commit()
    html = _get(client, "/demands/1")[0]
    assert "Refused (2)" in html
    assert complaints[0].title not in html  # nor is it listed under a figure
    assert _get(client, "/demands")[0] != scoreboard  # the scoreboard counted again too
    complaints[1].acceptance = "accepted"  # an edit moves a record to another figure
    db.session.commit()
    html = _get(client, "/demands/1")[0]
    assert "Refused (1)" in html and "Accepted (1)" in html


def test_listed_records_and_their_sources_show_edits_at_once(app, client):
    # The figures' pages, the linked records and their sources are kept as plain values: an
    # edit to a record's title or to a source moves the data stamp, and the page shows it.
    department = _petition()
    complaint = _refused(department, 1)[0]
    source = factories.make_source(title="First report")
    complaint.citations.append(Citation(source=source))
    complaint.demand_links.append(DemandLink(demand=db.session.scalars(select(Demand)).one()))
    db.session.commit()
    html = _get(client, "/demands/1")[0]
    assert html.count(complaint.title) == 2 and "First report" in html  # figure, linked records
    complaint.title = "Renamed complaint"
    db.session.commit()
    source.title = "Corrected report"
    db.session.commit()
    html = _get(client, "/demands/1")[0]
    assert html.count("Renamed complaint") == 2 and "Corrected report" in html
    page = _get(client, f"/sources/{source.id}")[0]
    assert "Renamed complaint" in page
    complaint.status = "unpublished"
    db.session.commit()
    assert client.get(f"/sources/{source.id}").status_code == 404
    assert "Renamed complaint" not in _get(client, "/demands/1")[0]
