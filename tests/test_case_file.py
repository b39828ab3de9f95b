"""The case file: sections from the kinds registry, prefilled "Add a ..." forms, cite once."""

import pytest
from sqlalchemy import func, select

from tests.factories import make_agency, make_case, make_officer, make_source
from tests.manage_helpers import newest, text
from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.manage.forms import kind_forms
from tracker.models import Citation, Complaint, DutyEvent, Investigation, LegalAction
from tracker.records import bundle

SECTION_KINDS = [kind.name for kind in all_kinds() if kind.section and kind.section.case]


def _own_case(user, officers=()):
    """A draft case created by ``user``, with ``officers``."""
    case = make_case(officers=officers)
    db.session.flush()
    case.created_by_id = user.id
    db.session.commit()
    return case


def _own(record, user):
    """Make ``user`` the author of ``record`` and commit."""
    db.session.add(record)
    db.session.flush()
    record.created_by_id = user.id
    db.session.commit()
    return record


def test_the_sections_come_from_the_kinds_registry():
    assert [kind.name for kind in bundle.section_kinds()] == SECTION_KINDS
    assert {"complaint", "investigation", "duty_event", "legal_action"} <= set(SECTION_KINDS)


def test_the_case_file_shows_every_record_with_its_status(client, auth, users):
    officer = make_officer(name="Jane Roe", serial_number="4411")
    case = _own_case(users["volunteer"], officers=[officer])
    complaint = Complaint(title="Refused criminal complaint", complaint_kind="criminal", case=case)
    duty = DutyEvent(title="Reinstated", duty_kind="reinstated", officer=officer)
    db.session.add_all([complaint, duty])
    db.session.commit()
    auth.login_as(users["volunteer"])
    page = text(client.get(f"/manage/cases/{case.id}"))
    assert case.title in page
    assert "Jane Roe" in page
    assert "Refused criminal complaint" in page
    assert "Reinstated" in page  # a duty event follows the case through its officer
    assert page.count("status-badge status-draft") >= 4
    for kind_name in SECTION_KINDS:
        assert f"/manage/{kind_name.replace('_', '-')}/new?case={case.id}" in page


@pytest.mark.parametrize("kind_name", SECTION_KINDS)
def test_add_links_prefill_the_case_and_its_officers(client, auth, users, kind_name):
    officer = make_officer(name="Sam Poe")
    case = _own_case(users["volunteer"], officers=[officer])
    auth.login_as(users["volunteer"])
    slug = kind_name.replace("_", "-")
    form = text(
        client.get(
            f"/manage/{slug}/new?case={case.id}&officer={officer.id}&next=/manage/cases/{case.id}"
        )
    )
    form_class = kind_forms()[kind_name]
    if hasattr(form_class, "officer") or hasattr(form_class, "officers"):
        assert f"Sam Poe (#{officer.id})" in form  # a records request names no officer
    if kind_name not in ("duty_event", "allegation"):  # an allegation's case is its complaint's
        assert f"{case.title} (#{case.id})" in form


def test_add_an_allegation_fills_in_the_case_s_only_complaint(client, auth, users):
    from tests.factories import make_complaint

    officer = make_officer(name="Sam Poe")
    case = _own_case(users["volunteer"], officers=[officer])
    complaint = make_complaint(case=case, title="The only complaint")
    db.session.commit()
    auth.login_as(users["volunteer"])
    form = text(client.get(f"/manage/allegation/new?case={case.id}&officer={officer.id}"))
    assert f"The only complaint (#{complaint.id})" in form and f"Sam Poe (#{officer.id})" in form


