"""Admin actions that could go wrong (issue 9, point 11).

Each row of the users page shows its own user's role; no admin can take away the last admin
who can sign in; disable, role change, unpublish and restore ask first (no JavaScript); and
admin actions are written to an audit log admins can read.
"""

import re

from sqlalchemy import select

from tests.conftest import make_user
from tests.factories import make_agency
from tests.manage_helpers import form_values, separate_sessions, signed_in, text
from tracker.extensions import db
from tracker.models import Agency, AuditEvent, User


def _shown_roles(page):
    """{user id: the role selected in that user's row}."""
    shown = {}
    for user_id, menu in re.findall(r'<select id="role-(\d+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.findall(r'<option (?:selected value="(\w+)"|value="(\w+)" selected)', menu)
        shown[int(user_id)] = "".join(selected[0]) if selected else None
    return shown


def test_after_an_invitation_every_row_shows_its_own_role(client, auth, users):
    auth.login_as(users["admin"])
    page = text(
        client.post(
            "/manage/users/invite",
            data={"email": "new.admin@example.org", "name": "New", "role": "admin"},
        )
    )
    assert "/invite/" in page
    expected = {user.id: user.role for user in db.session.scalars(select(User))}
    assert _shown_roles(page) == expected
    assert expected[users["volunteer"].id] == "volunteer"
    # The same after an invitation that failed validation.
    page = text(client.post("/manage/users/invite", data={"email": "bad", "role": "editor"}))
    assert _shown_roles(page) == expected


def _invite(client, email, role):
    """Invite ``email`` as ``role``; return the token of the link."""
    page = text(client.post("/manage/users/invite", data={"email": email, "role": role}))
    return page.split("/invite/", 1)[1].split('"', 1)[0]


def test_an_admin_cannot_lock_everyone_out(app, client, auth, users):
    separate_sessions(app)
    admin = users["admin"]
    auth.login_as(admin)
    token = _invite(client, "second.admin@example.org", "admin")  # has no password yet
    for url, data, refusal in [
        (f"/manage/users/{admin.id}/active", {}, "cannot be disabled"),
        (f"/manage/users/{admin.id}/role", {"role": "editor"}, "must stay admin"),
    ]:
        for answer in ({}, {"confirmed": "yes"}):  # refused before the question, and after
            page = text(client.post(url, data={**data, **answer}, follow_redirects=True))
            assert "No other active admin can sign in" in page and refusal in page
    db.session.expire_all()
    assert (db.session.get(User, admin.id).role, db.session.get(User, admin.id).active) == (
        "admin",
        True,
    )

    # Once the other admin has set a password, the first may step down.
    password = "the second admin's password"
    app.test_client().post(f"/invite/{token}", data={"password": password, "confirm": password})
    response = client.post(f"/manage/users/{admin.id}/active", data={"confirmed": "yes"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, admin.id).active is False
    assert client.get("/manage/").status_code == 302  # signed out at once


def test_an_admin_without_a_password_can_be_disabled_by_one_with(client, auth, users):
    auth.login_as(users["admin"])
    _invite(client, "never.came@example.org", "admin")
    other = db.session.scalars(select(User).where(User.email == "never.came@example.org")).one()
    client.post(f"/manage/users/{other.id}/active", data={"confirmed": "yes"})
    db.session.expire_all()
    assert db.session.get(User, other.id).active is False


def test_disable_asks_first_and_the_question_page_does_it(client, auth, users):
    auth.login_as(users["admin"])
    volunteer = users["volunteer"]
    url = f"/manage/users/{volunteer.id}/active"
    page = text(client.post(url))
    assert "Disable the account of Volunteer (volunteer@example.org)?" in page
    assert 'href="/manage/users"' in page  # cancel
    assert "<script" not in page and " onclick=" not in page and " onsubmit=" not in page
    db.session.expire_all()
    assert db.session.get(User, volunteer.id).active is True  # nothing happened yet
    client.post(url, data=dict(form_values(page, url)))  # what the browser sends on "Disable"
    db.session.expire_all()
    assert db.session.get(User, volunteer.id).active is False


def test_a_role_change_asks_first_and_keeps_the_chosen_role(client, auth, users):
    auth.login_as(users["admin"])
    editor = users["editor"]
    url = f"/manage/users/{editor.id}/role"
    page = text(client.post(url, data={"role": "volunteer"}))
    assert "Make Editor volunteer?" in page
    db.session.expire_all()
    assert db.session.get(User, editor.id).role == "editor"
    values = dict(form_values(page, url))
    assert values["role"] == "volunteer" and values["confirmed"] == "yes"
    client.post(url, data=values)
    db.session.expire_all()
    assert db.session.get(User, editor.id).role == "volunteer"
    # The same role again changes nothing and asks nothing.
    page = text(client.post(url, data={"role": "volunteer"}, follow_redirects=True))
    assert "is already volunteer" in page


def test_unpublish_and_restore_ask_first(client, auth, users):
    agency = make_agency(publish=True, name="KCPD")
    db.session.commit()
    auth.login_as(users["editor"])
    client.post(
        f"/manage/agency/{agency.id}/edit",
        data={"name": "Kansas City PD", "agency_kind": "police_department", "version": "1"},
    )
    first = agency.revisions[0]
    for url, question in [
        (f"/manage/agency/{agency.id}/restore/{first.id}", "as it was after revision"),
        (f"/manage/agency/{agency.id}/unpublish", "Unpublish the agency"),
    ]:
        page = text(client.post(url))
        assert question in page
        db.session.expire_all()
        assert db.session.get(Agency, agency.id).status == "published"
        client.post(url, data=dict(form_values(page, url)))
    db.session.expire_all()
    agency = db.session.get(Agency, agency.id)
    assert (agency.name, agency.status) == ("KCPD", "unpublished")


def test_disabling_ends_the_sessions_for_good(app, auth, client, users):
    separate_sessions(app)
    volunteer = signed_in(app, users["volunteer"].email)
    assert volunteer.get("/manage/").status_code == 200
    auth.login_as(users["admin"])
    url = f"/manage/users/{users['volunteer'].id}/active"
    client.post(url, data={"confirmed": "yes"})
    client.post(url)  # enabled again
    assert volunteer.get("/manage/").status_code == 302  # the old session does not come back
    assert signed_in(app, users["volunteer"].email).get("/manage/").status_code == 200


def test_admin_actions_are_in_the_audit_log(app, client, auth, users):
    admin, volunteer = users["admin"], users["volunteer"]
    auth.login_as(admin)
    _invite(client, "invited@example.org", "editor")
    client.post(f"/manage/users/{volunteer.id}/reinvite")
    client.post(f"/manage/users/{volunteer.id}/role", data={"role": "editor", "confirmed": "yes"})
    client.post(f"/manage/users/{volunteer.id}/active", data={"confirmed": "yes"})
    client.post(f"/manage/users/{volunteer.id}/active")
    client.post(f"/manage/users/{volunteer.id}/active")  # asked, not confirmed: not recorded
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_id, e.target_email, e.detail) for e in events] == [
        ("invite", admin.id, "invited@example.org", "as editor"),
        ("new_link", admin.id, "volunteer@example.org", None),
        ("role", admin.id, "volunteer@example.org", "from volunteer to editor"),
        ("disable", admin.id, "volunteer@example.org", None),
        ("enable", admin.id, "volunteer@example.org", None),
    ]
    page = text(client.get("/manage/audit"))
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", page, re.S)
    assert len(rows) == 5
    assert "Enabled" in rows[0] and "Invited" in rows[-1]  # newest first
    assert "from volunteer to editor" in page and "invited@example.org" in page
    assert 'href="/manage/audit"' in text(client.get("/manage/users"))


def test_the_audit_log_pages(client, auth, users):
    target = make_user("volunteer", email="target@example.org")
    for _ in range(55):
        db.session.add(AuditEvent(action="enable", target=target, target_email=target.email))
    db.session.commit()
    auth.login_as(users["admin"])
    first = text(client.get("/manage/audit"))
    assert first.count("target@example.org") == 50 and "Older entries" in first
    second = text(client.get("/manage/audit?page=2"))
    assert second.count("target@example.org") == 5 and "Newer entries" in second
    assert client.get("/manage/audit?page=99999999999999999999").status_code == 200
