"""The visibility boundary: behind it no unpublished record loads, by any path.

A published case is surrounded by unpublished records of every kind; behind the boundary every
relationship of every loaded record is walked (lazy loads, no eager options), and nothing
unpublished comes back. Every endpoint of a public blueprint is requested, and every query it
runs must run behind the boundary.
"""

from datetime import date

from sqlalchemy import event, select
from sqlalchemy.orm import with_polymorphic

from tests import factories
from tests.route_permissions import EXPECTED
from tests.test_route_permissions import _arguments, _world
from tracker.extensions import db
from tracker.models import (
    Case,
    CaseOfficer,
    CasePerson,
    DemandLink,
    Officer,
    Record,
)
from tracker.records.visibility import is_public, public_blueprints, public_view


def _surrounded_case():
    """A published case whose every kind of neighbour also exists unpublished; returns ids."""
    petition = factories.make_petition(publish=True, demands=2)
    db.session.flush()
    hidden_demand = petition.demands[1]
    hidden_demand.status = "draft"
    hidden_agency = factories.make_agency(name="Hidden Agency")
    officer = factories.make_officer(publish=True, agency=hidden_agency)
    hidden_officer = factories.make_officer(name="Hidden Officer")
    person = factories.make_person(publish=True, public_label="A resident")
    hidden_person = factories.make_person(public_label="Hidden Person")
    case = factories.make_case(publish=True, officers=[officer, hidden_officer])
    case.people.append(CasePerson(person=person, role="witness"))
    case.people.append(CasePerson(person=hidden_person, role="witness"))
    case.demand_links.append(DemandLink(demand=petition.demands[0]))
    case.demand_links.append(DemandLink(demand=hidden_demand))
    complaint = factories.make_complaint(
        publish=True,
        case=case,
        filed_with=hidden_agency,
        complainant=hidden_person,
        complainant_is_public=True,
        officers=[officer, hidden_officer],
    )
    factories.make_complaint(title="Hidden complaint", case=case)
    hidden_investigation = factories.make_investigation(title="Hidden investigation", case=case)
    investigation = factories.make_investigation(publish=True, case=case, agency=hidden_agency)
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2021, 1, 1),
        investigations=[investigation, hidden_investigation],
    )
    factories.make_duty_event(officer, title="Hidden duty event")
    factories.make_duty_event(hidden_officer, publish=True, title="Event of a hidden officer")
    factories.make_legal_action(
        publish=True, case=case, court=hidden_agency, officers=[hidden_officer]
    )
    factories.make_legal_action(title="Hidden legal action", case=case)
    complaint.demand_links.append(DemandLink(demand=hidden_demand))
    db.session.commit()
    hidden = [
        hidden_demand.id,
        hidden_agency.id,
        hidden_officer.id,
        hidden_person.id,
        hidden_investigation.id,
    ]
    hidden += db.session.scalars(select(Record.id).where(Record.status != "published")).all()
    return case.id, set(hidden)


def _walk(record, seen):
    """Every object reachable from ``record`` through its relationships (lazy loads)."""
    if id(record) in seen:
        return
    seen[id(record)] = record
    mapper = db.inspect(record).mapper
    for relationship in mapper.relationships:
        if relationship.key in ("created_by", "updated_by", "revisions", "user"):
            continue
        value = getattr(record, relationship.key)
        values = value if relationship.uselist else [value]
        for item in values:
            if item is not None:
                _walk(item, seen)


def test_no_relationship_load_reaches_an_unpublished_record(app):
    case_id, hidden = _surrounded_case()
    # The test's own session has every record loaded: the boundary must not hand them out.
    db.session.scalars(select(Record)).all()
    with public_view():
        case = db.session.get(Case, case_id)
        seen = {}
        _walk(case, seen)
        records = [item for item in seen.values() if isinstance(item, Record)]
        assert {item.status for item in records} == {"published"}
        assert not {item.id for item in records} & hidden
        kinds = {item.kind for item in records}
        assert {"case", "officer", "person", "complaint", "investigation"} <= kinds
        assert {"duty_event", "legal_action", "demand", "petition"} <= kinds
        # Link rows stay, but their unpublished record does not load.
        assert [link.officer is None for link in case.officers] == [False, True]
        assert [link.person is None for link in case.people] == [False, True]
        assert [link.demand is None for link in case.demand_links] == [False, True]
        complaint = case.complaints[0]
        assert complaint.filed_with is None and complaint.complainant is None
        assert len(complaint.officers) == 1


def test_every_query_path_is_behind_the_boundary(app):
    case_id, hidden = _surrounded_case()
    with public_view():
        for item_id in hidden:
            assert db.session.get(Record, item_id) is None
        everything = with_polymorphic(Record, "*", flat=True)
        assert not {item.id for item in db.session.scalars(select(everything))} & hidden
        joined = db.session.scalars(
            select(Officer).join(CaseOfficer).where(CaseOfficer.case_id == case_id)
        ).all()
        assert len(joined) == 1 and joined[0].id not in hidden
        subquery = select(Officer.id).scalar_subquery()
        found = set(db.session.scalars(select(Record.id).where(Record.id.in_(subquery))))
        assert found and not found & hidden
        assert db.session.get(Case, case_id) is not None
    # Outside the boundary (the workspace, the CLI) everything loads.
    assert all(db.session.get(Record, item_id) is not None for item_id in hidden)


def _public_endpoints(app):
    """Every endpoint of a public blueprint."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.partition(".")[0] in public_blueprints()
    ]


def test_every_public_blueprint_is_declared(app):
    # A route anyone may read belongs to a blueprint the boundary covers (the sign-in pages
    # and static files show no record).
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.partition(".")[0]
        if blueprint not in ("static", "auth") and EXPECTED[rule.endpoint]["anonymous"] == 200:
            assert blueprint in public_blueprints(), rule.endpoint


def test_every_public_endpoint_runs_behind_the_boundary(app, users):
    common, by_prefix = _world(users["admin"])
    client = app.test_client()
    assert client.post(
        "/login", data={"email": users["admin"].email, "password": _password()}
    ).status_code in (302, 303)
    statements = []

    def watch(execute_state):
        statements.append(is_public(execute_state.session))

    event.listen(db.session, "do_orm_execute", watch)
    try:
        rules = sorted(_public_endpoints(app), key=lambda rule: rule.rule)
        assert rules
        for rule in rules:
            url = rule.build(_arguments(rule, common, by_prefix), append_unknown=False)[1]
            method = "GET" if "GET" in rule.methods else "POST"
            statements.clear()
            response = client.open(url, method=method)
            assert response.status_code < 500, url
            assert all(statements), f"{rule.endpoint} queried outside the boundary"
    finally:
        event.remove(db.session, "do_orm_execute", watch)


def _password():
    """The shared test password."""
    from tests.conftest import PASSWORD

    return PASSWORD
