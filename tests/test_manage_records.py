"""Creating and editing every record kind through the workspace forms."""

from datetime import date, timedelta

from tests.factories import make_agency, make_case, make_investigation, make_officer, make_person
from tests.manage_helpers import newest, text
from tracker.extensions import db
from tracker.models import (
    Agency,
    Case,
    Complaint,
    DutyEvent,
    Investigation,
    LegalAction,
    Officer,
    Person,
)

TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def test_new_case_with_people_officers_tags_and_timeline(client, volunteer):
    officer = make_officer(name="Jane Roe")
    person = make_person(name="Private Name", public_label="A driver")
    db.session.commit()
    assert client.get("/manage/case/new").status_code == 200
    response = client.post(
        "/manage/case/new",
        data={
            "title": "Traffic stop on Prospect",
            "occurred_on": "2020-05-01",
            "date_precision": "day",
            "case_kind": "use_of_force",
            "outcome": "injured",
            "narrative": "A *driver* was hurt.",
            "people-0-person": f"A driver (#{person.id})",
            "people-0-role": "subject",
            "officers-0-officer": "Jane Roe",
            "officers-0-role": "used_force",
            "tags": "traffic stop, taser",
            "timeline-0-occurred_on": "2020-05-02",
            "timeline-0-date_precision": "day",
            "timeline-0-description": "Complaint filed",
        },
    )
    assert response.status_code == 302
    case = newest(Case)
    assert case.title == "Traffic stop on Prospect"
    assert case.status == "draft"
    assert case.created_by_id == volunteer.id
    assert [(p.person, p.role) for p in case.people] == [(person, "subject")]
    assert [(o.officer, o.role) for o in case.officers] == [(officer, "used_force")]
    assert sorted(tag.slug for tag in case.tags) == ["taser", "traffic-stop"]
    assert [event.description for event in case.timeline] == ["Complaint filed"]
    page = text(client.get(response.headers["Location"]))
    assert "Traffic stop on Prospect" in page