def test_saving_with_next_returns_to_the_case_file(client, auth, users):
    officer = make_officer(name="Sam Poe")
    case = _own_case(users["volunteer"], officers=[officer])
    auth.login_as(users["volunteer"])
    url = f"/manage/investigation/new?case={case.id}&next=/manage/cases/{case.id}"
    data = {
        "title": "External review",
        "case": f"#{case.id}",
        "scope": "external",
        "investigation_status": "open",
        "finding": "pending",
        "officers-0": f"#{officer.id}",
    }
    response = client.post(url, data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/manage/cases/{case.id}")
    investigation = newest(Investigation)
    assert investigation.case_id == case.id
    assert investigation.officers == [officer]


@pytest.mark.parametrize(
    "target", ["https://evil.example.org/", "//evil.example.org", "/manage/users", "/login"]
)
def test_an_unsafe_next_is_ignored(client, auth, users, target):
    case = _own_case(users["volunteer"])
    auth.login_as(users["volunteer"])
    data = {"title": "Suit", "case": f"#{case.id}", "action_kind": "civil_suit"}
    data["action_status"] = "pending"
    response = client.post(f"/manage/legal-action/new?next={target}", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/manage/legal-action/{newest(LegalAction).id}")


def test_prefill_ignores_records_of_another_kind(client, auth, users):
    agency = make_agency()
    db.session.commit()
    auth.login_as(users["volunteer"])
    page = text(client.get(f"/manage/complaint/new?case={agency.id}&officer={agency.id}"))
    assert 'name="case" value=""' in page
    assert 'name="officers-0" value=""' in page


def _cite_data(case, ticked, **extra):
    """The cite-once form's data for ``case``: ``ticked`` maps records to locators."""
    data = dict(extra)
    for index, record in enumerate(bundle.members(case)):
        data[f"records-{index}-record_id"] = str(record.id)
        if record in ticked:
            data[f"records-{index}-cite"] = "y"
            data[f"records-{index}-locator"] = ticked[record] or ""
    return data


def test_cite_once_cites_a_new_source_on_the_ticked_records(client, auth, users):
    volunteer = users["volunteer"]
    officer = _own(make_officer(name="Ann Lee"), volunteer)
    case = _own_case(volunteer, officers=[officer])
    complaint = _own(Complaint(title="C", complaint_kind="criminal", case=case), volunteer)
    suit = _own(LegalAction(title="S", action_kind="civil_suit", case=case), volunteer)
    auth.login_as(volunteer)
    data = _cite_data(
        case,
        {case: "p. 1", complaint: "p. 2", suit: None},
        new_url="https://news.example.org/story",
        new_title="The Star",
        new_kind="news",
    )
    response = client.post(f"/manage/cases/{case.id}/cite", data=data)
    assert response.status_code == 302
    for record, locator in ((case, "p. 1"), (complaint, "p. 2"), (suit, None)):
        db.session.refresh(record)
        assert [(c.source.title, c.locator) for c in record.citations] == [("The Star", locator)]
    db.session.refresh(officer)
    assert officer.citations == []  # not ticked
    page = text(client.get(f"/manage/cases/{case.id}"))
    assert "The Star" in page and "p. 2" in page


def test_cite_once_with_an_existing_source(client, auth, users):
    volunteer = users["volunteer"]
    case = _own_case(volunteer)
    source = make_source(title="Court filing 7")
    db.session.commit()
    auth.login_as(volunteer)
    client.post(
        f"/manage/cases/{case.id}/cite",
        data=_cite_data(case, {case: "exhibit A"}, source=f"#{source.id}"),
    )
    db.session.refresh(case)
    assert [(c.source_id, c.locator) for c in case.citations] == [(source.id, "exhibit A")]


@pytest.mark.parametrize(
    ("extra", "ticked", "message"),
    [
        ({}, True, "Choose a source, or give a new web address."),
        ({"new_url": "https://x.example.org"}, True, "Give the new source a title."),
        ({"new_url": "ftp://x", "new_title": "T"}, True, "starting with http"),
        ({"new_url": "https://x.example.org", "new_title": "T"}, False, "Tick at least one"),
        ({"source": "#999999"}, True, "#999999"),
    ],
)
def test_cite_once_errors_keep_the_input_and_save_nothing(
    client, auth, users, extra, ticked, message
):
    volunteer = users["volunteer"]
    case = _own_case(volunteer)
    auth.login_as(volunteer)
    before = db.session.scalar(select(func.count()).select_from(Citation))
    data = _cite_data(case, {case: "kept locator"} if ticked else {}, **extra)
    response = client.post(f"/manage/cases/{case.id}/cite", data=data)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    if ticked:
        assert "kept locator" in page
    for value in extra.values():
        assert value in page
    assert db.session.scalar(select(func.count()).select_from(Citation)) == before


def test_cite_once_refuses_records_the_user_may_not_edit(client, auth, users):
    case = make_case()  # nobody's draft: a volunteer may not edit it
    db.session.commit()
    auth.login_as(users["volunteer"])
    data = _cite_data(case, {case: None}, new_url="https://y.example.org", new_title="Y")
    response = client.post(f"/manage/cases/{case.id}/cite", data=data)
    assert response.status_code == 400
    assert "only on your own drafts" in text(response)
    db.session.refresh(case)
    assert case.citations == []


def test_the_case_file_of_a_missing_case_is_404(client, auth, users):
    auth.login_as(users["volunteer"])
    assert client.get("/manage/cases/999999").status_code == 404
    assert client.get(f"/manage/cases/{make_agency().id}").status_code in (404,)


def test_a_new_case_opens_its_case_file(client, auth, users):
    auth.login_as(users["volunteer"])
    response = client.post(
        "/manage/case/new", data={"title": "New", "case_kind": "use_of_force", "outcome": "unknown"}
    )
    assert response.headers["Location"].endswith(f"/manage/cases/{newest().id}")


def test_save_then_add_goes_to_the_next_form_of_the_case(client, auth, users):
    officer = make_officer(name="Rae Cole")
    case = _own_case(users["volunteer"], officers=[officer])
    auth.login_as(users["volunteer"])
    form = text(client.get(f"/manage/complaint/new?case={case.id}&next=/manage/cases/{case.id}"))
    assert "Save, then add an investigation" in form
    data = {"title": "C", "case": f"#{case.id}", "complaint_kind": "criminal"}
    url = f"/manage/complaint/new?case={case.id}&next=/manage/cases/{case.id}&then=investigation"
    response = client.post(url, data=data)
    location = response.headers["Location"]
    assert location.startswith(f"/manage/investigation/new?case={case.id}&officer={officer.id}")
    assert f"next=/manage/cases/{case.id}" in location.replace("%2F", "/")
    # Without a case file to come back to, "then" is ignored.
    response = client.post("/manage/complaint/new?then=investigation", data=data | {"title": "D"})
    assert response.headers["Location"].endswith(f"/manage/complaint/{newest(Complaint).id}")


def _demand_data(case, record, ticked):
    """The demands checklist's data: link ``record`` to ``ticked`` {demand: note}."""
    from tracker.records.references import demand_candidates

    data = {"record": str(record.id)}
    for index, demand in enumerate(demand_candidates()):
        data[f"demands-{index}-demand_id"] = str(demand.id)
        if demand in ticked:
            data[f"demands-{index}-link"] = "y"
            data[f"demands-{index}-note"] = ticked[demand]
    return data


def test_the_demands_checklist_links_several_demands_at_once(client, auth, users):
    from tests.factories import make_petition

    petition = make_petition(publish=True, demands=3)
    case = _own_case(users["volunteer"])
    auth.login_as(users["volunteer"])
    one, two, three = petition.demands
    data = _demand_data(case, case, {one: "n1", two: "n2", three: ""})
    assert client.post(f"/manage/cases/{case.id}/demands", data=data).status_code == 302
    db.session.refresh(case)
    assert sorted((link.demand.number, link.note) for link in case.demand_links) == [
        (1, "n1"),
        (2, "n2"),
        (3, None),
    ]
    page = text(client.post(f"/manage/cases/{case.id}/demands", data=_demand_data(case, case, {})))
    assert "Tick at least one demand." in page


def test_the_demands_checklist_refuses_records_the_user_may_not_edit(client, auth, users):
    from tests.factories import make_petition

    petition = make_petition(publish=True, demands=1)
    case = make_case()
    db.session.commit()
    auth.login_as(users["volunteer"])
    data = _demand_data(case, case, {petition.demands[0]: "kept note"})
    response = client.post(f"/manage/cases/{case.id}/demands", data=data)
    assert response.status_code == 400
    assert "only your own drafts" in text(response) and "kept note" in text(response)
    assert case.demand_links == []


def test_the_case_file_offers_citing_and_linking_only_to_who_may_edit(client, auth, users):
    case = make_case()  # nobody's draft
    db.session.commit()
    auth.login_as(users["volunteer"])
    page = text(client.get(f"/manage/cases/{case.id}"))
    assert "Cite on the ticked records" not in page
    assert "Add a complaint" in page  # a new record of one's own can still be added


def _case_with_careers(user, size):
    """A draft case of 2020-05-01 with ``size`` officers, each with two assignments."""
    from datetime import date

    from tests.factories import make_assignment

    officers = [make_officer(name=f"Career Officer {n}") for n in range(size)]
    for officer in officers:
        make_assignment(officer, unit="Old unit", badge_number="11", ended_on=date(2018, 12, 31))
        make_assignment(officer, unit="Fifth district", badge_number="22")
    return _own_case(user, officers=officers), officers


def test_the_case_file_shows_where_each_officer_served_on_the_case_s_date(client, auth, users):
    case, (officer,) = _case_with_careers(users["volunteer"], 1)
    other = make_officer(name="No Career")
    case.officers.append(case.officers[0].__class__(officer=other, role="witness"))
    db.session.commit()
    auth.login_as(users["volunteer"])
    page = text(client.get(f"/manage/cases/{case.id}"))
    assert "On the case's date: Fifth district, badge 22" in page
    assert "Old unit" not in page  # ended before the case
    assert "No assignment known on the case's date." in page  # the officer with no career
    link = (
        f"/manage/assignment/new?officer={officer.id}"
        f"&amp;next=/manage/cases/{case.id}%23people-heading"
    )
    assert link in page.replace("%2F", "/")
    form = text(client.get(link.replace("&amp;", "&")))
    assert f"Career Officer 0 (#{officer.id})" in form


def test_the_case_file_reads_the_careers_in_one_query(client, auth, users, monkeypatch):
    """Where the officers served costs one query, however many officers and assignments."""
    from tests.querycount import count_queries

    auth.login_as(users["editor"])
    careers = bundle.careers
    for size in (1, 4):
        case, _officers = _case_with_careers(users["editor"], size)
        counts = []
        for reader in (careers, lambda case: {}):
            monkeypatch.setattr(bundle, "careers", reader)
            db.session.expire_all()
            with count_queries() as counter:
                page = text(client.get(f"/manage/cases/{case.id}"))
            counts.append(counter.count)
        assert page.count("No assignment known on the case's date.") == size
        assert counts[0] - counts[1] == 1, counts


def test_the_case_file_costs_the_same_queries_for_1_or_8_officers(client, auth, users):
    from tests.querycount import count_queries

    auth.login_as(users["editor"])
    counts = []
    for size in (1, 8):
        case, _officers = _case_with_careers(users["editor"], size)
        db.session.expire_all()
        with count_queries() as seen:
            page = text(client.get(f"/manage/cases/{case.id}"))
        assert page.count("On the case's date: Fifth district, badge 22") == size
        counts.append(seen.count)
    assert counts[0] == counts[1], counts
