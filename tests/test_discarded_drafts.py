"""Discarding a never-published draft keeps it and its history, hides it everywhere, restores.

The design: "Nothing is hard deleted from the web UI." A discarded draft has the status
"discarded", a "discarded" revision (who, when, the reason), and shows only under the
"Discarded" filter until its author or an editor restores it.
"""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select
from sqlalchemy import text as sql

from tests.factories import make_case, make_complaint, make_person, make_record, make_source
from tests.manage_helpers import authored_by, text
from tracker.extensions import db as _db
from tracker.kinds import api_collections, exported_collections, kind_named
from tracker.manage.forms import kind_forms
from tracker.models import Case, CasePerson, Citation, Record, Revision
from tracker.models.choices import RECORD_STATUSES
from tracker.records import bundle, drafts
from tracker.records.references import NotFound, candidates, resolve
from tracker.records.visibility import public_view

KINDS = sorted(kind_forms())


def _discard(client, record, reason=""):
    """Discard ``record`` through the workspace, confirmed."""
    slug = record.kind.replace("_", "-")
    return client.post(
        f"/manage/{slug}/{record.id}/discard", data={"confirmed": "yes", "reason": reason}
    )


def _revisions(record):
    """The record's revisions, oldest first."""
    return _db.session.scalars(
        select(Revision).where(Revision.record_id == record.id).order_by(Revision.id)
    ).all()


def test_discarding_keeps_the_record_its_citations_and_its_history(client, volunteer, db):
    case = authored_by(make_case(title="Set aside case"), volunteer)
    case.citations.append(Citation(source=make_source()))
    db.session.commit()
    before = len(_revisions(case))

    ask = client.post(f"/manage/case/{case.id}/discard")
    assert ask.status_code == 200 and "restore" in text(ask) and 'name="reason"' in text(ask)
    db.session.expire_all()
    assert case.status == "draft"  # only the confirmation acts

    assert _discard(client, case, "Duplicate of #1").status_code == 302
    db.session.expire_all()
    assert db.session.get(Record, case.id).status == "discarded"
    assert len(case.citations) == 1
    revisions = _revisions(case)
    assert len(revisions) == before + 1
    last = revisions[-1]
    assert (last.action, last.user_id) == ("discarded", volunteer.id)
    assert last.comment == "Duplicate of #1"
    assert last.changes["status"] == ["draft", "discarded"]
    history = text(client.get(f"/manage/case/{case.id}/history"))
    assert "Discarded" in history and "Duplicate of #1" in history


def test_a_discarded_draft_cannot_be_edited_submitted_or_published(
    client, auth, volunteer, users, db
):
    case = authored_by(make_case(title="Gone case"), volunteer)
    case.citations.append(Citation(source=make_source()))
    db.session.commit()
    _discard(client, case)
    page = text(client.get(f"/manage/case/{case.id}"))
    assert "Restore the draft" in page and "Discard this draft" not in page
    assert "Submit for review" not in page
    client.post(f"/manage/case/{case.id}/submit")
    assert client.get(f"/manage/case/{case.id}/edit").status_code in (302, 403)
    assert _discard(client, case).status_code == 302  # twice: refused with a message
    auth.logout()
    auth.login_as(users["editor"])
    client.post(f"/manage/case/{case.id}/publish")
    db.session.expire_all()
    assert db.session.get(Record, case.id).status == "discarded"


