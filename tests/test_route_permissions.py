"""Request every route as anonymous, volunteer, editor and admin; compare with the table."""

from datetime import date

import pytest

from tests.conftest import make_user
from tests.factories import (
    make_allegation,
    make_assignment,
    make_case,
    make_complaint,
    make_duty_event,
    make_investigation,
    make_legal_action,
    make_meeting,
    make_officer,
    make_petition,
    make_record,
    make_records_request,
    make_source,
)
from tests.route_permissions import EXPECTED, ROLES
from tracker.extensions import db
from tracker.kind_pages import own_page_kinds
from tracker.models import Citation, DemandLink, DocketEntry

# Routes that end the session or disable the target user run last, in this order.
LAST = ("manage.toggle_active", "auth.logout")


def _world(admin):
    """Records for the URL arguments: a published case, and a draft case of the admin's."""
    petition = make_petition(publish=True, demands=2)
    officer = make_officer(publish=True)
    published = make_case(publish=True, officers=[officer])
    draft = make_case(title="Admin's draft")
    source = make_source()
    draft.citations.append(Citation(source=source))
    draft.demand_links.append(DemandLink(demand=petition.demands[0], note="n"))
    target = make_user("volunteer", email="target@example.org")
    # One published record of each kind the API and the reports serve.
    complaint = make_complaint(publish=True, case=published)
    allegation = make_allegation(complaint, publish=True, officer=officer)
    investigation = make_investigation(publish=True, case=published)
    duty_event = make_duty_event(officer, publish=True)
    assignment = make_assignment(officer, publish=True)
    legal_action = make_legal_action(publish=True, case=published)
    legal_action.docket.append(
        DocketEntry(entry_kind="filing", entry_on=date(2020, 1, 2), description="Filed")
    )
    meeting = make_meeting(publish=True)
    records_request = make_records_request(publish=True, case=published)
    db.session.flush()
    draft.created_by_id = admin.id
    db.session.commit()
    common = {
        "kind_slug": "case",
        "record_id": published.id,
        "number": 1,
        "slug": "a-slug",
        "token": "not-a-valid-token",
        "filename": "css/site.css",
        "user_id": target.id,
        "source_id": source.id,
        "citation_id": draft.citations[0].id,
        "link_id": draft.demand_links[0].id,
        "revision_id": draft.revisions[0].id,
    }
    # Per-endpoint-prefix arguments; the workspace acts on the admin's draft.
    by_prefix = {
        "manage.": {"record_id": draft.id, "case_id": draft.id},
        "manage.demand_status": {"record_id": petition.demands[0].id},
        "officers.": {"record_id": officer.id},
        "reports.officer_report": {"record_id": officer.id},
        "api.officers_detail": {"record_id": officer.id},
        "api.complaints_detail": {"record_id": complaint.id},
        "api.allegations_detail": {"record_id": allegation.id},
        "api.investigations_detail": {"record_id": investigation.id},
        "api.duty_events_detail": {"record_id": duty_event.id},
        "api.assignments_detail": {"record_id": assignment.id},
        "api.legal_actions_detail": {"record_id": legal_action.id},
        "api.records_requests_detail": {"record_id": records_request.id},
        "api.demands_detail": {"record_id": petition.demands[0].id},
        "api.meetings_detail": {"record_id": meeting.id},
        "api.docket_entries_detail": {"record_id": legal_action.docket[0].id},
        "api.sources_detail": {"record_id": published.citations[0].source_id},
        "sources.": {"source_id": published.citations[0].source_id},
        "data.": {"kind": "cases"},
        "imports.": {"kind": "case"},
        "sharing.": {"kind": "cases"},
    }
    # A published record of each kind with pages of its own, for its page and its PDF.
    for kind in own_page_kinds():
        record = make_record(kind.name, publish=True)
        db.session.commit()
        by_prefix[f"{kind.own_pages.blueprint}."] = {"record_id": record.id}
        by_prefix[f"reports.{kind.name}_report"] = {"record_id": record.id}
    return common, by_prefix


def _arguments(rule, common, by_prefix):
    """Fill the rule's URL arguments from the world."""
    values = dict(common)
    for prefix in sorted(by_prefix, key=len):
        if rule.endpoint.startswith(prefix):
            values.update(by_prefix[prefix])
    return {name: values[name] for name in rule.arguments}


def test_every_route_has_an_expectation(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(EXPECTED))
    assert not missing, f"add these endpoints to tests/route_permissions.py: {missing}"
    stale = sorted(set(EXPECTED) - endpoints)
    assert not stale, f"these rows name no route: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_role_as_expected(app, users, role):
    common, by_prefix = _world(users["admin"])
    client = app.test_client()
    if role != "anonymous":
        assert (
            client.post("/login", data={"email": users[role].email, "password": _pw()}).status_code
            == 302
        )
    rules = sorted(
        app.url_map.iter_rules(),
        key=lambda r: (LAST.index(r.endpoint) if r.endpoint in LAST else -1, r.rule),
    )
    wrong = []
    for rule in rules:
        expected = EXPECTED[rule.endpoint][role]
        url = rule.build(_arguments(rule, common, by_prefix), append_unknown=False)[1]
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method)
        got = response.status_code
        if (
            got == 302
            and role == "anonymous"
            and expected == 302
            and rule.endpoint != "auth.logout"
            and not response.headers["Location"].startswith("/login")
        ):
            got = "302 elsewhere"
        if got != expected:
            wrong.append(f"{method} {url} ({rule.endpoint}): expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def _pw():
    """The shared test password."""
    from tests.conftest import PASSWORD

    return PASSWORD
