"""The public case list (filters, sort, pagination) and case pages."""

from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tracker.extensions import db
from tracker.models import Case, CasePerson, DemandLink, Tag, TimelineEvent
from tracker.records.workflow import unpublish


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_case_list_counts_filters_and_keeps_filters_in_links(app, client):
    officer = factories.make_officer(publish=True, name="Officer Filterable")
    factories.make_case(
        publish=True, title="Shooting in 2019", case_kind="shooting", occurred_on=date(2019, 2, 1)
    )
    factories.make_case(publish=True, title="Force in 2020", officers=[officer])
    factories.make_case(title="Draft case never listed")
    db.session.commit()

    page = _page(client, "/cases")
    assert "2 published cases." in page
    assert "Draft case never listed" not in page
    page = _page(client, "/cases?kind=shooting")
    assert "1 published case match these filters." in page
    assert "Shooting in 2019" in page and "Force in 2020" not in page
    assert '<option value="shooting" selected>' in page
    page = _page(client, f"/cases?officer={officer.id}")
    assert "Force in 2020" in page and "Shooting in 2019" not in page
    page = _page(client, "/cases?year=2019&kind=bogus&page=zz")
    assert "Shooting in 2019" in page and "Force in 2020" not in page


def test_case_list_paginates_with_filters_in_the_links(app, client):
    app.config["PER_PAGE"] = 2
    for number in range(5):
        factories.make_case(publish=True, title=f"Paged case {number}", case_kind="shooting")
    db.session.commit()
    page = _page(client, "/cases?kind=shooting&sort=title")
    assert "Paged case 0" in page and "Paged case 2" not in page
    assert "Page 1 of 3" in page
    # The next link names the last case shown: the next page starts after it (keyset).
    second = db.session.scalars(select(Case).where(Case.title == "Paged case 1")).one()
    link = f"/cases?page=2&amp;kind=shooting&amp;sort=title&amp;after={second.id}"
    assert f'href="{link}"' in page
    page = _page(client, link.replace("&amp;", "&"))
    assert "Paged case 2" in page and "Paged case 3" in page and "Paged case 1" not in page
    assert "Page 2 of 3" in page
    page = _page(client, "/cases?kind=shooting&sort=title&page=3")
    assert "Paged case 4" in page and "Paged case 0" not in page
    response = client.get("/cases?kind=shooting&page=99")
    assert response.status_code == 302


def test_case_page_shows_everything_on_record(app, client):
    petition = factories.make_petition(publish=True, demands=2)
    agency = factories.make_agency(publish=True, name="Kansas City Police Department")
    officer = factories.make_officer(publish=True, name="Jane Roe", rank="Sergeant")
    person = factories.make_person(publish=True, name="Public Person", name_is_public=True, age=31)
    case = factories.make_case(
        publish=True,
        title="A case with everything",
        officers=[officer],
        narrative="**Bold** words <script>alert(1)</script>",
        place="Troost Avenue",
    )
    case.people.append(CasePerson(person=person, role="subject"))
    case.tags.append(Tag(name="Traffic stop", slug="traffic-stop"))
    case.timeline.append(TimelineEvent(occurred_on=date(2020, 5, 2), description="Vigil held"))
    db.session.flush()
    case.demand_links.append(DemandLink(demand=petition.demands[1], note="How it bears"))
    complaint = factories.make_complaint(
        publish=True, case=case, filed_with=agency, acceptance="refused", filed_on=date(2020, 6, 1)
    )
    investigation = factories.make_investigation(
        publish=True, case=case, agency=agency, opened_on=date(2020, 6, 2), scope="external"
    )
    factories.make_duty_event(
        officer,
        publish=True,
        duty_kind="reinstated",
        occurred_on=date(2020, 7, 1),
        investigations=[investigation],
    )
    factories.make_legal_action(publish=True, case=case, docket_number="20-CV-1")
    factories.make_complaint(case=case, title="Draft complaint hidden")
    db.session.commit()

    page = _page(client, f"/cases/{case.id}")
    assert "<strong>Bold</strong>" in page and "<script>alert" not in page
    assert "Troost Avenue" in page and "Traffic stop" in page and "Vigil held" in page
    assert "Public Person" in page and "age 31" in page
    assert "Sergeant Jane Roe" not in page  # lists use the record title ...
    assert "Jane Roe" in page  # ... and the officer page the full display name
    assert f'id="record-{complaint.id}"' in page and "Refused" in page
    assert "External investigation by Kansas City Police Department" in page
    assert "Reinstated while a related investigation was open" in page
    assert "20-CV-1" in page
    assert "How it bears" in page and "Demand 2" in page
    assert "Draft complaint hidden" not in page
    assert "Last updated" in page and 'rel="canonical"' in page
    assert f'href="http://localhost/cases/{case.id}-a-case-with-everything"' in page