@pytest.mark.parametrize("kind", KINDS)
def test_a_discarded_draft_is_hidden_from_lists_search_lookups_and_the_public(
    client, volunteer, db, kind
):
    record = authored_by(make_record(kind), volunteer)
    db.session.commit()
    record_id, title, slug = record.id, record.title, kind_named(kind).slug
    assert _discard(client, record).status_code == 302
    client.get("/manage/")  # shows the "discarded" message once

    assert title not in text(client.get("/manage/"))
    link = f'/manage/{slug}/{record_id}"'
    assert link not in text(client.get("/manage/search", query_string={"q": title}))
    found = client.get("/manage/search", query_string={"q": title, "status": "discarded"})
    assert link in text(found)
    assert "Discarded" in text(client.get("/manage/search"))  # the filter offers it
    assert link not in text(client.get(f"/manage/{slug}/"))
    assert link in text(client.get(f"/manage/{slug}/?status=discarded"))
    assert record_id not in [found.id for found in candidates((kind,), 1000)]
    for typed in (f"#{record_id}", title):
        with pytest.raises(NotFound):
            resolve(typed, (kind,))
    with public_view():
        assert _db.session.get(Record, record_id) is None
    for collection in exported_collections():
        for ending in ("csv", "json"):
            download = client.get(f"/data/{collection.collection}.{ending}")
            assert title not in download.get_data(as_text=True)
    for collection in api_collections():
        assert client.get(f"/api/v1/{collection.path}/{record_id}").status_code == 404


@pytest.mark.parametrize("status", sorted(RECORD_STATUSES))
def test_the_public_boundary_admits_only_published(db, status):
    case = make_case(title=f"A {status} case", publish=True)
    db.session.commit()
    case.status = status
    db.session.commit()
    with public_view():
        shown = _db.session.get(Record, case.id) is not None
    assert shown == (status == "published")


def test_a_discarded_record_leaves_the_case_file_and_the_case_bundle(client, volunteer, db):
    case = authored_by(make_case(title="Whole case"), volunteer)
    kept = authored_by(make_complaint(case=case, title="Kept complaint"), volunteer)
    gone = authored_by(make_complaint(case=case, title="Gone complaint"), volunteer)
    db.session.commit()
    _discard(client, gone)
    client.get("/manage/")  # shows the "discarded" message once
    db.session.expire_all()

    members = bundle.members(case)
    assert kept in members and gone not in members
    page = text(client.get(f"/manage/cases/{case.id}"))
    assert "Kept complaint" in page and "Gone complaint" not in page
    client.post(f"/manage/cases/{case.id}/submit")
    db.session.expire_all()
    assert gone.status == "discarded" and kept.status == "in_review"
    assert gone not in bundle.to_publish(case)


def test_a_case_with_complaints_is_discarded_only_after_them(client, volunteer, db):
    case = authored_by(make_case(title="Has a complaint"), volunteer)
    complaint = authored_by(make_complaint(case=case), volunteer)
    person = authored_by(make_person(), volunteer)
    case.people.append(CasePerson(person=person, role="witness"))
    db.session.commit()
    for pointed_at in (case, person):
        refused = _discard(client, pointed_at)
        message = text(client.get(refused.headers["Location"]))
        assert "Other records point at this draft" in message
    db.session.expire_all()
    assert (case.status, person.status) == ("draft", "draft")
    # The complaint first, then the case, then its person: a whole case set aside.
    for record in (complaint, case, person):
        _discard(client, record)
    db.session.expire_all()
    assert {case.status, complaint.status, person.status} == {"discarded"}


def test_restoring_a_discarded_draft(client, auth, users, volunteer, db):
    mine = authored_by(make_case(title="Mine"), volunteer)
    theirs = authored_by(make_case(title="Theirs"), users["editor"])
    db.session.commit()
    _discard(client, mine)
    assert client.post(f"/manage/case/{theirs.id}/restore-draft").status_code == 403
    assert client.post(f"/manage/case/{theirs.id}/discard").status_code == 403
    assert client.post(f"/manage/case/{mine.id}/restore-draft").status_code == 302
    db.session.expire_all()
    assert mine.status == "draft"
    last = _revisions(mine)[-1]
    assert (last.action, last.user_id) == ("undiscarded", volunteer.id)
    assert "Mine" in text(client.get("/manage/search"))
    # Restoring a record that is not discarded is refused with a message.
    client.post(f"/manage/case/{mine.id}/restore-draft")
    db.session.expire_all()
    assert mine.status == "draft" and _revisions(mine)[-1].action == "undiscarded"

    # An editor may discard and restore anyone's draft.
    auth.logout()
    auth.login_as(users["editor"])
    _discard(client, mine)
    db.session.expire_all()
    assert mine.status == "discarded"
    assert _revisions(mine)[-1].user_id == users["editor"].id
    client.post(f"/manage/case/{mine.id}/restore-draft")
    db.session.expire_all()
    assert mine.status == "draft"
    assert _revisions(mine)[-1].user_id == users["editor"].id


