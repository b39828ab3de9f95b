"""The shared case filters: lenient parsing and the published cases each filter keeps."""

from datetime import date

from tests import factories
from tracker.extensions import db
from tracker.kinds.case_filters import CaseFilters
from tracker.models import DemandLink
from tracker.records.visibility import public_view


def _titles(filters):
    """Titles of the cases ``filters`` select, as the public reads them."""
    with public_view():
        return [case.title for case in db.session.scalars(filters.statement())]


def test_malformed_arguments_are_dropped():
    filters = CaseFilters.from_args(
        {"kind": "nonsense", "year": "20x0", "demand": "-1", "sort": "bogus", "officer": "7"}
    )
    assert filters == CaseFilters(officer=7)
    assert filters.to_args() == {"officer": 7}
    assert filters.active


def test_filters_keep_only_matching_published_cases(app):
    officer = factories.make_officer(publish=True)
    petition = factories.make_petition(publish=True, demands=2)
    shooting = factories.make_case(
        publish=True,
        title="A shooting",
        case_kind="shooting",
        outcome="fatal",
        occurred_on=date(2019, 3, 1),
        officers=[officer],
    )
    factories.make_case(publish=True, title="Force 2020", occurred_on=date(2020, 1, 1))
    factories.make_case(title="Draft shooting", case_kind="shooting")
    factories.make_investigation(publish=True, case=shooting, scope="external")
    db.session.flush()
    shooting.demand_links.append(DemandLink(demand=petition.demands[1], note="n"))
    db.session.commit()

    assert _titles(CaseFilters()) == ["Force 2020", "A shooting"]
    assert _titles(CaseFilters(sort="oldest")) == ["A shooting", "Force 2020"]
    assert _titles(CaseFilters(kind="shooting")) == ["A shooting"]
    assert _titles(CaseFilters(outcome="fatal", year=2019)) == ["A shooting"]
    assert _titles(CaseFilters(year=2020)) == ["Force 2020"]
    assert _titles(CaseFilters(investigation="external")) == ["A shooting"]
    assert _titles(CaseFilters(investigation="internal")) == []
    assert _titles(CaseFilters(investigation_status="open")) == ["A shooting"]
    assert _titles(CaseFilters(demand=2)) == ["A shooting"]
    assert _titles(CaseFilters(demand=1)) == []
    assert _titles(CaseFilters(officer=officer.id)) == ["A shooting"]


def test_unpublished_investigation_or_demand_does_not_count(app):
    case = factories.make_case(publish=True, title="Only drafts attached")
    factories.make_investigation(case=case, scope="external")
    petition = factories.make_petition(demands=1)
    db.session.flush()
    case.demand_links.append(DemandLink(demand=petition.demands[0]))
    db.session.commit()
    assert _titles(CaseFilters(investigation="external")) == []
    assert _titles(CaseFilters(demand=1)) == []


def test_a_draft_officer_cannot_be_probed_through_the_filters(app, client):
    draft_officer = factories.make_officer()
    factories.make_case(publish=True, title="Linked to a draft officer", officers=[draft_officer])
    db.session.commit()
    assert _titles(CaseFilters(officer=draft_officer.id)) == []
    api = client.get(f"/api/v1/cases?officer={draft_officer.id}").get_json()
    assert api["data"] == []
    complaints = client.get(f"/api/v1/complaints?officer={draft_officer.id}").get_json()
    assert complaints["data"] == []