def test_case_validation_errors_keep_the_input(client, volunteer):
    response = client.post(
        "/manage/case/new",
        data={
            "title": "",
            "occurred_on": TOMORROW,
            "case_kind": "use_of_force",
            "outcome": "fatal",
            "place": "Kept place",
            "officers-0-officer": "Nobody by that name",
            "officers-0-role": "involved",
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert "This field is required." in page
    assert "This date is in the future" in page
    assert "No officer is called “Nobody by that name”" in page
    assert 'value="Kept place"' in page
    assert 'value="Nobody by that name"' in page
    assert newest(Case) is None


def test_lookup_refuses_an_ambiguous_title(client, volunteer):
    make_officer(identity_status="withheld", title="Second officer")
    make_officer(identity_status="withheld", title="Second officer")
    db.session.commit()
    response = client.post(
        "/manage/duty-event/new",
        data={"title": "Leave", "officer": "Second officer", "duty_kind": "administrative_leave"},
    )
    page = text(response)
    assert "Several records are called “Second officer”" in page


def test_lookup_offers_suggestions_in_a_datalist(client, volunteer):
    officer = make_officer(name="Jane Roe")
    db.session.commit()
    page = text(client.get("/manage/duty-event/new"))
    assert 'list="lookup-officer"' in page
    assert page.count('<datalist id="lookup-officer">') == 1
    assert f'<option value="Jane Roe (#{officer.id})">' in page


def test_complaint_with_case_agency_officers_and_refusal(client, volunteer):
    case = make_case()
    agency = make_agency(name="Kansas City Police Department")
    officer = make_officer()
    person = make_person()
    db.session.commit()
    response = client.post(
        "/manage/complaint/new",
        data={
            "title": "Criminal complaint about the stop",
            "filed_on": "2020-06-01",
            "complainant": str(person.id),
            "case": f"#{case.id}",
            "complaint_kind": "criminal",
            "filed_with": agency.name,
            "acceptance": "refused",
            "acceptance_reason": "Told to go to internal affairs",
            "channel": "in_person",
            "refused_by_officer": officer.title,
            "refused_by_agency": agency.name,
            "refused_on": "2020-06-01",
            "officers-0": officer.title,
        },
    )
    assert response.status_code == 302
    complaint = newest(Complaint)
    assert complaint.case == case
    assert complaint.case_id == case.id
    assert complaint.filed_with == agency
    assert complaint.complainant == person
    assert complaint.officers == [officer]
    assert complaint.channel == "in_person" and complaint.refused_on == date(2020, 6, 1)
    assert complaint.refused_by_officer == officer and complaint.refused_by_agency == agency
    assert complaint.revisions[0].changes["case_id"] == [None, case.id]


def test_investigation_closed_before_opened_is_refused(client, volunteer):
    case = make_case()
    db.session.commit()
    data = {
        "title": "Internal affairs review",
        "case": str(case.id),
        "scope": "internal",
        "opened_on": "2020-06-10",
        "closed_on": "2020-06-01",
        "investigation_status": "closed",
        "finding": "pending",
    }
    response = client.post("/manage/investigation/new", data=data)
    assert "Closed on must be on or after opened on." in text(response)
    data["closed_on"] = "2020-07-01"
    assert client.post("/manage/investigation/new", data=data).status_code == 302
    assert newest(Investigation).case == case


def test_duty_event_links_investigations(client, volunteer):
    officer = make_officer()
    investigation = make_investigation(title="IA review")
    investigation.officers.append(officer)  # a related investigation must involve the officer
    db.session.commit()
    response = client.post(
        "/manage/duty-event/new",
        data={
            "title": "Back on duty",
            "officer": str(officer.id),
            "duty_kind": "reinstated",
            "occurred_on": "2020-08-01",
            "date_precision": "day",
            "investigations-0": "IA review",
        },
    )
    assert response.status_code == 302
    event = newest(DutyEvent)
    assert event.officer == officer
    assert event.investigations == [investigation]


def test_duty_event_needs_an_officer(client, volunteer):
    response = client.post(
        "/manage/duty-event/new", data={"title": "Leave", "duty_kind": "administrative_leave"}
    )
    assert "Choose a record." in text(response)


def test_legal_action_amounts_and_dates(client, volunteer):
    court = make_agency(name="Jackson County Circuit Court", agency_kind="court")
    db.session.commit()
    data = {
        "title": "Civil suit",
        "action_kind": "civil_suit",
        "court": court.name,
        "filed_on": "2021-01-05",
        "decided_on": "2020-01-01",
        "action_status": "pending",
        "amount_claimed": "-5",
    }
    page = text(client.post("/manage/legal-action/new", data=data))
    assert "Decided on must be on or after filed on." in page
    assert "Enter an amount from 0 to 100 billion." in page
    data.update(decided_on="2021-03-01", amount_claimed="150000.50")
    assert client.post("/manage/legal-action/new", data=data).status_code == 302
    action = newest(LegalAction)
    assert str(action.amount_claimed) == "150000.50"
    assert action.court == court


def test_officer_named_needs_a_name(client, volunteer):
    page = text(client.post("/manage/officer/new", data={"identity_status": "named"}))
    assert "Enter the officer" in page
    page = text(client.post("/manage/officer/new", data={"identity_status": "withheld"}))
    assert "Describe the officer" in page
    response = client.post(
        "/manage/officer/new",
        data={"identity_status": "named", "name": "William Thompson", "rank": "Officer"},
    )
    assert response.status_code == 302
    assert newest(Officer).title == "William Thompson"


def test_withheld_officer_description_cannot_be_the_name(client, volunteer):
    data = {"identity_status": "withheld", "name": "Jane Doe", "title": "jane doe "}
    page = text(client.post("/manage/officer/new", data=data))
    assert "must not be the officer&#39;s name" in page or "must not be the officer's name" in page
    data["title"] = "Second officer at the scene"
    assert client.post("/manage/officer/new", data=data).status_code == 302
    assert newest(Officer).title == "Second officer at the scene"


def test_person_age_and_minor_rules(client, volunteer):
    data = {"name": "Kid", "age": "130", "is_minor": "y", "name_is_public": "y"}
    page = text(client.post("/manage/person/new", data=data))
    assert "Age is 0 to 120." in page
    assert "name is never made public." in page
    data = {"name": "Kid", "age": "15", "is_minor": "y", "contact_details": "555-0100"}
    assert client.post("/manage/person/new", data=data).status_code == 302
    person = newest(Person)
    assert person.title == "A minor (name withheld)"
    assert person.contact_details == "555-0100"


def test_agency_duplicate_name_is_an_error_not_a_crash(client, volunteer):
    data = {"name": "KCPD", "agency_kind": "police_department"}
    assert client.post("/manage/agency/new", data=data).status_code == 302
    response = client.post("/manage/agency/new", data=data)
    assert response.status_code == 200
    assert "Another record already has one of these values" in text(response)
    assert db.session.query(Agency).count() == 1


def test_volunteer_edits_own_draft_but_not_others(client, volunteer, users):
    client.post("/manage/agency/new", data={"name": "KCPD", "agency_kind": "police_department"})
    agency = newest(Agency)
    page = text(client.get(f"/manage/agency/{agency.id}/edit"))
    assert 'name="version" type="hidden" value="1"' in page
    response = client.post(
        f"/manage/agency/{agency.id}/edit",
        data={
            "name": "Kansas City Police Department",
            "agency_kind": "police_department",
            "version": "1",
        },
    )
    assert response.status_code == 302
    db.session.refresh(agency)
    assert agency.title == "Kansas City Police Department"
    other = make_agency()
    db.session.commit()
    assert client.get(f"/manage/agency/{other.id}/edit").status_code == 403


def test_unknown_kind_and_record_are_404(client, volunteer):
    assert client.get("/manage/spaceship/new").status_code == 404
    assert client.get("/manage/case/999999").status_code == 404
    assert client.get("/manage/demand/new").status_code == 404


def test_editing_a_case_keeps_changes_and_drops_parts(client, auth, users):
    officer = make_officer(name="Kept Officer")
    gone = make_officer(name="Removed Officer")
    case = make_case(officers=[officer, gone], place="Old place")
    db.session.flush()
    from tracker.models import TimelineEvent

    case.timeline.append(TimelineEvent(description="First event", occurred_on=date(2020, 5, 2)))
    db.session.commit()
    auth.login_as(users["editor"])
    page = text(client.get(f"/manage/case/{case.id}/edit"))
    assert f'value="Kept Officer (#{officer.id})"' in page
    assert "First event" in page
    event_id = case.timeline[0].id
    response = client.post(
        f"/manage/case/{case.id}/edit",
        data={
            "version": str(case.version),
            "title": case.title,
            "case_kind": "shooting",
            "outcome": "fatal",
            "date_precision": "month",
            "occurred_on": "2020-05-01",
            "place": "New place",
            "officers-0-officer": f"#{officer.id}",
            "officers-0-role": "involved",
            "officers-1-officer": "",
            "officers-1-role": "involved",
            "timeline-0-id": str(event_id),
            "timeline-0-occurred_on": "2020-05-03",
            "timeline-0-date_precision": "day",
            "timeline-0-description": "First event, corrected",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert [item.officer for item in case.officers] == [officer]
    assert [(e.id, e.description) for e in case.timeline] == [(event_id, "First event, corrected")]
    assert case.place == "New place"
    changes = case.revisions[-1].changes
    assert changes["place"] == ["Old place", "New place"]
    assert "case_officers" in changes


def test_every_kind_has_working_new_view_edit_and_history_pages(client, auth, users):
    from tests.factories import make_complaint, make_duty_event, make_legal_action, make_petition

    officer = make_officer()
    records = [
        make_case(officers=[officer]),
        make_complaint(officers=[officer]),
        make_investigation(officers=[officer]),
        make_duty_event(officer),
        make_legal_action(),
        officer,
        make_person(),
        make_agency(),
    ]
    petition = make_petition(demands=1)
    db.session.commit()
    auth.login_as(users["editor"])
    for record in records:
        slug = record.kind.replace("_", "-")
        assert client.get(f"/manage/{slug}/new").status_code == 200, slug
        assert client.get(f"/manage/{slug}/").status_code == 200, slug
        for suffix in ("", "/edit", "/history"):
            url = f"/manage/{slug}/{record.id}{suffix}"
            assert client.get(url).status_code == 200, url
    for record in (petition, petition.demands[0]):
        assert client.get(f"/manage/{record.kind}/{record.id}").status_code == 200
        assert client.get(f"/manage/{record.kind}/{record.id}/edit").status_code == 404


def test_saving_an_unchanged_edit_form_changes_nothing(client, auth, users):
    from werkzeug.datastructures import MultiDict

    from tests.factories import make_complaint, make_duty_event, make_legal_action
    from tests.manage_helpers import form_values

    officer = make_officer(rank="Sergeant", badge_number="12")
    case = make_case(officers=[officer], place="Somewhere")
    complaint = make_complaint(officers=[officer], case=case, filed_on=date(2020, 6, 1))
    records = [
        case,
        complaint,
        make_investigation(officers=[officer], case=case, opened_on=date(2020, 6, 2)),
        make_duty_event(officer, occurred_on=date(2020, 7, 1)),
        make_legal_action(amount_claimed=100, case=case),
        officer,
        make_person(age=30, contact_details="secret"),
        make_agency(url="https://kcpd.org"),
    ]
    db.session.commit()
    auth.login_as(users["editor"])
    for record in records:
        url = f"/manage/{record.kind.replace('_', '-')}/{record.id}/edit"
        before = len(record.revisions)
        data = MultiDict(form_values(text(client.get(url))))
        response = client.post(url, data=data)
        assert response.status_code == 302, (url, text(response))
        db.session.expire_all()
        assert len(record.revisions) == before, (url, record.revisions[-1].changes)


def test_record_list_filters_by_status_and_title(client, auth, users):
    make_case(title="Stop on Prospect", publish=True)
    make_case(title="Shooting at 100% speed")
    db.session.commit()
    auth.login_as(users["volunteer"])
    page = text(client.get("/manage/case/?status=draft"))
    assert "Shooting at 100% speed" in page
    assert "Stop on Prospect" not in page
    page = text(client.get("/manage/case/?q=prospect"))
    assert "Stop on Prospect" in page
    assert "Shooting" not in page
    page = text(client.get("/manage/case/?q=100%25"))
    assert "Shooting at 100% speed" in page
    assert "Stop on Prospect" not in page