@pytest.mark.parametrize("suffix", ["", "-any-slug"])
def test_case_page_with_or_without_slug(app, client, suffix):
    case = factories.make_case(publish=True, title="Slugged")
    db.session.commit()
    assert "Slugged" in _page(client, f"/cases/{case.id}{suffix}")


def test_unpublished_and_draft_cases_are_404(app, client):
    draft = factories.make_case(title="Draft")
    gone = factories.make_case(publish=True, title="Gone")
    db.session.flush()
    unpublish(gone)
    db.session.commit()
    assert client.get(f"/cases/{draft.id}").status_code == 404
    assert client.get(f"/cases/{gone.id}").status_code == 404
    assert client.get("/cases/999999").status_code == 404


def test_officer_list_and_page(app, client):
    agency = factories.make_agency(publish=True, name="KCPD")
    officer = factories.make_officer(publish=True, name="John Doe", agency=agency)
    hidden = factories.make_officer(identity_status="withheld", publish=True)
    factories.make_officer(name="Draft Officer")
    case = factories.make_case(publish=True, title="Case of John Doe", officers=[officer])
    factories.make_duty_event(
        officer, publish=True, duty_kind="administrative_leave", occurred_on=date(2021, 1, 5)
    )
    factories.make_duty_event(officer, duty_kind="reinstated", occurred_on=date(2021, 3, 1))
    factories.make_complaint(publish=True, case=case, officers=[officer], title="Complaint X")
    db.session.commit()

    page = _page(client, "/officers")
    assert "John Doe" in page and hidden.title in page and "Draft Officer" not in page
    assert "On administrative leave" in page  # the draft reinstatement does not count
    page = _page(client, f"/officers/{officer.id}")
    assert "Case of John Doe" in page and "Complaint X" in page and "KCPD" in page
    assert "Administrative leave" in page and "since 5 January 2021" in page
    assert client.get(f"/officers/{officer.id}-john-doe").status_code == 200
    assert client.get("/officers/424242").status_code == 404


@pytest.mark.parametrize("path", ["/cases", "/cases/1", "/officers", "/officers/1", "/search"])
def test_public_pages_refuse_posts(client, path):
    assert client.post(path).status_code == 405


def test_case_officer_and_demand_pages_link_to_their_reports(client, demo):
    from tracker.models import Case, Officer

    case = db.session.scalars(select(Case).where(Case.title == "Death of Ryan Stokes")).one()
    officer = db.session.scalars(select(Officer).where(Officer.name == "Rick Smith")).one()
    pages = {
        f"/cases/{case.id}": f"/cases/{case.id}/report.pdf",
        f"/officers/{officer.id}": f"/officers/{officer.id}/report.pdf",
        "/demands/5": "/demands/5/report.pdf",
    }
    for page, report in pages.items():
        assert f'href="{report}"' in client.get(page).get_data(as_text=True), page
        assert client.get(report).status_code == 200


def test_parts_of_a_case_link_to_their_place_on_its_page(app, client):
    petition = factories.make_petition(publish=True, demands=1)
    case = factories.make_case(publish=True, title="Parent case")
    complaint = factories.make_complaint(publish=True, case=case, title="Linked complaint")
    db.session.flush()
    complaint.demand_links.append(DemandLink(demand=petition.demands[0], note="n"))
    db.session.commit()
    page = client.get("/demands/1").get_data(as_text=True)
    assert f'href="/cases/{case.id}#record-{complaint.id}">Linked complaint</a>' in page
    page = client.get("/").get_data(as_text=True)
    assert f'href="/cases/{case.id}#record-{complaint.id}"' in page


@pytest.mark.parametrize("role", [None, "volunteer", "editor", "admin"])
def test_every_role_reads_the_same_published_record(client, auth, users, role):
    published = factories.make_case(publish=True, title="Shown to all")
    draft = factories.make_case(title="Draft shown to none")
    officer = factories.make_officer(publish=True)
    db.session.commit()
    if role:
        auth.login_as(users[role])
    for path in ["/", "/cases", f"/cases/{published.id}", "/officers", f"/officers/{officer.id}"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Draft shown to none" not in response.get_data(as_text=True)
    for path in ["/search?q=draft", "/feed.xml", "/demands"]:
        assert client.get(path).status_code == 200
    assert client.get(f"/cases/{draft.id}").status_code == 404