def test_discard_and_restore_need_the_csrf_token(app, client, volunteer, db):
    case = authored_by(make_case(title="Protected"), volunteer)
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    _discard(client, case)
    db.session.expire_all()
    assert case.status == "draft"
    case.status = "discarded"
    db.session.commit()
    client.post(f"/manage/case/{case.id}/restore-draft")
    db.session.expire_all()
    assert case.status == "discarded"


def test_the_reason_is_limited_and_kept_beside_its_field(client, volunteer, db):
    case = authored_by(make_case(title="Too long"), volunteer)
    db.session.commit()
    response = _discard(client, case, "x" * 501)
    page = text(response)
    assert response.status_code == 200 and "Keep the reason under 500 characters." in page
    assert "x" * 501 in page  # what was typed is kept, to shorten
    db.session.expire_all()
    assert case.status == "draft"


def test_the_migration_turns_discarded_back_into_draft_and_up_again(app, volunteer, db):
    case = authored_by(make_case(title="Through the migration"), volunteer)
    db.session.commit()
    drafts.discard(case, "Why not")
    db.session.commit()
    case_id = case.id
    db.session.remove()

    downgrade(revision="a7c41e9d2b60")
    with db.engine.begin() as connection:
        status = connection.execute(
            sql("SELECT status FROM records WHERE id = :id"), {"id": case_id}
        ).scalar()
        actions = connection.execute(
            sql("SELECT action, comment FROM revisions WHERE record_id = :id ORDER BY id"),
            {"id": case_id},
        ).all()
        rows = connection.execute(sql("SELECT count(*) FROM cases")).scalar()
    assert status == "draft" and rows == 1  # no row lost to the constraint change
    assert tuple(actions[-1]) == ("status", "Why not")
    with pytest.raises(Exception), db.engine.begin() as connection:  # noqa: B017, PT011
        connection.execute(sql("UPDATE records SET status = 'discarded'"))

    upgrade()
    with db.engine.begin() as connection:
        connection.execute(sql("UPDATE records SET status = 'discarded'"))
        assert connection.execute(sql("SELECT count(*) FROM cases")).scalar() == 1
    with pytest.raises(Exception), db.engine.begin() as connection:  # noqa: B017, PT011
        connection.execute(sql("UPDATE records SET status = 'nonsense'"))
    if db.engine.dialect.name == "sqlite":  # the in-place CHECK change left a sound file
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            triggers = connection.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
            ).scalar()
        assert triggers >= 3  # the search index's triggers are still there


def test_the_import_makes_a_new_record_rather_than_reviving_a_discarded_one(
    client, auth, users, db
):
    from tests.test_imports import CASES, _post

    auth.logout()
    auth.login_as(users["editor"])
    assert _post(client, CASES, commit="1").status_code == 302
    first = db.session.scalars(select(Case).where(Case.title == "Stop on Main Street")).one()
    _discard(client, first)
    assert _post(client, CASES, commit="1", update_existing="y").status_code == 302
    db.session.expire_all()
    found = db.session.scalars(select(Case).where(Case.title == "Stop on Main Street")).all()
    assert sorted(case.status for case in found) == ["discarded", "draft"]


def test_the_author_hears_of_an_editor_discarding_their_draft(client, auth, users, db):
    draft = authored_by(make_case(title="Their draft"), users["volunteer"])
    db.session.commit()
    auth.logout()
    auth.login_as(users["editor"])
    _discard(client, draft, "Out of scope")
    auth.logout()
    auth.login_as(users["volunteer"])
    page = text(client.get("/manage/"))
    assert "Discarded (discarded) by" in page and "Their draft" in page
